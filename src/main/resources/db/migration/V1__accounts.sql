-- Accounts, cohorts, browser sessions, API tokens and login throttling.

CREATE TABLE users (
    id            bigserial PRIMARY KEY,
    username      text        NOT NULL,
    display_name  text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('trainee', 'trainer', 'manager', 'admin')),
    password_hash text        NOT NULL,
    disabled      boolean     NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);
-- Usernames are compared case-insensitively: "Trainee1" and "trainee1" are the same person.
CREATE UNIQUE INDEX users_username_key ON users (lower(username));

-- 批次: a group of trainees hired together, owned by the trainers and managers who run it.
CREATE TABLE cohorts (
    id          bigserial PRIMARY KEY,
    name        text        NOT NULL UNIQUE,
    description text        NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Trainees are members; trainers and managers listed here own the cohort (their role says which).
CREATE TABLE cohort_members (
    cohort_id bigint NOT NULL REFERENCES cohorts (id) ON DELETE CASCADE,
    user_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    PRIMARY KEY (cohort_id, user_id)
);
CREATE INDEX cohort_members_user ON cohort_members (user_id);

-- Browser sessions live here so they survive a restart and are shared by every instance.
CREATE TABLE http_sessions (
    id         text        PRIMARY KEY,
    user_id    bigint      REFERENCES users (id) ON DELETE CASCADE,
    data       bytea       NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX http_sessions_expiry ON http_sessions (expires_at);
CREATE INDEX http_sessions_user ON http_sessions (user_id);

-- API bearer tokens; only a SHA-256 of the token is kept.
CREATE TABLE api_tokens (
    token_hash bytea       PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Failed sign-ins per key (user:<name> or ip:<addr>) in a sliding window; shared by all instances.
CREATE TABLE login_failures (
    key          text        PRIMARY KEY,
    failures     integer     NOT NULL,
    window_start timestamptz NOT NULL
);

CREATE TABLE app_settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);
