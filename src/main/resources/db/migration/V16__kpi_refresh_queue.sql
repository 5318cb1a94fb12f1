-- The KPI roll-ups (V6 kpi_sessions/kpi_typed, V9 kpi_days) were recomputed by statement triggers inside the
-- transaction that ended a session or stored an event of an ended one. That recomputation (the session's row from
-- the live view, then its trainee-day from all that day's sessions) cost PostgreSQL ten times the CPU of the reply
-- itself and made the reply path wait for it: measured, the server path ran at 280 replies/s with the triggers and
-- 650 without. Now the triggers only queue the session; kpi_flush() recomputes the queued sessions in one statement.
-- The server's background verticle flushes every second, and every KPI read flushes first, so a reader still sees
-- every committed change (read-your-writes), while replies no longer pay for it.
CREATE TABLE kpi_queue (
    session_id uuid PRIMARY KEY REFERENCES practice_sessions (id) ON DELETE CASCADE
);

CREATE OR REPLACE FUNCTION kpi_sessions_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO kpi_queue SELECT n.id FROM changed n WHERE n.ended_at IS NOT NULL ON CONFLICT DO NOTHING;
    IF TG_OP = 'UPDATE' THEN
        DELETE FROM kpi_typed t USING changed n WHERE t.session_id = n.id AND n.ended_at IS NULL;
        DELETE FROM kpi_sessions k USING changed n WHERE k.session_id = n.id AND n.ended_at IS NULL;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION kpi_events_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO kpi_queue SELECT DISTINCT e.session_id FROM changed e
        JOIN practice_sessions p ON p.id = e.session_id WHERE p.ended_at IS NOT NULL
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

-- Recomputes the queued sessions' roll-ups; returns how many. Concurrent callers take disjoint sets: a row another
-- flush is taking is waited for and then gone, so a caller returns only after the queue it saw is applied.
CREATE FUNCTION kpi_flush() RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
    ids uuid[];
BEGIN
    WITH taken AS (DELETE FROM kpi_queue RETURNING session_id)
    SELECT array_agg(session_id) INTO ids FROM taken;
    PERFORM kpi_refresh(ids);
    RETURN coalesce(cardinality(ids), 0);
END $$;
