-- Exam attempts (岗前考试 and other exams), their autosaved answers, and per-question mastery for 错题本.

-- One attempt of one trainee at one exam. The paper (questions drawn and option order) is fixed at start,
-- so a refresh shows the same paper and grading maps the shown positions back to the bank.
CREATE TABLE exam_attempts (
    id             uuid        PRIMARY KEY,
    user_id        bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    exam_id        text        NOT NULL,
    exam_title     text        NOT NULL,
    paper          jsonb       NOT NULL,
    pass_mark      double precision NOT NULL,
    started_at     timestamptz NOT NULL,
    deadline       timestamptz NOT NULL,
    submitted_at   timestamptz,
    auto_submitted boolean     NOT NULL DEFAULT false,
    percent        double precision,
    passed         boolean,
    pending        integer     NOT NULL DEFAULT 0,
    result         jsonb
);
CREATE INDEX exam_attempts_user ON exam_attempts (user_id, exam_id, started_at);
-- At most one open attempt per trainee and exam: a double click or a second tab resumes it.
CREATE UNIQUE INDEX exam_attempts_open ON exam_attempts (user_id, exam_id) WHERE submitted_at IS NULL;
-- The time-out sweep looks for open attempts past their deadline.
CREATE INDEX exam_attempts_due ON exam_attempts (deadline) WHERE submitted_at IS NULL;

-- The latest answer to each question of an attempt, as the trainee sent it (shown positions).
-- Essays get their points here when a trainer grades them.
CREATE TABLE attempt_answers (
    attempt_id  uuid        NOT NULL REFERENCES exam_attempts (id) ON DELETE CASCADE,
    question_id text        NOT NULL,
    answer      jsonb       NOT NULL,
    saved_at    timestamptz NOT NULL,
    fraction    double precision,
    graded_by   bigint      REFERENCES users (id) ON DELETE SET NULL,
    graded_at   timestamptz,
    PRIMARY KEY (attempt_id, question_id)
);

-- 错题本: a question answered wrong comes back in practice until it has been answered right twice in a row.
CREATE TABLE question_mastery (
    user_id          bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    question_id      text        NOT NULL,
    wrong_count      integer     NOT NULL DEFAULT 0,
    right_streak     integer     NOT NULL DEFAULT 0,
    last_answered_at timestamptz NOT NULL,
    PRIMARY KEY (user_id, question_id)
);
CREATE INDEX question_mastery_open ON question_mastery (user_id) WHERE wrong_count > 0 AND right_streak < 2;
