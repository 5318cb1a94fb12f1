-- 班次模拟: a timed shift in which buyers of several scenarios arrive and overlap. Each buyer is an ordinary
-- practice session linked to its shift, so KPIs, history and transcripts treat it like any other session.
-- The arrival plan is drawn from the seed when the shift starts and stored with it: the server's ticker reads
-- it back after a restart, and arrival numbers are unique per shift, so two instances never add a buyer twice.
CREATE TABLE shifts (
    id          uuid        PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    seed        bigint      NOT NULL,
    minutes     integer     NOT NULL CHECK (minutes BETWEEN 1 AND 60),
    mode        text        NOT NULL CHECK (mode IN ('practice', 'exam')),
    level       integer     NOT NULL,
    started_at  timestamptz NOT NULL,
    ends_at     timestamptz NOT NULL,
    ended_at    timestamptz,
    plan        jsonb       NOT NULL
);
CREATE INDEX shifts_user ON shifts (user_id, started_at DESC);
CREATE INDEX shifts_running ON shifts (ends_at) WHERE ended_at IS NULL;

ALTER TABLE practice_sessions ADD COLUMN shift_id uuid REFERENCES shifts (id) ON DELETE CASCADE;
ALTER TABLE practice_sessions ADD COLUMN shift_arrival integer;
CREATE UNIQUE INDEX practice_sessions_shift ON practice_sessions (shift_id, shift_arrival) WHERE shift_id IS NOT NULL;
