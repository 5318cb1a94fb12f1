-- Two changes to the stored scorecards (practice_sessions.scorecard, and the audit copies of appeals), so the data
-- has the shape SessionRubric writes now:
-- 1. A session in which the trainee never replied has no grade: its politeness, rules and speed were stored as 0, 100
--    and 100 (an empty list averaged), which put a 0 into every politeness KPI (a shift report read 礼貌分 48.7 while
--    every reply scored 84–100) and gave the buyer a total. Such a buyer now counts as unanswered (reply rate,
--    未回复), not as a score: only the outcome dimension stays, total and tier are null, passed is false.
-- 2. Must-pass failures become data ({item, reply, category, rule}) instead of an English sentence the browser
--    parsed with a regex ("violation off_platform (rule off-platform) in reply 3").

CREATE FUNCTION pg_temp.must_pass(card jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN jsonb_typeof(card -> 'mustPassFailures') = 'array'
                THEN jsonb_set(card, '{mustPassFailures}', coalesce((
                    SELECT jsonb_agg(CASE
                        WHEN jsonb_typeof(f) <> 'string' THEN f
                        WHEN m IS NULL THEN jsonb_build_object('item', 'no_violations', 'reply', 0, 'category', f #>> '{}', 'rule', null)
                        ELSE jsonb_build_object('item', 'no_violations', 'reply', m[3]::int, 'category', m[1], 'rule', m[2]) END
                        ORDER BY i)
                    FROM jsonb_array_elements(card -> 'mustPassFailures') WITH ORDINALITY AS x(f, i),
                         LATERAL (SELECT regexp_match(f #>> '{}', '^violation (\w+) \(rule ([^)]+)\) in reply (\d+)$') AS m) r),
                    '[]'::jsonb))
                ELSE card END
$$;

UPDATE practice_sessions SET scorecard = pg_temp.must_pass(scorecard)
WHERE scorecard IS NOT NULL AND jsonb_path_exists(scorecard, '$.mustPassFailures[*] ? (@.type() == "string")');
UPDATE appeals SET scorecard_before = pg_temp.must_pass(scorecard_before)
WHERE scorecard_before IS NOT NULL AND jsonb_path_exists(scorecard_before, '$.mustPassFailures[*] ? (@.type() == "string")');
UPDATE appeals SET scorecard_after = pg_temp.must_pass(scorecard_after)
WHERE scorecard_after IS NOT NULL AND jsonb_path_exists(scorecard_after, '$.mustPassFailures[*] ? (@.type() == "string")');

-- the kpi_sessions roll-up rows follow through the triggers of V6 (a session update re-computes its row)
UPDATE practice_sessions s
SET scorecard = jsonb_build_object(
        'dimensions', jsonb_strip_nulls(jsonb_build_object('outcome', s.scorecard -> 'dimensions' -> 'outcome')),
        'total', null, 'passed', false, 'tier', null,
        'mustPassFailures', coalesce(s.scorecard -> 'mustPassFailures', '[]'::jsonb))
WHERE s.ended_at IS NOT NULL AND s.scorecard IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM session_events e WHERE e.session_id = s.id AND e.sender = 'trainee');
