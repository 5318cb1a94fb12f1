-- Practice and exam chat sessions (练习 / 考核) and every event in them. KPIs are computed from these rows.

CREATE TABLE practice_sessions (
    id              uuid        PRIMARY KEY,
    user_id         bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    scenario_id     text        NOT NULL,
    scenario_title  text        NOT NULL,
    category        text        NOT NULL,
    difficulty      integer     NOT NULL,
    content_version bigint      NOT NULL,
    mode            text        NOT NULL CHECK (mode IN ('practice', 'exam')),
    seed            bigint      NOT NULL,
    started_at      timestamptz NOT NULL DEFAULT now(),
    ended_at        timestamptz,
    ending          text,
    outcome         text CHECK (outcome IN ('converted', 'resolved', 'escalated', 'lost')),
    satisfaction    integer,
    scorecard       jsonb
);
CREATE INDEX practice_sessions_user ON practice_sessions (user_id, started_at DESC);
CREATE INDEX practice_sessions_active ON practice_sessions (started_at) WHERE ended_at IS NULL;

-- One row per message or event, numbered per session. Buyer rows carry the time they are shown (after the
-- simulated typing delay); trainee rows the server's receive time, which is what response times use.
CREATE TABLE session_events (
    session_id  uuid        NOT NULL REFERENCES practice_sessions (id) ON DELETE CASCADE,
    seq         integer     NOT NULL,
    sender      text        NOT NULL CHECK (sender IN ('buyer', 'trainee', 'system')),
    kind        text        NOT NULL,
    text        text        NOT NULL DEFAULT '',
    at          timestamptz NOT NULL,
    step        text,
    client_id   text,
    metrics     jsonb,
    annotations jsonb,
    response_ms integer,
    silence_s   integer,
    PRIMARY KEY (session_id, seq)
);
-- A resent reply (same clientId) is recognised and answered again, never stored twice.
CREATE UNIQUE INDEX session_events_client ON session_events (session_id, client_id) WHERE client_id IS NOT NULL;
