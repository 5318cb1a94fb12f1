package io.kefutrainer.progress;

import io.kefutrainer.scoring.KpiTargets;
import io.kefutrainer.store.KpiStore;
import io.kefutrainer.store.TraineeHistoryStore;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.SessionFixtures;
import io.kefutrainer.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.kefutrainer.support.SessionFixtures.annotated;
import static io.kefutrainer.support.SessionFixtures.typed;
import static io.kefutrainer.support.TestApp.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every KPI computed from hand-made sessions whose numbers are worked out in the comments. */
@DbTest
class KpiDefinitionsTest {
    private static final double EPS = 1e-9;
    private static TestApp app;
    private static KpiStore store;
    private static TraineeHistoryStore history;
    private static KpiTargets targets;
    private static long trainee;
    private static long pastes;
    private static long silent;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        store = new KpiStore(app.app().pool());
        history = new TraineeHistoryStore(app.app().pool());
        targets = app.app().content().kpi();
        SessionFixtures fx = new SessionFixtures(app);
        trainee = fx.user("kpi_trainee", "trainee");
        OffsetDateTime day1 = OffsetDateTime.parse("2025-03-01T10:00:00+08:00");
        OffsetDateTime day2 = OffsetDateTime.parse("2025-03-02T10:00:00+08:00");
        // A: size (pre-sales), converted. Round 0 asked at 0 s (two lines), answered at 20 s; round 1 asked at 30 s,
        // answered at 250 s (220 s: late). Typed 20 字 in 20 s = 60 字/分, 10 字 in 7.5 s = 80 字/分. One forbidden phrase.
        fx.session(trainee, "size", day1, day1.plusSeconds(260), "converted", 5, 90.0, 80.0)
                .buyer("line", 0, "在吗").buyer("line", 4, "这件M码我能穿吗")
                .reply(20, "亲,不知道呢", typed(20, 20_000, 0, 0), annotated(0, 1, 2, 5))
                .buyer("line", 30, "那L呢")
                .reply(250, "L码合适", typed(10, 7_500, 0, 0), annotated(0, 0, 0, 0))
                .buyer("ending", 260, "好的,拍了");
        // B: after_sales, lost by silence. Round 0 answered in 10 s (pasted: no typing speed, one violation),
        // round 1 in 30 s (30 字 in 45 s = 40 字/分), round 2 (a line and a 在吗 nudge) never answered: late.
        fx.session(trainee, "after_sales", day2, day2.plusSeconds(600), "lost", 2, 60.0, 50.0)
                .buyer("line", 0, "我要退货")
                .reply(10, "加我微信吧", typed(0, 0, 15, 0), annotated(1, 0, 1, 3))
                .buyer("line", 15, "为什么")
                .reply(45, "亲,平台内可以直接申请退货", typed(30, 45_000, 0, 0), annotated(0, 0, 0, 0))
                .buyer("line", 50, "怎么申请")
                .silence(400).buyer("nudge", 400, "在吗?")
                .buyer("ending", 600, "算了");
        // C: still open: no KPI counts it.
        fx.session(trainee, "size", day2.plusHours(1), null, null, null, null, null)
                .buyer("line", 0, "在吗").reply(500, "在的", typed(2, 1000, 0, 0), annotated(0, 0, 0, 0));

        // Only pastes and quick phrases: no typing speed at all.
        pastes = fx.user("kpi_pastes", "trainee");
        fx.session(pastes, "bargaining", day1, day1.plusSeconds(100), "lost", 3, 70.0, 70.0)
                .buyer("line", 0, "便宜点")
                .reply(5, "亲,已经是最低价了", typed(0, 0, 9, 0), annotated(0, 0, 0, 0))
                .buyer("retry", 10, "再便宜点嘛")
                .reply(12, "您好,感谢您的支持", typed(2, 500, 0, 7), annotated(0, 0, 0, 0))
                .buyer("ending", 100, "不买了");

        // No replies at all: one unanswered round, nothing else to compute.
        silent = fx.user("kpi_silent", "trainee");
        fx.session(silent, "logistics", day1, day1.plusSeconds(400), "lost", 1, 0.0, 0.0)
                .buyer("line", 0, "快递到哪了").silence(300).buyer("nudge", 300, "在吗?").buyer("ending", 400, "差评");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static Kpis kpis(long user, Period period) {
        Map<String, Kpis> all = await(store.kpis(new KpiQuery(List.of(user), period.start(), period.end(), null, null, null,
                KpiQuery.GroupBy.all, targets.preSales(), targets.afterSales())));
        return all.getOrDefault("all", Kpis.NONE);
    }

    @Test
    @DisplayName("a trainee's KPIs over two ended sessions match the hand-computed values; the open session is left out")
    void traineeKpis() {
        Kpis k = kpis(trainee, Period.ALL);
        assertEquals(2, k.sessions());
        assertEquals(15.0, k.firstResponseS(), EPS, "mean of 20 s and 10 s");
        assertEquals(70.0, k.avgResponseS(), EPS, "(20 + 220 + 10 + 30) / 4 answered rounds");
        assertEquals(60.0, k.replyRate3m(), EPS, "3 of 5 rounds within 180 s: the 220 s one and the unanswered one are late");
        assertEquals(5, k.counts().rounds());
        assertEquals(3, k.counts().roundsIn3m());
        assertEquals(4, k.counts().answeredRounds());
        assertEquals(60.0, k.typingCpm(), EPS, "median of 60, 80 and 40; the pasted reply has no speed");
        assertEquals(3, k.counts().typedReplies());
        assertEquals(4.0 / 7.0, k.answerRatio(), EPS, "4 replies to 7 buyer messages (lines and the nudge; closing lines excluded)");
        assertEquals(100.0, k.conversionRate(), EPS, "the one pre-sales session converted");
        assertEquals(0.0, k.resolutionRate(), EPS, "the one after-sales session was lost");
        assertEquals(3.5, k.satisfaction(), EPS);
        assertEquals(25.0, k.violationsPer100(), EPS, "1 violation in 4 replies");
        assertEquals(25.0, k.forbiddenPer100(), EPS, "1 forbidden phrase in 4 replies");
        assertEquals(75.0, k.politenessScore(), EPS);
        assertEquals(65.0, k.rulesScore(), EPS);
        assertNull(k.quizScore(), "no quiz results are stored yet");
    }

    @Test
    @DisplayName("a period counts only the sessions started in it (shop days, China time)")
    void period() {
        Kpis k = kpis(trainee, new Period(LocalDate.parse("2025-03-02"), LocalDate.parse("2025-03-02")));
        assertEquals(1, k.sessions());
        assertEquals(10.0, k.firstResponseS(), EPS);
        assertEquals(20.0, k.avgResponseS(), EPS);
        assertEquals(100.0 * 2 / 3, k.replyRate3m(), EPS);
        assertNull(k.conversionRate(), "no pre-sales session in the period");
        assertEquals(Kpis.NONE, kpis(trainee, new Period(LocalDate.parse("2025-04-01"), null)));
    }

    @Test
    @DisplayName("only pasted and quick-phrase replies give no typing speed; a retry is a round of its own")
    void onlyPastes() {
        Kpis k = kpis(pastes, Period.ALL);
        assertNull(k.typingCpm());
        assertEquals(0, k.counts().typedReplies());
        assertEquals(2, k.counts().rounds());
        assertEquals(100.0, k.replyRate3m(), EPS);
        assertEquals(5.0, k.firstResponseS(), EPS);
        assertEquals(3.5, k.avgResponseS(), EPS, "(5 + 2) / 2");
        assertEquals(0.0, k.conversionRate(), EPS);
        assertNull(k.resolutionRate());
    }

    @Test
    @DisplayName("no replies: the unanswered round is late, and nothing is invented for what cannot be computed")
    void noReplies() {
        Kpis k = kpis(silent, Period.ALL);
        assertEquals(1, k.sessions());
        assertEquals(1, k.counts().rounds());
        assertEquals(0.0, k.replyRate3m(), EPS);
        assertNull(k.firstResponseS());
        assertNull(k.avgResponseS());
        assertNull(k.typingCpm());
        assertEquals(0.0, k.answerRatio(), EPS, "0 replies to a question and a nudge");
        assertNull(k.violationsPer100(), "per 100 replies: there are none");
        assertEquals(0.0, k.resolutionRate(), EPS);
    }

    @Test
    @DisplayName("grouping by trainee, category and day, and the last-N window of readiness")
    void groupsAndWindow() {
        Map<String, Kpis> byCategory = await(store.kpis(new KpiQuery(List.of(trainee), null, null, null, null, null,
                KpiQuery.GroupBy.category, targets.preSales(), targets.afterSales())));
        assertEquals(List.of("after_sales", "size"), List.copyOf(byCategory.keySet()));
        assertEquals(1, byCategory.get("size").sessions());
        Map<String, Kpis> byDay = await(store.kpis(new KpiQuery(List.of(trainee, pastes), null, null, null, null, null,
                KpiQuery.GroupBy.day, targets.preSales(), targets.afterSales())));
        assertEquals(List.of("2025-03-01", "2025-03-02"), List.copyOf(byDay.keySet()));
        assertEquals(2, byDay.get("2025-03-01").sessions());
        Map<String, Kpis> lastOne = await(store.kpis(new KpiQuery(List.of(trainee, pastes), null, null, null, null, 1,
                KpiQuery.GroupBy.trainee, targets.preSales(), targets.afterSales())));
        assertEquals(1, lastOne.get(String.valueOf(trainee)).sessions());
        assertEquals("after_sales", await(history.sessions(trainee, null, null, 1)).get(0).category(), "the newest ended session");
    }

    @Test
    @DisplayName("readiness lists every unmet target of kpi.yaml, too few sessions, and the missing 岗前考试")
    void readiness() {
        Readiness r = Readiness.judge(targets, kpis(trainee, Period.ALL), Readiness.Exam.unavailable());
        assertFalse(r.ready());
        List<String> unmet = r.unmet().stream().map(Readiness.Unmet::key).toList();
        assertEquals(List.of("sessions", "avg_response_s", "reply_in_3min_rate", "resolution_rate", "violations_per_100", "forbidden_per_100",
                "politeness_score", "rules_score", "satisfaction", "quiz_passed"), unmet);
        assertTrue(r.unmet().get(0).reason().contains("2"), r.unmet().get(0).reason());
    }

    @Test
    @DisplayName("the roll-up (V6) gives exactly the figures computed from the events through the live view")
    void rollupEqualsLive() {
        KpiStore live = new KpiStore(app.app().pool(), true);
        List<Long> users = List.of(trainee, pastes, silent);
        List<Period> periods = List.of(Period.ALL, new Period(LocalDate.parse("2025-03-02"), LocalDate.parse("2025-03-02")),
                new Period(null, LocalDate.parse("2025-03-01")));
        int compared = 0;
        for (KpiQuery.GroupBy groupBy : KpiQuery.GroupBy.values()) {
            for (Period period : periods) {
                for (Integer lastN : java.util.Arrays.asList(null, 1, 10)) {
                    KpiQuery q = new KpiQuery(users, period.start(), period.end(), null, null, lastN, groupBy,
                            targets.preSales(), targets.afterSales());
                    Map<String, Kpis> expected = await(live.kpis(q));
                    Map<String, Kpis> actual = await(store.kpis(q));
                    assertEquals(expected.keySet(), actual.keySet(), groupBy + " " + period + " last " + lastN);
                    expected.forEach((key, k) -> assertSame(k, actual.get(key), groupBy + " " + key + " last " + lastN));
                    if (lastN == null && groupBy != KpiQuery.GroupBy.category && groupBy != KpiQuery.GroupBy.scenario) {
                        assertEquals(actual, await(store.kpis(q, java.util.EnumSet.of(KpiQuery.GroupBy.trainee,
                                KpiQuery.GroupBy.day, KpiQuery.GroupBy.all))).get(groupBy), groupBy + " " + period + " in one scan");
                    }
                    compared += expected.size();
                }
            }
        }
        assertTrue(compared > 20, "compared " + compared + " groups");
        // the stored rows themselves (once the queue of V16 is applied, as every KPI read does): none differs from the view
        app.sql("SELECT kpi_flush()");
        String columns = "session_id, user_id, scenario_id, scenario_title, category, mode, started_at, ended_at, outcome,"
                + " satisfaction, politeness, rules, total, passed, tier, rounds, answered, in_3m, response_s_sum,"
                + " first_response_s, buyer_messages, replies, violations, forbidden, typed_cpm";
        assertEquals(0L, app.sql("SELECT count(*) FROM ((SELECT " + columns + " FROM kpi_sessions_live EXCEPT SELECT " + columns
                + " FROM kpi_sessions) UNION ALL (SELECT " + columns + " FROM kpi_sessions EXCEPT SELECT " + columns
                + " FROM kpi_sessions_live)) d").iterator().next().getLong(0));
        assertEquals(0L, app.sql("SELECT count(*) FROM kpi_sessions WHERE cardinality(typed_cpm)"
                + " <> (SELECT sum(h) FROM unnest(typed_hist) h)").iterator().next().getLong(0), "histograms count every typed reply");
        // the day roll-up (V9): one row per trainee and shop day holding exactly that day's session sums
        assertEquals(0L, app.sql("""
                SELECT count(*) FROM kpi_days d
                FULL JOIN (SELECT user_id, kpi_day(started_at) AS day, count(*) AS sessions, sum(rounds) AS rounds,
                                  sum(replies) AS replies, sum(violations) AS violations, sum(satisfaction) AS satisfaction,
                                  count(*) FILTER (WHERE outcome = 'converted') AS converted,
                                  sum(cardinality(typed_cpm)) AS typed
                           FROM kpi_sessions GROUP BY 1, 2) s USING (user_id, day)
                WHERE d.sessions IS DISTINCT FROM s.sessions OR d.rounds IS DISTINCT FROM s.rounds
                   OR d.replies IS DISTINCT FROM s.replies OR d.violations IS DISTINCT FROM s.violations
                   OR d.satisfaction_sum IS DISTINCT FROM s.satisfaction OR d.converted IS DISTINCT FROM s.converted
                   OR (""" + java.util.stream.IntStream.range(0, 31).mapToObj(i -> "d.h" + i).collect(java.util.stream.Collectors.joining(" + "))
                + ") IS DISTINCT FROM s.typed").iterator().next().getLong(0),
                "kpi_days rows equal the sums of their sessions");
        // a period that does not start at a shop day's midnight is computed per session, with the same figures
        KpiQuery noon = new KpiQuery(users, OffsetDateTime.parse("2025-03-01T12:00:00+08:00"), null, null, null, null,
                KpiQuery.GroupBy.trainee, targets.preSales(), targets.afterSales());
        Map<String, Kpis> expected = await(live.kpis(noon));
        Map<String, Kpis> actual = await(store.kpis(noon));
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((key, k) -> assertSame(k, actual.get(key), "from noon " + key));
        // the typed-speed rows are the sessions' arrays, one row per value
        assertEquals(app.sql("SELECT count(*) FROM kpi_sessions, unnest(typed_cpm)").iterator().next().getLong(0),
                app.sql("SELECT count(*) FROM kpi_typed").iterator().next().getLong(0));
    }

    @Test
    @DisplayName("the roll-up follows a session as it ends, gets a late event, is re-graded and deleted")
    void rollupFollowsChanges() {
        SessionFixtures fx = new SessionFixtures(app);
        long user = fx.user("kpi_rollup", "trainee");
        OffsetDateTime t0 = OffsetDateTime.parse("2025-03-05T10:00:00+08:00");
        SessionFixtures.Session open = fx.session(user, "size", t0, null, null, null, null, null)
                .buyer("line", 0, "在吗").reply(12, "亲,在的", typed(4, 4_000, 0, 0), annotated(0, 0, 0, 0));
        assertEquals(Kpis.NONE, kpis(user, Period.ALL), "an open session counts nowhere");
        app.sql("UPDATE practice_sessions SET ended_at = $2, outcome = 'converted', satisfaction = 4 WHERE id = $1",
                open.id, t0.plusSeconds(60));
        Kpis ended = kpis(user, Period.ALL);
        assertEquals(1, ended.sessions());
        assertEquals(12.0, ended.firstResponseS(), EPS);
        assertEquals(60.0, ended.typingCpm(), EPS, "4 字 in 4 s");
        open.buyer("line", 70, "那L码呢").reply(100, "L码偏大", typed(4, 2_000, 0, 0), annotated(1, 0, 0, 2));
        Kpis later = kpis(user, Period.ALL);
        assertEquals(2, later.counts().replies());
        assertEquals(21.0, later.avgResponseS(), EPS, "(12 + 30) / 2");
        assertEquals(90.0, later.typingCpm(), EPS, "median of 60 and 120");
        assertEquals(50.0, later.violationsPer100(), EPS);
        app.sql("UPDATE practice_sessions SET scorecard = '{\"dimensions\":{\"politeness\":70,\"rules\":40}}'::jsonb WHERE id = $1", open.id);
        assertEquals(40.0, kpis(user, Period.ALL).rulesScore(), EPS);
        app.sql("DELETE FROM practice_sessions WHERE id = $1", open.id);
        assertEquals(Kpis.NONE, kpis(user, Period.ALL));
        assertEquals(0L, app.sql("SELECT count(*) FROM kpi_typed WHERE user_id = $1", user).iterator().next().getLong(0));
        assertEquals(0L, app.sql("SELECT count(*) FROM kpi_days WHERE user_id = $1", user).iterator().next().getLong(0),
                "the day roll-up forgets the deleted session's day");
    }

    @Test
    @DisplayName("typing medians over many replies, with ties and bucket edges, equal the live view's percentile")
    void manyTypedReplies() {
        SessionFixtures fx = new SessionFixtures(app);
        long user = fx.user("kpi_many", "trainee");
        java.util.Random random = new java.util.Random(7);
        OffsetDateTime t0 = OffsetDateTime.parse("2025-04-01T09:00:00+08:00");
        for (int s = 0; s < 6; s++) {
            OffsetDateTime start = t0.plusDays(s % 3).plusHours(s);
            SessionFixtures.Session session = fx.session(user, s % 2 == 0 ? "size" : "logistics", start, start.plusSeconds(5_000),
                    "lost", 3, 70.0, 70.0);
            int replies = 17 + s; // odd and even counts per day and in all
            for (int i = 0; i < replies; i++) {
                // 20 字 over 8–40 s, some exactly on a 5 字/分 bucket edge (20 字 in 24 s = 50 字/分), some repeated
                long activeMs = i % 7 == 0 ? 24_000 : 8_000 + random.nextInt(32_000);
                session.buyer("line", i * 20, "问题" + i).reply(i * 20 + 5, "回复" + i, typed(20, activeMs, 0, 0), annotated(0, 0, 0, 0));
            }
        }
        KpiStore live = new KpiStore(app.app().pool(), true);
        for (KpiQuery.GroupBy groupBy : KpiQuery.GroupBy.values()) {
            KpiQuery q = new KpiQuery(List.of(user), null, null, null, null, null, groupBy, targets.preSales(), targets.afterSales());
            Map<String, Kpis> expected = await(live.kpis(q));
            Map<String, Kpis> actual = await(store.kpis(q));
            assertEquals(expected.keySet(), actual.keySet());
            expected.forEach((key, k) -> {
                assertTrue(k.counts().typedReplies() >= 17, key);
                assertEquals(k.typingCpm(), actual.get(key).typingCpm(), 0.0, groupBy + " " + key + ": exactly the same median");
            });
        }
    }

    @Test
    @DisplayName("a cohort of more than a few trainees (day roll-up, index-walked medians) gets exactly the live view's figures")
    void cohortOfManyTrainees() {
        SessionFixtures fx = new SessionFixtures(app);
        java.util.Random random = new java.util.Random(11);
        List<Long> users = new java.util.ArrayList<>();
        OffsetDateTime t0 = OffsetDateTime.parse("2025-05-01T23:30:00+08:00");
        for (int u = 0; u < KpiStore.FEW_TRAINEES + 3; u++) {
            long user = fx.user("kpi_cohort" + u, "trainee");
            users.add(user);
            for (int s = 0; s < 3; s++) {
                // sessions on three shop days, the first just before midnight China time (afternoon UTC)
                OffsetDateTime start = t0.plusHours(s * 13L + u);
                String[] categories = {"size", "after_sales", "logistics"};
                String[] outcomes = {"converted", "resolved", "lost"};
                SessionFixtures.Session session = fx.session(user, categories[(u + s) % 3], start, start.plusSeconds(3_000),
                        outcomes[(u * 2 + s) % 3], 1 + (u + s) % 5, 50.0 + u, 40.0 + s * 7);
                int replies = 3 + (u + s) % 5;
                for (int i = 0; i < replies; i++) {
                    long activeMs = i % 4 == 0 ? 24_000 : 6_000 + random.nextInt(40_000);
                    session.buyer("line", i * 30, "问题" + i).reply(i * 30 + 3 + random.nextInt(200), "回复" + i,
                            i % 5 == 3 ? typed(0, 0, 12, 0) : typed(20, activeMs, 0, 0), annotated(i % 7 == 0 ? 1 : 0, 0, 0, 0));
                }
            }
        }
        KpiStore live = new KpiStore(app.app().pool(), true);
        List<Period> periods = List.of(Period.ALL, new Period(LocalDate.parse("2025-05-02"), LocalDate.parse("2025-05-02")),
                new Period(LocalDate.parse("2025-05-02"), null));
        for (KpiQuery.GroupBy groupBy : List.of(KpiQuery.GroupBy.trainee, KpiQuery.GroupBy.day, KpiQuery.GroupBy.all)) {
            for (Period period : periods) {
                KpiQuery q = new KpiQuery(users, period.start(), period.end(), null, null, null, groupBy,
                        targets.preSales(), targets.afterSales());
                Map<String, Kpis> expected = await(live.kpis(q));
                Map<String, Kpis> actual = await(store.kpis(q));
                assertEquals(expected.keySet(), actual.keySet(), groupBy + " " + period);
                assertFalse(expected.isEmpty(), groupBy + " " + period);
                // the same from the one-scan form the cohort report uses
                assertEquals(actual, await(store.kpis(q, java.util.EnumSet.of(KpiQuery.GroupBy.trainee, KpiQuery.GroupBy.day,
                        KpiQuery.GroupBy.all))).get(groupBy), groupBy + " " + period + " in one scan");
                expected.forEach((key, k) -> {
                    assertSame(k, actual.get(key), groupBy + " " + period + " " + key);
                    assertEquals(k.typingCpm(), actual.get(key).typingCpm(), 0.0, groupBy + " " + key + ": exactly the same median");
                    assertEquals(k.counts().converted(), actual.get(key).counts().converted());
                    assertEquals(k.counts().resolved(), actual.get(key).counts().resolved());
                });
            }
        }
    }

    private static void assertSame(Kpis expected, Kpis actual, String what) {
        assertEquals(expected.sessions(), actual.sessions(), what);
        Map<String, Double> e = expected.values();
        Map<String, Double> a = actual.values();
        e.forEach((kpi, v) -> {
            if (v == null) {
                assertNull(a.get(kpi), what + " " + kpi);
            } else {
                assertEquals(v, a.get(kpi), 1e-9, what + " " + kpi);
            }
        });
        assertEquals(expected.counts().rounds(), actual.counts().rounds(), what);
        assertEquals(expected.counts().typedReplies(), actual.counts().typedReplies(), what);
        assertEquals(expected.counts().replies(), actual.counts().replies(), what);
        assertEquals(expected.counts().buyerMessages(), actual.counts().buyerMessages(), what);
        assertEquals(expected.counts().forbidden(), actual.counts().forbidden(), what);
        assertEquals(expected.counts().preSales(), actual.counts().preSales(), what);
        assertEquals(expected.counts().afterSales(), actual.counts().afterSales(), what);
    }
}
