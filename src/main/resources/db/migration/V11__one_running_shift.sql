-- A trainee has at most one running shift: two starts at the same moment (two tabs, two instances) used to pass
-- the "is one running?" check together. ShiftStore.create inserts with ON CONFLICT against this index.
CREATE UNIQUE INDEX shifts_one_running ON shifts (user_id) WHERE ended_at IS NULL;
