-- KPI roll-up: one stored row per ended session with exactly what the kpi_sessions view of V5 computed, so the
-- dashboards aggregate ~one narrow row per session instead of re-deriving rounds and replies from every event.
-- The definitions stay in one place: the V5 view (renamed kpi_sessions_live) computes each row, and triggers
-- re-compute a session's row in the same transaction whenever the session or its events change after it ended
-- (the workbench stores replies and ends sessions as before; nothing else has to remember to update it).
-- KpiRollupTest checks that the stored rows equal the live view.

ALTER VIEW kpi_sessions RENAME TO kpi_sessions_live;

CREATE TABLE kpi_sessions (
    session_id       uuid        PRIMARY KEY REFERENCES practice_sessions (id) ON DELETE CASCADE,
    user_id          bigint      NOT NULL,
    scenario_id      text        NOT NULL,
    scenario_title   text        NOT NULL,
    category         text        NOT NULL,
    mode             text        NOT NULL,
    started_at       timestamptz NOT NULL,
    ended_at         timestamptz NOT NULL,
    outcome          text,
    satisfaction     integer,
    politeness       float8,
    rules            float8,
    total            float8,
    passed           boolean,
    tier             text,
    rounds           bigint      NOT NULL,
    answered         bigint      NOT NULL,
    in_3m            bigint      NOT NULL,
    response_s_sum   float8,
    first_response_s float8,
    buyer_messages   bigint      NOT NULL,
    replies          bigint      NOT NULL,
    violations       bigint      NOT NULL,
    forbidden        bigint      NOT NULL,
    typed_cpm        float8[]    NOT NULL,
    -- how many of typed_cpm fall in each 5 字/分 bucket (0–4.99 ... 150 and over): summed per group, it tells
    -- which bucket holds a group's median speed, so only that bucket's replies need sorting (ProgressStore)
    typed_hist       integer[]   NOT NULL
);
CREATE INDEX kpi_sessions_user ON kpi_sessions (user_id, started_at DESC);

-- One row per fully typed reply of an ended session (the typed_cpm arrays unnested) with its histogram bucket.
CREATE TABLE kpi_typed (
    session_id  uuid        NOT NULL REFERENCES practice_sessions (id) ON DELETE CASCADE,
    user_id     bigint      NOT NULL,
    started_at  timestamptz NOT NULL,
    category    text        NOT NULL,
    scenario_id text        NOT NULL,
    cpm         float8      NOT NULL,
    bucket      integer     NOT NULL
);
CREATE INDEX kpi_typed_user_bucket ON kpi_typed (user_id, bucket, cpm);

CREATE FUNCTION kpi_bucket(cpm float8) RETURNS integer LANGUAGE sql IMMUTABLE STRICT AS
    $$ SELECT least(30, floor(cpm / 5))::integer $$;
CREATE INDEX kpi_typed_session ON kpi_typed (session_id);

-- Re-computes the roll-up rows of the given sessions from the live view (a session not ended has none).
CREATE FUNCTION kpi_refresh(ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    IF ids IS NULL OR cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    DELETE FROM kpi_typed WHERE session_id = ANY (ids);
    DELETE FROM kpi_sessions WHERE session_id = ANY (ids);
    INSERT INTO kpi_sessions
    SELECT session_id, user_id, scenario_id, scenario_title, category, mode, started_at, ended_at, outcome, satisfaction,
           politeness, rules, total, passed, tier, rounds, answered, in_3m, response_s_sum, first_response_s,
           buyer_messages, replies, violations, forbidden, typed_cpm,
           ARRAY(SELECT count(c) FILTER (WHERE kpi_bucket(c) = b)::integer
                 FROM generate_series(0, 30) b LEFT JOIN unnest(typed_cpm) c ON true GROUP BY b ORDER BY b)
    FROM kpi_sessions_live WHERE session_id = ANY (ids);
    INSERT INTO kpi_typed (session_id, user_id, started_at, category, scenario_id, cpm, bucket)
    SELECT k.session_id, k.user_id, k.started_at, k.category, k.scenario_id, c, kpi_bucket(c)
    FROM kpi_sessions k, unnest(k.typed_cpm) c WHERE k.session_id = ANY (ids);
END $$;

-- Sessions: a row inserted already ended (imports, demo history), or an update (the session ends, its grade is stored).
CREATE FUNCTION kpi_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kpi_refresh(ARRAY(SELECT n.id FROM changed n WHERE n.ended_at IS NOT NULL));
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM kpi_typed t USING changed n WHERE t.session_id = n.id AND n.ended_at IS NULL;
        DELETE FROM kpi_sessions k USING changed n WHERE k.session_id = n.id AND n.ended_at IS NULL;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER kpi_sessions_inserted AFTER INSERT ON practice_sessions
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION kpi_sessions_changed();
CREATE TRIGGER kpi_sessions_updated AFTER UPDATE ON practice_sessions
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION kpi_sessions_changed();

-- Events: only events of an ended session change its row (replies to an open session wait for its end).
CREATE FUNCTION kpi_events_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM kpi_refresh(ARRAY(SELECT DISTINCT e.session_id FROM changed e
                              JOIN practice_sessions p ON p.id = e.session_id WHERE p.ended_at IS NOT NULL));
    RETURN NULL;
END $$;
CREATE TRIGGER kpi_events_inserted AFTER INSERT ON session_events
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION kpi_events_changed();
CREATE TRIGGER kpi_events_updated AFTER UPDATE ON session_events
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION kpi_events_changed();
CREATE TRIGGER kpi_events_deleted AFTER DELETE ON session_events
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION kpi_events_changed();

-- Sessions that ended before this migration.
SELECT kpi_refresh(ARRAY(SELECT id FROM practice_sessions WHERE ended_at IS NOT NULL));
