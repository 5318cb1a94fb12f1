-- bench dashboard: the history of a group of trainees ({USERS}: an ARRAY[...] of user ids), {SESSIONS} sessions each
-- over the last 90 days, written in three set-based statements (no row-by-row inserts):
--   1. the sessions, still open;  2. their events: per round a buyer line, sometimes a re-ask or a 在吗 nudge, and
--   the trainee's reply (typed, pasted or a quick phrase; annotations as the scorer stores them; a few late or
--   unanswered rounds, violations and forbidden phrases);  3. the sessions end with an outcome and a grade, which
--   is when the KPI roll-up (V6 triggers) computes their rows, as it does for a session ended in the workbench.
-- Statements are separated by lines holding only "-- next".
INSERT INTO practice_sessions (id, user_id, scenario_id, scenario_title, category, difficulty, content_version, mode, seed,
                               started_at)
SELECT gen_random_uuid(), u.id, 'bench-' || c.cat, c.cat || ' 练习', c.cat, 1 + (g % 3), 1,
       CASE WHEN g % 10 = 0 THEN 'exam' ELSE 'practice' END, g,
       now() - interval '90 days' + (g * interval '90 days' / {SESSIONS}) + (random() * interval '3 hours')
FROM users u
CROSS JOIN generate_series(1, {SESSIONS}) g
CROSS JOIN LATERAL (SELECT (ARRAY['size','bargaining','product','after_sales','logistics','difficult'])[1 + ((g + u.id) % 6)::int] AS cat) c
WHERE u.id = ANY({USERS});

-- next
WITH s AS MATERIALIZED (
    SELECT id, started_at, 4 + (abs(hashtext(id::text)) % 9) AS n, abs(hashtext(id::text) / 9) % 100 AS q
    FROM practice_sessions WHERE ended_at IS NULL AND user_id = ANY({USERS})
), r AS MATERIALIZED (
    SELECT s.id, s.started_at + k * interval '400 seconds' AS t0, s.n, s.q, k,
           (2 + 260 * random() ^ 3)::int AS resp, random() AS x, random() AS y, random() AS z,
           (ARRAY['亲,您好,这款M码适合身高160-165厘米、体重100-115斤的亲穿着哦', '好的亲,我帮您查一下物流,请稍等',
                  '亲,已经是活动最低价了,现在下单还送运费险哦', '非常抱歉给您带来不便,我们马上为您处理退换货',
                  '亲,七天无理由退货的,您放心购买', '您好,请问有什么可以帮您的呢?',
                  '亲,这边看到您的包裹已经到达杭州转运中心了,预计明天送达', '感谢您的支持,祝您生活愉快,有问题随时找我哦'])[1 + floor(random() * 8)::int] AS text,
           30 + 70 * random() AS cpm
    FROM s, generate_series(0, s.n - 1) k
)
INSERT INTO session_events (session_id, seq, sender, kind, text, at, step, client_id, metrics, annotations, response_ms)
SELECT id, 3 * k + 1, 'buyer', 'line', '这件衣服有优惠吗?我身高165穿什么码', t0, 'step' || k, NULL, NULL::jsonb, NULL::jsonb, NULL::int FROM r
UNION ALL
SELECT id, 3 * k + 2, 'buyer', CASE WHEN x < 0.04 THEN 'nudge' ELSE 'retry' END, CASE WHEN x < 0.04 THEN '在吗?' ELSE '在吗,能便宜点吗' END,
       t0 + interval '15 seconds', 'step' || k, NULL, NULL::jsonb, NULL::jsonb, NULL::int FROM r WHERE x < 0.12
UNION ALL
SELECT id, 3 * k + 3, 'trainee', 'reply', text, t0 + resp * interval '1 second', 'step' || k, 'c' || k,
       CASE WHEN y < 0.12 THEN jsonb_build_object('committed', 0, 'committedHan', 0, 'pasted', length(text), 'quickPhrase', 0,
                                                  'deleted', 0, 'activeMs', 0, 'firstKeyMs', NULL)
            WHEN y < 0.20 THEN jsonb_build_object('committed', 2, 'committedHan', 2, 'pasted', 0, 'quickPhrase', length(text) - 2,
                                                  'deleted', 0, 'activeMs', 1500, 'firstKeyMs', 800)
            ELSE jsonb_build_object('committed', length(text) + 2, 'committedHan', length(text) - 3, 'pasted', 0, 'quickPhrase', 0,
                                    'deleted', 2, 'activeMs', ((length(text) - 3) * 60000 / cpm)::int, 'firstKeyMs', 1200) END,
       jsonb_build_object(
           'politeness', jsonb_build_object('score', CASE WHEN z < 0.05 THEN 40 ELSE 70 + (z * 30)::int END,
                'verdict', CASE WHEN z < 0.05 THEN 'impolite' ELSE 'polite' END,
                'findings', jsonb_build_array(jsonb_build_object('type', CASE WHEN k = 0 THEN 'greeting' ELSE 'polite_marker' END,
                                                                 'entry', 'qin', 'start', 0, 'end', 1, 'advice', NULL, 'points', 5))
                            || CASE WHEN z < 0.05 THEN jsonb_build_array(jsonb_build_object('type', 'forbidden', 'entry', 'dont-know',
                                   'start', 2, 'end', 5, 'advice', '换成: 我帮您查一下', 'points', -20)) ELSE '[]'::jsonb END),
           'violations', CASE WHEN z < 0.015 THEN jsonb_build_array(jsonb_build_object('category', 'off_platform', 'rule', 'off-platform',
                                   'start', 0, 'end', 4, 'advice', '请在平台内沟通')) ELSE '[]'::jsonb END,
           'facts', jsonb_build_object('expected', jsonb_build_array('size'), 'matched', CASE WHEN x > 0.2 THEN jsonb_build_array('size') ELSE '[]'::jsonb END,
                                       'missing', CASE WHEN x > 0.2 THEN '[]'::jsonb ELSE jsonb_build_array('size') END),
           'offerPrice', NULL,
           'speed', jsonb_build_object('typedCpm', round(cpm::numeric, 1), 'accuracy', 0.95, 'plausible', true, 'responseMs', resp * 1000)),
       resp * 1000
FROM r WHERE NOT (q < 8 AND k = n - 1)
UNION ALL
SELECT id, 3 * k + 4, 'buyer', 'ending', '好的,谢谢', t0 + interval '300 seconds', NULL, NULL, NULL::jsonb, NULL::jsonb, NULL::int FROM r WHERE k = n - 1;

-- next
UPDATE practice_sessions p
SET ended_at = p.started_at + (4 + (abs(hashtext(p.id::text)) % 9)) * interval '400 seconds',
    ending = 'done',
    outcome = CASE WHEN p.category IN ('size', 'bargaining', 'product')
                   THEN CASE WHEN abs(hashtext(p.id::text) / 9) % 100 >= 45 THEN 'converted' ELSE 'lost' END
                   ELSE CASE WHEN abs(hashtext(p.id::text) / 9) % 100 >= 30 THEN 'resolved'
                             WHEN abs(hashtext(p.id::text) / 9) % 100 >= 8 THEN 'escalated' ELSE 'lost' END END,
    satisfaction = 1 + (abs(hashtext(p.id::text) / 9) % 100) / 20,
    scorecard = jsonb_build_object('dimensions', jsonb_build_object('politeness', 60 + abs(hashtext(p.id::text) / 7) % 40,
                                                                    'rules', 55 + abs(hashtext(p.id::text) / 11) % 45, 'speed', 80, 'outcome', 70),
                                   'total', 60 + abs(hashtext(p.id::text) / 13) % 40, 'passed', true, 'tier', '银牌', 'mustPassFailures', '[]'::jsonb)
WHERE p.ended_at IS NULL AND p.user_id = ANY({USERS});
