package io.kefutrainer.web;

import io.kefutrainer.support.Api;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.SessionFixtures;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shift mode (班次模拟) on real PostgreSQL: start, arrivals, time up, report figures, who may see what. */
@DbTest
class ShiftApiTest {
    private static TestApp app;
    private static Api api;
    private static final Map<String, String> tokens = new HashMap<>();

    @BeforeAll
    static void start() {
        app = TestApp.start();
        api = new Api(app);
        for (String u : List.of("trainee1", "trainee2", "trainee3", "trainer1", "manager1", "admin1")) {
            tokens.put(u, api.token(u, "demo1234"));
        }
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static JsonObject call(String who, String method, String path, String body, int status) {
        HttpResponse<String> r = api.call(method, path, tokens.get(who), body);
        assertEquals(status, r.statusCode(), method + " " + path + " as " + who + ": " + r.body());
        return r.body().startsWith("{") ? new JsonObject(r.body()) : new JsonObject().put("array", new JsonArray(r.body()));
    }

    private static void tick() {
        TestApp.await(app.app().server().shifts().tick());
    }

    @Test
    @DisplayName("POST /api/shifts → 201 with two buyers waiting, from two categories; same seed, same buyers; bad input → 400")
    void startsAShift() {
        JsonObject a = call("trainee1", "POST", "/api/shifts", "{\"minutes\":1,\"seed\":42}", 201);
        OffsetDateTime started = OffsetDateTime.parse(a.getString("startedAt"));
        assertEquals(started.plusMinutes(1), OffsetDateTime.parse(a.getString("endsAt")));
        JsonArray sessions = a.getJsonArray("sessions");
        assertEquals(2, sessions.size());
        assertNotEquals(sessions.getJsonObject(0).getString("category"), sessions.getJsonObject(1).getString("category"));
        assertEquals(2, a.getLong("open"));
        assertTrue(a.getLong("remainingMs") > 50_000 && a.getLong("remainingMs") <= 60_000);
        // each buyer is an ordinary session: the session API plays it
        String sid = sessions.getJsonObject(0).getString("id");
        JsonObject view = call("trainee1", "GET", "/api/sessions/" + sid, null, 200);
        assertEquals(sessions.getJsonObject(0).getString("scenarioId"), view.getString("scenarioId"));

        call("trainee1", "POST", "/api/shifts", "{}", 409); // one shift at a time
        JsonObject b = call("trainee2", "POST", "/api/shifts", "{\"minutes\":1,\"seed\":42}", 201);
        assertEquals(scenarios(a), scenarios(b), "the same seed brings the same buyers");

        for (String bad : List.of("{\"minutes\":0}", "{\"minutes\":61}", "{\"minutes\":1.5}", "{\"minutes\":\"5\"}",
                "{\"seed\":\"x\"}", "{\"mode\":\"party\"}", "{\"surge\":\"yes\"}", "[1]")) {
            JsonObject err = call("trainee3", "POST", "/api/shifts", bad, 400);
            assertTrue(err.containsKey("error"), bad);
        }
        call("trainee1", "POST", "/api/shifts/" + a.getString("id") + "/end", null, 200);
        call("trainee2", "POST", "/api/shifts/" + b.getString("id") + "/end", null, 200);
        call("trainee1", "POST", "/api/shifts/" + a.getString("id") + "/end", null, 409);

        // a 大促 surge shift is said so in every view of it, and plans more buyers than an ordinary one
        JsonObject surge = call("trainee3", "POST", "/api/shifts", "{\"minutes\":10,\"seed\":42,\"surge\":true}", 201);
        assertTrue(surge.getBoolean("surge"));
        assertFalse(a.getBoolean("surge"));
        assertTrue(call("trainee3", "GET", "/api/shifts/" + surge.getString("id"), null, 200).getBoolean("surge"));
        call("trainee3", "POST", "/api/shifts/" + surge.getString("id") + "/end", null, 200);
        JsonObject ordinary = call("trainee3", "POST", "/api/shifts", "{\"minutes\":10,\"seed\":42}", 201);
        assertTrue(surge.getInteger("planned") > ordinary.getInteger("planned"),
                surge.getInteger("planned") + " vs " + ordinary.getInteger("planned"));
        call("trainee3", "POST", "/api/shifts/" + ordinary.getString("id") + "/end", null, 200);
    }

    @Test
    @DisplayName("eight simultaneous starts by one trainee (two tabs, two instances): exactly one shift, the others 409")
    void simultaneousStartsMakeOneShift() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<HttpResponse<String>>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> {
                    go.await();
                    return api.call("POST", "/api/shifts", tokens.get("trainee3"), "{\"minutes\":1}");
                }));
            }
            go.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            String created = null;
            for (var c : calls) {
                HttpResponse<String> r = c.get();
                statuses.add(r.statusCode());
                if (r.statusCode() == 201) created = new JsonObject(r.body()).getString("id");
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
            JsonArray mine = call("trainee3", "GET", "/api/shifts", null, 200).getJsonArray("array");
            assertEquals(1, mine.stream().filter(o -> !((JsonObject) o).getBoolean("ended")).count(), mine.encode());
            call("trainee3", "POST", "/api/shifts/" + created + "/end", null, 200);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Issue 20: a shift start let its first buyers in while the one-second ticker admitted the same arrivals; the
     * loser's unique violation came back as 503. Here the ticker is forced to run at the same moment as the starts,
     * round after round: every round must give exactly one 201 and seven 409s, never a 5xx, and the shift's buyers
     * must be the planned ones, each once.
     */
    @Test
    @DisplayName("300 rounds of eight simultaneous starts with the ticker forced to fire at once: one 201 each, never a 5xx")
    void startsRaceTheTickerManyTimes() throws Exception {
        int rounds = Integer.getInteger("kt.shiftRaceRounds", 300);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(9);
        String token = api.token("trainee2", "demo1234");
        try {
            for (int round = 0; round < rounds; round++) {
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(pool.submit(() -> {
                        go.await();
                        return api.call("POST", "/api/shifts", token, "{\"minutes\":1}");
                    }));
                }
                // the ticker beats while the starts are admitting their first buyers
                java.util.concurrent.Future<?> ticks = pool.submit(() -> {
                    go.await();
                    for (int t = 0; t < 4; t++) {
                        TestApp.await(app.app().server().shifts().tick());
                    }
                    return null;
                });
                go.countDown();
                List<Integer> statuses = new ArrayList<>();
                String created = null;
                for (var c : calls) {
                    HttpResponse<String> r = c.get();
                    statuses.add(r.statusCode());
                    if (r.statusCode() == 201) {
                        created = new JsonObject(r.body()).getString("id");
                    }
                }
                ticks.get();
                assertTrue(statuses.stream().allMatch(s -> s == 201 || s == 409), "round " + round + ": " + statuses);
                assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "round " + round + ": " + statuses);
                JsonObject state = new JsonObject(api.call("GET", "/api/shifts/" + created, token, null).body());
                JsonArray sessions = state.getJsonArray("sessions");
                assertEquals(2, sessions.size(), "round " + round + ": the two opening buyers, each once: " + sessions.encode());
                assertEquals(200, api.call("POST", "/api/shifts/" + created + "/end", token, null).statusCode(), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("buyers pile up to five open conversations, the rest wait in the queue; a closed conversation lets the next one in")
    void arrivalsOverlap() {
        JsonObject s = call("trainee3", "POST", "/api/shifts", "{\"minutes\":15,\"seed\":5}", 201);
        String id = s.getString("id");
        tick();
        assertEquals(2, call("trainee3", "GET", "/api/shifts/" + id, null, 200).getLong("open"), "nobody else is due yet");
        // the server is the clock: move the shift ten minutes into the past and let the ticker act
        app.sql("UPDATE shifts SET started_at = started_at - interval '10 minutes' WHERE id = $1", UUID.fromString(id));
        tick();
        JsonObject state = call("trainee3", "GET", "/api/shifts/" + id, null, 200);
        assertEquals(5, state.getLong("open"));
        assertEquals(5, state.getJsonArray("sessions").size());
        assertTrue(state.getLong("queued") > 0, "buyers due while five are open wait: " + state.getLong("queued"));
        tick();
        assertEquals(5, call("trainee3", "GET", "/api/shifts/" + id, null, 200).getJsonArray("sessions").size(), "never a sixth");
        // one buyer leaves: the next one in the queue comes in at the next beat
        UUID first = UUID.fromString(state.getJsonArray("sessions").getJsonObject(0).getString("id"));
        app.sql("UPDATE practice_sessions SET ended_at = now(), outcome = 'lost' WHERE id = $1", first);
        tick();
        state = call("trainee3", "GET", "/api/shifts/" + id, null, 200);
        assertEquals(6, state.getJsonArray("sessions").size());
        assertEquals(5, state.getLong("open"));
        // a buyer's first message counts once it is shown (after the typing delay): then the buyer is waiting
        JsonObject waiting = state.getJsonArray("sessions").getJsonObject(1);
        for (int i = 0; i < 100 && !waiting.containsKey("waitingSince"); i++) {
            sleep(100);
            waiting = call("trainee3", "GET", "/api/shifts/" + id, null, 200).getJsonArray("sessions").getJsonObject(1);
        }
        assertTrue(waiting.containsKey("waitingSince") && waiting.getJsonObject("lastMessage").getString("from").equals("buyer"),
                waiting.encode());
        assertTrue(waiting.getLong("waitingS") >= 0);
        call("trainee3", "POST", "/api/shifts/" + id + "/end", null, 200);
    }

    @Test
    @DisplayName("when time is up the open conversations close (a waiting buyer is lost), the shift is graded, its report opens")
    void timeUp() {
        JsonObject s = call("trainee1", "POST", "/api/shifts", "{\"minutes\":1,\"seed\":9}", 201);
        String id = s.getString("id");
        call("trainee1", "GET", "/api/shifts/" + id + "/report", null, 409);
        String sid = s.getJsonArray("sessions").getJsonObject(0).getString("id");
        call("trainee1", "POST", "/api/sessions/" + sid + "/replies",
                new JsonObject().put("text", "亲,您好~请问有什么可以帮您?").put("clientId", "c1").encode(), 200);
        app.sql("UPDATE shifts SET ends_at = now() - interval '1 second' WHERE id = $1", UUID.fromString(id));
        tick();
        JsonObject state = call("trainee1", "GET", "/api/shifts/" + id, null, 200);
        assertTrue(state.getBoolean("ended"));
        assertEquals(0, state.getLong("open"));
        assertEquals(0, state.getLong("remainingMs"));
        for (Object o : state.getJsonArray("sessions")) {
            assertEquals("ended", ((JsonObject) o).getString("state"));
        }
        JsonObject view = call("trainee1", "GET", "/api/sessions/" + sid, null, 200);
        assertTrue(view.getBoolean("ended"));
        call("trainee1", "GET", "/api/sessions/" + sid + "/scorecard", null, 200);
        call("trainee1", "POST", "/api/sessions/" + sid + "/replies",
                new JsonObject().put("text", "还在吗").put("clientId", "c2").encode(), 409);
        JsonObject report = call("trainee1", "GET", "/api/shifts/" + id + "/report", null, 200);
        assertEquals(2, report.getLong("sessions"));
        assertFalse(report.getBoolean("passed"));
        JsonObject outcomes = report.getJsonObject("outcomes");
        assertEquals(2, outcomes.getLong("lost") + outcomes.getLong("unfinished"));
        // the unanswered opening of the second buyer counts as a late round
        assertTrue(report.getJsonObject("kpis").getDouble("replyRate3m") < 100);
    }

    @Test
    @DisplayName("a buyer nobody answered is counted as unanswered, not as 0 礼貌分 nor given a total: the shift's 礼貌分 is the replied buyer's")
    void unansweredBuyerIsNotAZeroScore() {
        JsonObject s = call("trainee3", "POST", "/api/shifts", "{\"minutes\":1,\"seed\":9}", 201);
        String id = s.getString("id");
        JsonArray sessions = s.getJsonArray("sessions");
        assertEquals(2, sessions.size());
        String answered = sessions.getJsonObject(0).getString("id");
        String ignored = sessions.getJsonObject(1).getString("id");
        call("trainee3", "POST", "/api/sessions/" + answered + "/replies",
                new JsonObject().put("text", "亲,您好~请问有什么可以帮您?").put("clientId", "u1").encode(), 200);
        app.sql("UPDATE shifts SET ends_at = now() - interval '1 second' WHERE id = $1", UUID.fromString(id));
        tick();

        JsonObject card = call("trainee3", "GET", "/api/sessions/" + answered + "/scorecard", null, 200);
        double polite = card.getJsonObject("dimensions").getDouble("politeness");
        assertTrue(polite >= 70, "a polite greeting scores as such: " + card.encode());
        JsonObject none = call("trainee3", "GET", "/api/sessions/" + ignored + "/scorecard", null, 200);
        assertNull(none.getValue("total"), "no reply, no total: " + none.encode());
        assertFalse(none.getBoolean("passed"));
        assertNull(none.getValue("tier"));
        assertFalse(none.getJsonObject("dimensions").containsKey("politeness"), none.encode());

        JsonObject r = call("trainee3", "GET", "/api/shifts/" + id + "/report", null, 200);
        assertEquals(2, r.getLong("sessions"));
        assertEquals(1, r.getLong("unanswered"), "the ignored buyer is counted under its own figure");
        JsonObject k = r.getJsonObject("kpis");
        assertEquals(polite, k.getDouble("politenessScore"), 1e-9, "礼貌分 is the replied buyer's, not halved by a 0");
        assertEquals(card.getDouble("total"), r.getDouble("avgTotal"), 1e-9);
        assertTrue(k.getDouble("replyRate3m") < 100, "the unanswered buyer counts against the reply rate");
        JsonObject unansweredRow = r.getJsonArray("conversations").stream().map(JsonObject.class::cast)
                .filter(c -> c.getString("id").equals(ignored)).findFirst().orElseThrow();
        assertNull(unansweredRow.getValue("total"));
        assertNull(unansweredRow.getValue("politeness"));
        assertEquals(0, unansweredRow.getLong("replies"));
    }

    @Test
    @DisplayName("the report's KPIs, hand-checked on three made-up buyers (and a session outside the shift that must not count)")
    void reportFigures() {
        SessionFixtures f = new SessionFixtures(app);
        long owner = f.userId("trainee2");
        UUID shift = UUID.randomUUID();
        OffsetDateTime t0 = OffsetDateTime.of(2026, 3, 2, 2, 0, 0, 0, ZoneOffset.UTC);
        app.sql("INSERT INTO shifts (id, user_id, seed, minutes, mode, level, started_at, ends_at, ended_at, plan)"
                + " VALUES ($1, $2, 1, 15, 'practice', 2, $3, $4, $4, '[]'::jsonb)", shift, owner, t0, t0.plusMinutes(15));
        String polite = SessionFixtures.annotated(0, 0, 0, 1);
        // size, converted: rounds of 10 s and 30 s; the first reply typed at 60 字/分
        var s1 = f.session(owner, "size", t0, t0.plusSeconds(60), "converted", 5, 90.0, 80.0)
                .buyer("line", 0, "在吗").reply(10, "亲您好", SessionFixtures.typed(20, 20_000, 0, 0), polite)
                .buyer("line", 20, "有M码吗").reply(50, "有的亲", null, polite).buyer("ending", 55, "拍了");
        // after-sales, lost: a two-message round answered after 200 s (late, with a forbidden phrase), then nothing
        var s2 = f.session(owner, "after_sales", t0, t0.plusSeconds(400), "lost", 1, 60.0, 70.0)
                .buyer("line", 0, "退货").buyer("line", 5, "怎么退").reply(200, "不知道", null, SessionFixtures.annotated(0, 1, 0, 3))
                .buyer("line", 210, "???").buyer("nudge", 260, "在吗");
        // logistics, resolved: 20 s (with a violation) and 15 s
        var s3 = f.session(owner, "logistics", t0, t0.plusSeconds(50), "resolved", 4, 100.0, 100.0)
                .buyer("line", 0, "到哪了").reply(20, "加我微信", null, SessionFixtures.annotated(1, 0, 0, 4))
                .buyer("line", 25, "好").reply(40, "已经在派送了", null, polite).buyer("ending", 45, "谢谢");
        var outside = f.session(owner, "size", t0, t0.plusSeconds(30), "lost", 1, 10.0, 10.0)
                .buyer("line", 0, "在吗").reply(300, "嗯", null, polite);
        int n = 0;
        for (var s : List.of(s1, s2, s3)) {
            app.sql("UPDATE practice_sessions SET shift_id = $1, shift_arrival = $2 WHERE id = $3", shift, n++, s.id);
        }
        assertNotEquals(null, outside.id);

        JsonObject r = call("trainee2", "GET", "/api/shifts/" + shift + "/report", null, 200);
        assertEquals(3, r.getLong("sessions"));
        JsonObject k = r.getJsonObject("kpis");
        JsonObject c = k.getJsonObject("counts");
        assertEquals(6, c.getLong("rounds"));
        assertEquals(5, c.getLong("answeredRounds"));
        assertEquals(4, c.getLong("roundsIn3m"));
        assertEquals((10 + 200 + 20) / 3.0, k.getDouble("firstResponseS"), 1e-9, "首次响应时间");
        assertEquals((10 + 30 + 200 + 20 + 15) / 5.0, k.getDouble("avgResponseS"), 1e-9, "平均响应时间");
        assertEquals(100.0 * 4 / 6, k.getDouble("replyRate3m"), 1e-9, "3分钟回复率: the unanswered round is late");
        assertEquals(5 / 8.0, k.getDouble("answerRatio"), 1e-9, "答问比: 5 replies to 8 buyer messages (nudge included)");
        assertEquals(60.0, k.getDouble("typingCpm"), 1e-9);
        assertEquals(20.0, k.getDouble("violationsPer100"), 1e-9);
        assertEquals(20.0, k.getDouble("forbiddenPer100"), 1e-9);
        assertEquals((90 + 60 + 100) / 3.0, k.getDouble("politenessScore"), 1e-9);
        assertEquals(100.0, k.getDouble("conversionRate"), 1e-9);
        assertEquals(50.0, k.getDouble("resolutionRate"), 1e-9);
        assertEquals((5 + 1 + 4) / 3.0, k.getDouble("satisfaction"), 1e-9);
        JsonObject o = r.getJsonObject("outcomes");
        assertEquals(List.of(1L, 1L, 0L, 1L, 0L), List.of(o.getLong("converted"), o.getLong("resolved"), o.getLong("escalated"),
                o.getLong("lost"), o.getLong("unfinished")));
        assertFalse(r.getBoolean("passed"));
        Map<String, JsonObject> checks = new HashMap<>();
        r.getJsonArray("targets").forEach(x -> checks.put(((JsonObject) x).getString("key"), (JsonObject) x));
        assertFalse(checks.get("first_response_s").getBoolean("met"));
        assertFalse(checks.get("reply_in_3min_rate").getBoolean("met"));
        assertTrue(checks.get("typing_cpm").getBoolean("met"));
        assertTrue(checks.get("politeness_score").getBoolean("met"));
        assertFalse(checks.containsKey("quiz_passed"), "a shift has no quiz");
        List<String> order = new ArrayList<>();
        r.getJsonArray("conversations").forEach(x -> order.add(((JsonObject) x).getString("id")));
        assertEquals(List.of(s1.id.toString(), s2.id.toString(), s3.id.toString()), order);

        // who may read it: the trainee, staff of the trainee's cohort, admins; another trainee gets 404
        call("trainer1", "GET", "/api/shifts/" + shift + "/report", null, 200);
        call("manager1", "GET", "/api/shifts/" + shift, null, 200);
        call("admin1", "GET", "/api/shifts/" + shift + "/report", null, 200);
        call("trainee1", "GET", "/api/shifts/" + shift + "/report", null, 404);
        call("trainee1", "GET", "/api/shifts/" + shift, null, 404);
        call("trainee1", "POST", "/api/shifts/" + shift + "/end", null, 404);
        call("trainee1", "GET", "/api/shifts/not-a-uuid", null, 404);
        JsonArray mine = call("trainee2", "GET", "/api/shifts", null, 200).getJsonArray("array");
        assertTrue(mine.stream().anyMatch(x -> ((JsonObject) x).getString("id").equals(shift.toString())));
        assertNull(call("trainee1", "GET", "/api/shifts", null, 200).getJsonArray("array").stream()
                .filter(x -> ((JsonObject) x).getString("id").equals(shift.toString())).findFirst().orElse(null));
    }

    @Test
    @DisplayName("a shift survives a restart: the new instance lets the planned buyers in and closes the shift on time")
    void survivesRestart() {
        TestApp first = TestApp.start();
        TestApp second = null;
        try {
            Api a = new Api(first);
            String token = a.token("trainee1", "demo1234");
            HttpResponse<String> r = a.call("POST", "/api/shifts", token, "{\"minutes\":15,\"seed\":77}");
            assertEquals(201, r.statusCode(), r.body());
            UUID id = UUID.fromString(new JsonObject(r.body()).getString("id"));
            first.stop();

            second = TestApp.startOn(first.db());
            second.sql("UPDATE shifts SET started_at = started_at - interval '10 minutes' WHERE id = $1", id);
            TestApp.await(second.app().server().shifts().tick());
            Api b = new Api(second);
            JsonObject state = new JsonObject(b.call("GET", "/api/shifts/" + id, token, null).body());
            assertEquals(5, state.getLong("open"));
            List<Integer> arrivals = new ArrayList<>();
            state.getJsonArray("sessions").forEach(x -> arrivals.add(((JsonObject) x).getInteger("arrival")));
            assertEquals(List.of(0, 1, 2, 3, 4), arrivals);

            second.sql("UPDATE shifts SET ends_at = now() WHERE id = $1", id);
            TestApp.await(second.app().server().shifts().tick());
            state = new JsonObject(b.call("GET", "/api/shifts/" + id, token, null).body());
            assertTrue(state.getBoolean("ended"));
            assertEquals(0, state.getLong("open"));
            assertEquals(200, b.call("GET", "/api/shifts/" + id + "/report", token, null).statusCode());
        } finally {
            if (second != null) {
                second.stop();
            }
            first.db().close();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> scenarios(JsonObject shift) {
        List<String> ids = new ArrayList<>();
        shift.getJsonArray("sessions").forEach(x -> ids.add(((JsonObject) x).getString("scenarioId")));
        return ids;
    }
}
