-- KPI definitions (see README "KPIs"): views over the stored events, so every number on a dashboard is a
-- query over rows a manager can open. Only ended sessions count; an open session has no outcome yet.

-- 买家轮次: the buyer messages (line, retry, nudge) between two trainee replies form one round. The buyer has
-- been waiting since the round's first message (Taobao's convention: consecutive buyer messages are timed
-- from the first), so the round's response time is the next reply's receive time minus that. A round no
-- reply followed is unanswered (answered_at NULL): the buyer left or the session ran out. The buyer's
-- closing lines (kind 'ending') ask for nothing and form no round.
CREATE VIEW kpi_rounds AS
SELECT q.session_id,
       q.round_no,
       min(q.at)   AS asked_at,
       count(*)    AS buyer_messages,
       r.at        AS answered_at,
       r.seq       AS answered_by_seq,
       -- a reply the buyer's typing delay made look early (sent while a burst was still being shown) counts as 0 s
       CASE WHEN r.at IS NOT NULL THEN greatest(0, extract(epoch FROM r.at - min(q.at)))::float8 END AS response_s
FROM (SELECT session_id, seq, sender, kind, at,
             count(*) FILTER (WHERE sender = 'trainee') OVER (PARTITION BY session_id ORDER BY seq) AS round_no
      FROM session_events) q
LEFT JOIN (SELECT session_id, seq, at, row_number() OVER (PARTITION BY session_id ORDER BY seq) AS reply_no
           FROM session_events WHERE sender = 'trainee') r
       ON r.session_id = q.session_id AND r.reply_no = q.round_no + 1
WHERE q.sender = 'buyer' AND q.kind IN ('line', 'retry', 'nudge')
GROUP BY q.session_id, q.round_no, r.at, r.seq;

-- One row per trainee reply: violations and forbidden phrases found in it, and its typing speed. Typing speed
-- counts only replies typed from start to end: a reply with pasted or quick-phrase text, without typed Han
-- characters or active time, or whose metrics the scorer found implausible, has none.
CREATE VIEW kpi_replies AS
SELECT e.session_id,
       e.seq,
       coalesce(jsonb_array_length(e.annotations -> 'violations'), 0) AS violations,
       (SELECT count(*) FROM jsonb_array_elements(coalesce(e.annotations -> 'politeness' -> 'findings', '[]'::jsonb)) f
        WHERE f ->> 'type' = 'forbidden') AS forbidden,
       CASE WHEN coalesce((e.metrics ->> 'pasted')::int, 0) = 0
             AND coalesce((e.metrics ->> 'quickPhrase')::int, 0) = 0
             AND (e.metrics ->> 'committedHan')::int > 0
             AND (e.metrics ->> 'activeMs')::bigint > 0
             AND coalesce((e.annotations -> 'speed' ->> 'plausible')::boolean, true)
            THEN (e.metrics ->> 'committedHan')::float8 * 60000 / (e.metrics ->> 'activeMs')::float8
       END AS typed_cpm
FROM session_events e
WHERE e.sender = 'trainee';

-- One row per ended session with everything the KPIs add up; dashboards aggregate these rows.
CREATE VIEW kpi_sessions AS
SELECT s.id AS session_id,
       s.user_id,
       s.scenario_id,
       s.scenario_title,
       s.category,
       s.mode,
       s.started_at,
       s.ended_at,
       s.outcome,
       s.satisfaction,
       (s.scorecard -> 'dimensions' ->> 'politeness')::float8 AS politeness,
       (s.scorecard -> 'dimensions' ->> 'rules')::float8      AS rules,
       (s.scorecard ->> 'total')::float8                      AS total,
       (s.scorecard ->> 'passed')::boolean                    AS passed,
       s.scorecard ->> 'tier'                                 AS tier,
       coalesce(rd.rounds, 0)          AS rounds,
       coalesce(rd.answered, 0)        AS answered,
       coalesce(rd.in_3m, 0)           AS in_3m,
       rd.response_s_sum,
       rd.first_response_s,
       coalesce(rd.buyer_messages, 0)  AS buyer_messages,
       coalesce(rp.replies, 0)         AS replies,
       coalesce(rp.violations, 0)      AS violations,
       coalesce(rp.forbidden, 0)       AS forbidden,
       coalesce(rp.typed_cpm, '{}')    AS typed_cpm
FROM practice_sessions s
LEFT JOIN LATERAL (
    SELECT count(*)                                                                    AS rounds,
           count(r.answered_at)                                                        AS answered,
           count(*) FILTER (WHERE r.response_s <= 180)                                 AS in_3m,
           sum(r.response_s)                                                           AS response_s_sum,
           max(r.response_s) FILTER (WHERE r.round_no = 0)                             AS first_response_s,
           sum(r.buyer_messages)                                                       AS buyer_messages
    FROM kpi_rounds r WHERE r.session_id = s.id) rd ON true
LEFT JOIN LATERAL (
    SELECT count(*)                                                   AS replies,
           sum(p.violations)                                          AS violations,
           sum(p.forbidden)                                           AS forbidden,
           array_agg(p.typed_cpm ORDER BY p.seq) FILTER (WHERE p.typed_cpm IS NOT NULL) AS typed_cpm
    FROM kpi_replies p WHERE p.session_id = s.id) rp ON true
WHERE s.ended_at IS NOT NULL;

CREATE INDEX practice_sessions_ended ON practice_sessions (user_id, started_at DESC) WHERE ended_at IS NOT NULL;
