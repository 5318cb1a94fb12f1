-- Practice quizzes (练习) and bank publishing: a trainer publishes a question bank as 练习 or 考试 to one cohort or
-- to every trainee; trainees see only what is published for them. Practice attempts are untimed and unlimited,
-- each answer graded as it is given; they are kept apart from exam_attempts so they never count in the quiz KPI.

-- One row per bank and audience. cohort_id NULL = every trainee. A cohort's own row wins over the everyone row,
-- so a bank can be practice for everyone and an exam for one cohort (whose trainees then only see the exam).
CREATE TABLE quiz_publications (
    id                 bigserial   PRIMARY KEY,
    bank               text        NOT NULL,
    cohort_id          bigint      REFERENCES cohorts (id) ON DELETE CASCADE,
    mode               text        NOT NULL CHECK (mode IN ('practice', 'exam')),
    -- exam settings, used when mode = 'exam'
    time_limit_minutes integer     NOT NULL DEFAULT 20 CHECK (time_limit_minutes BETWEEN 1 AND 240),
    pass_mark          double precision NOT NULL DEFAULT 80 CHECK (pass_mark BETWEEN 0 AND 100),
    attempts           integer     NOT NULL DEFAULT 3 CHECK (attempts BETWEEN 1 AND 20),
    published_by       bigint      REFERENCES users (id) ON DELETE SET NULL,
    published_at       timestamptz NOT NULL DEFAULT now()
);
-- one row per bank and audience; NULLs are not equal in a plain unique index, hence the two
CREATE UNIQUE INDEX quiz_publications_cohort ON quiz_publications (bank, cohort_id) WHERE cohort_id IS NOT NULL;
CREATE UNIQUE INDEX quiz_publications_everyone ON quiz_publications (bank) WHERE cohort_id IS NULL;

-- The banks shipped in scenarios/quizzes start as practice for every trainee (keys: file name without .yaml).
-- Banks added later (hand-written or imported from GIFT/Aiken) are unpublished until a trainer publishes them.
INSERT INTO quiz_publications (bank, cohort_id, mode) VALUES
    ('after-sales-decisions', NULL, 'practice'), ('disputes', NULL, 'practice'), ('escalation', NULL, 'practice'),
    ('false-advertising', NULL, 'practice'), ('freight', NULL, 'practice'), ('invoice', NULL, 'practice'),
    ('kpi', NULL, 'practice'), ('off-platform', NULL, 'practice'), ('phrasing', NULL, 'practice'),
    ('presale', NULL, 'practice'), ('privacy', NULL, 'practice'), ('product-knowledge', NULL, 'practice'),
    ('promotion', NULL, 'practice'), ('quality-guarantee', NULL, 'practice'), ('review-cashback', NULL, 'practice'),
    ('review', NULL, 'practice'), ('service-etiquette', NULL, 'practice'), ('seven-day-return', NULL, 'practice'),
    ('shipping', NULL, 'practice');

-- One practice run through a bank (or one category of it). The paper (question order, option order) is fixed at
-- start like an exam's, so a refresh shows the same options in the same places.
CREATE TABLE practice_attempts (
    id          uuid        PRIMARY KEY,
    user_id     bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    bank        text        NOT NULL,
    category    text        NOT NULL DEFAULT '',
    title       text        NOT NULL,
    paper       jsonb       NOT NULL,
    questions   integer     NOT NULL,
    answered    integer     NOT NULL DEFAULT 0,
    correct     double precision NOT NULL DEFAULT 0,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz
);
CREATE INDEX practice_attempts_user ON practice_attempts (user_id, bank, started_at);

-- Each question is answered once per attempt (the feedback shows the right answer); a new attempt starts afresh.
CREATE TABLE practice_answers (
    attempt_id  uuid        NOT NULL REFERENCES practice_attempts (id) ON DELETE CASCADE,
    question_id text        NOT NULL,
    answer      jsonb       NOT NULL,
    result      jsonb       NOT NULL,
    fraction    double precision NOT NULL,
    answered_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (attempt_id, question_id)
);
