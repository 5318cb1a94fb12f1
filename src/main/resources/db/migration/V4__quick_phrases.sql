-- 快捷短语: each trainee's own quick phrases, in the order they are shown (Alt+1..9 insert the first nine).
-- One row per user; a row with an empty list means the trainee deleted them all (defaults are seeded only
-- when there is no row).

CREATE TABLE quick_phrases (
    user_id    bigint      PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    phrases    text[]      NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
