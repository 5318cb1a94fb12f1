package io.kefutrainer.web;

import io.kefutrainer.support.Api;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Appeals (申诉) over the API: ids on every finding, filing, listing, deciding, and the re-graded scorecard. */
@DbTest
class AppealsApiTest {
    static final String WITH_VIOLATION = "亲 您好,建议M码哦,加我微信 kefu123 详聊";
    private static TestApp app;
    private static Api api;
    private static String trainee;
    private static String other;

    @BeforeAll
    static void start() {
        app = TestApp.startWithContent(Path.of("src/test/resources/practice"));
        api = new Api(app);
        trainee = api.token("trainee1", "demo1234");
        other = api.token("trainee2", "demo1234");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static String startSession(String token, String mode) {
        JsonObject body = new JsonObject().put("scenario", "appeal-size").put("seed", 7).put("mode", mode);
        HttpResponse<String> r = api.call("POST", "/api/sessions", token, body.encode());
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("id");
    }

    static JsonObject reply(String token, String id, String text, String clientId) {
        HttpResponse<String> r = api.call("POST", "/api/sessions/" + id + "/replies", token,
                new JsonObject().put("text", text).put("clientId", clientId).encode());
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static void assertIds(JsonObject annotations) {
        Set<String> ids = new HashSet<>();
        for (Object f : annotations.getJsonObject("politeness").getJsonArray("findings")) {
            String id = ((JsonObject) f).getString("id");
            assertNotNull(id, "finding without id: " + f);
            assertTrue(ids.add(id), "duplicate id " + id);
        }
        for (Object v : annotations.getJsonArray("violations")) {
            String id = ((JsonObject) v).getString("id");
            assertNotNull(id, "violation without id: " + v);
            assertTrue(ids.add(id), "duplicate id " + id);
        }
        assertFalse(ids.contains("verdict"), "the verdict is its own target");
    }

    @Test
    @DisplayName("every finding and violation carries an id unique within its reply: in the reply answer, the transcript and the scorecard")
    void idsEverywhere() {
        String id = startSession(trainee, "practice");
        JsonObject answer = reply(trainee, id, WITH_VIOLATION, "i-1");
        JsonObject annotations = answer.getJsonObject("annotations");
        assertFalse(annotations.getJsonArray("violations").isEmpty(), annotations.encode());
        assertIds(annotations);
        assertEquals("v1", annotations.getJsonArray("violations").getJsonObject(0).getString("id"));
        reply(trainee, id, "是纯棉的呢 亲", "i-2");
        reply(trainee, id, "感谢亲的支持,祝您购物愉快~", "i-3");

        JsonObject view = new JsonObject(api.call("GET", "/api/sessions/" + id, trainee, null).body());
        JsonObject card = new JsonObject(api.call("GET", "/api/sessions/" + id + "/scorecard", trainee, null).body());
        for (JsonObject json : new JsonObject[]{view, card}) {
            JsonArray messages = json.getJsonArray("messages");
            messages.stream().map(JsonObject.class::cast).filter(m -> m.getString("from").equals("trainee"))
                    .forEach(m -> assertIds(m.getJsonObject("annotations")));
        }
    }

    private static HttpResponse<String> appeal(String token, String sessionId, int replyId, String target, String reason) {
        return api.call("POST", "/api/appeals", token, new JsonObject().put("sessionId", sessionId).put("replyId", replyId)
                .put("target", target).put("reason", reason).encode());
    }

    private static HttpResponse<String> decide(String token, long appealId, boolean accept, String comment) {
        return api.call("POST", "/api/appeals/" + appealId + "/decision", token,
                new JsonObject().put("accept", accept).put("comment", comment).encode());
    }

    /** A practice session of trainee1 with an off-platform violation in its first reply, played to the end. */
    private static String endedWithViolation(String mode) {
        String id = startSession(trainee, mode);
        reply(trainee, id, WITH_VIOLATION, "v-1");
        assertTrue(reply(trainee, id, "是纯棉的呢 亲", "v-2").getBoolean("closing"));
        assertTrue(reply(trainee, id, "感谢亲的支持,祝您购物愉快~", "v-3").getBoolean("ended"), "the closing reply ends it");
        return id;
    }

    private static int firstReplyId(JsonObject sessionJson) {
        return sessionJson.getJsonArray("messages").stream().map(JsonObject.class::cast)
                .filter(m -> m.getString("from").equals("trainee")).findFirst().orElseThrow().getInteger("id");
    }

    private static JsonObject scorecard(String id) {
        HttpResponse<String> r = api.call("GET", "/api/sessions/" + id + "/scorecard", trainee, null);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    @Test
    @DisplayName("POST /api/appeals: 201 open; empty reason or unknown target 400; another's session 404; the same target twice 409")
    void filing() {
        String id = endedWithViolation("practice");
        int replyId = firstReplyId(scorecard(id));
        assertEquals(400, appeal(trainee, id, replyId, "v1", "  ").statusCode());
        assertEquals(400, appeal(trainee, id, replyId, "v99", "不对").statusCode());
        assertEquals(400, appeal(trainee, id, replyId, "v1", "长".repeat(501)).statusCode());
        assertEquals(404, appeal(other, id, replyId, "v1", "不是我的").statusCode());
        HttpResponse<String> ok = appeal(trainee, id, replyId, "v1", "我没有引导站外交易");
        assertEquals(201, ok.statusCode(), ok.body());
        JsonObject created = new JsonObject(ok.body());
        assertEquals("open", created.getString("status"));
        assertNotNull(created.getValue("id"));
        assertEquals(409, appeal(trainee, id, replyId, "v1", "再申诉一次").statusCode());
        assertEquals(201, appeal(trainee, id, replyId, "verdict", "语气没有问题").statusCode(), "another target of the same reply");

        JsonArray mine = new JsonArray(api.call("GET", "/api/appeals?status=open", trainee, null).body());
        JsonObject listed = mine.stream().map(JsonObject.class::cast).filter(a -> a.getValue("id").equals(created.getValue("id")))
                .findFirst().orElseThrow();
        assertEquals(id, listed.getString("sessionId"));
        assertEquals(replyId, listed.getInteger("replyId"));
        assertEquals("v1", listed.getString("target"));
        assertEquals(WITH_VIOLATION, listed.getJsonObject("reply").getString("text"));
        assertEquals("off_platform", listed.getJsonObject("finding").getString("category"));
        assertFalse(listed.containsKey("decision"));
        assertTrue(new JsonArray(api.call("GET", "/api/appeals", other, null).body()).isEmpty(), "trainees see only their own");
        assertEquals(400, api.call("GET", "/api/appeals?status=maybe", trainee, null).statusCode());
    }

    @Test
    @DisplayName("in exam mode (考核) an appeal is possible only after the end")
    void examOnlyAfterTheEnd() {
        String id = startSession(trainee, "exam");
        reply(trainee, id, WITH_VIOLATION, "x-1");
        int replyId = firstReplyId(new JsonObject(api.call("GET", "/api/sessions/" + id, trainee, null).body()));
        assertEquals(409, appeal(trainee, id, replyId, "verdict", "考试中").statusCode());
        reply(trainee, id, "是纯棉的呢 亲", "x-2");
        assertEquals(409, appeal(trainee, id, replyId, "v1", "还没发结束语").statusCode(), "the exam waits for its closing reply");
        reply(trainee, id, "感谢亲的支持,祝您购物愉快~", "x-3");
        assertEquals(201, appeal(trainee, id, replyId, "v1", "考完了").statusCode());
    }

    @Test
    @DisplayName("decisions: trainer of the cohort 200, trainee and manager 403, a decided appeal 409; rejecting changes only the status")
    void deciding() {
        String id = endedWithViolation("practice");
        int replyId = firstReplyId(scorecard(id));
        long appealId = new JsonObject(appeal(trainee, id, replyId, "v1", "理由").body()).getLong("id");
        JsonObject before = scorecard(id);
        assertEquals(403, decide(trainee, appealId, true, "").statusCode());
        assertEquals(403, decide(api.token("manager1", "demo1234"), appealId, true, "").statusCode());
        String trainer = api.token("trainer1", "demo1234");
        assertEquals(400, api.call("POST", "/api/appeals/" + appealId + "/decision", trainer, "{\"comment\":\"x\"}").statusCode());
        HttpResponse<String> r = decide(trainer, appealId, false, "确实是引导加微信");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("rejected", new JsonObject(r.body()).getString("status"));
        assertEquals(409, decide(trainer, appealId, true, "改主意").statusCode());
        JsonObject after = scorecard(id);
        assertEquals(before.getDouble("total"), after.getDouble("total"));
        assertEquals(before.getJsonArray("mustPassFailures"), after.getJsonArray("mustPassFailures"));
        JsonObject listed = new JsonArray(api.call("GET", "/api/appeals?status=rejected", trainee, null).body()).stream()
                .map(JsonObject.class::cast).filter(a -> a.getLong("id") == appealId).findFirst().orElseThrow();
        assertFalse(listed.getJsonObject("decision").getBoolean("accept"));
        assertEquals("确实是引导加微信", listed.getJsonObject("decision").getString("comment"));
        JsonArray managers = new JsonArray(api.call("GET", "/api/appeals", api.token("manager1", "demo1234"), null).body());
        assertTrue(managers.stream().map(JsonObject.class::cast).anyMatch(a -> a.getLong("id") == appealId), "managers read their cohorts' appeals");
    }

    @Test
    @DisplayName("an accepted appeal on a violation: overruled:true on the scorecard, out of mustPassFailures, total not lower, decision audited")
    void acceptingRegrades() {
        String id = endedWithViolation("practice");
        JsonObject before = scorecard(id);
        assertEquals(1, before.getJsonArray("mustPassFailures").size(), before.encode());
        assertFalse(before.getBoolean("passed"));
        int replyId = firstReplyId(before);
        long appealId = new JsonObject(appeal(trainee, id, replyId, "v1", "只是说明店铺客服号").body()).getLong("id");
        app.sql("SELECT kpi_flush()"); // as every KPI read does (V16)
        long kpiViolations = app.sql("SELECT violations FROM kpi_sessions WHERE session_id = $1::uuid", id).iterator().next().getLong(0);
        assertEquals(1L, kpiViolations);

        String trainer = api.token("trainer1", "demo1234");
        HttpResponse<String> r = decide(trainer, appealId, true, "误判,已采纳");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("accepted", new JsonObject(r.body()).getString("status"));

        JsonObject after = scorecard(id);
        JsonObject violation = after.getJsonArray("messages").stream().map(JsonObject.class::cast)
                .filter(m -> m.getInteger("id") == replyId).findFirst().orElseThrow()
                .getJsonObject("annotations").getJsonArray("violations").getJsonObject(0);
        assertEquals("v1", violation.getString("id"));
        assertEquals(true, violation.getBoolean("overruled"));
        assertTrue(after.getJsonArray("mustPassFailures").isEmpty(), after.encode());
        assertTrue(after.getDouble("total") >= before.getDouble("total"), before.getDouble("total") + " -> " + after.getDouble("total"));
        assertTrue(after.getJsonObject("dimensions").getDouble("rules") > before.getJsonObject("dimensions").getDouble("rules"));
        assertEquals("accepted", after.getJsonArray("appeals").getJsonObject(0).getString("status"));
        assertEquals("误判,已采纳", after.getJsonArray("appeals").getJsonObject(0).getString("comment"));

        var audit = app.sql("SELECT u.username, a.decided_at IS NOT NULL, a.comment, (a.scorecard_before ->> 'total')::float8,"
                + " (a.scorecard_after ->> 'total')::float8 FROM appeals a JOIN users u ON u.id = a.decided_by WHERE a.id = $1", appealId)
                .iterator().next();
        assertEquals("trainer1", audit.getString(0));
        assertTrue(audit.getBoolean(1));
        assertEquals("误判,已采纳", audit.getString(2));
        assertEquals(before.getDouble("total"), audit.getDouble(3));
        assertEquals(after.getDouble("total"), audit.getDouble(4));
        assertTrue(app.sql("SELECT annotations -> 'violations' -> 0 ->> 'category' FROM session_events WHERE session_id = $1::uuid AND seq = $2",
                id, replyId).iterator().next().getString(0).equals("off_platform"), "the original annotation stays stored");

        String dashboard = api.call("GET", "/dashboard", api.token("manager1", "demo1234"), null).body();
        assertTrue(dashboard.contains("id=\"appeals\"") && dashboard.contains("禁止引导站外交易和联系"), "团队看板 counts appeals per rule");

        // the roll-ups follow once the queue is flushed (every KPI read flushes first) and equal a fresh computation
        app.sql("SELECT kpi_flush()");
        assertEquals(0L, app.sql("SELECT violations FROM kpi_sessions WHERE session_id = $1::uuid", id).iterator().next().getLong(0));
        assertEquals(Boolean.TRUE, app.sql("SELECT passed FROM kpi_sessions WHERE session_id = $1::uuid", id).iterator().next().getBoolean(0));
        assertRollupsFresh();
    }

    /** kpi_sessions equals the live view, and recomputing every roll-up from scratch changes no row of it or of kpi_days. */
    static void assertRollupsFresh() {
        app.sql("SELECT kpi_flush()");
        assertEquals(0L, app.sql("SELECT count(*) FROM kpi_queue").iterator().next().getLong(0), "nothing left queued");
        String columns = "session_id, user_id, scenario_id, scenario_title, category, mode, started_at, ended_at, outcome,"
                + " satisfaction, politeness, rules, total, passed, tier, rounds, answered, in_3m, response_s_sum,"
                + " first_response_s, buyer_messages, replies, violations, forbidden, typed_cpm";
        assertEquals(0L, app.sql("SELECT count(*) FROM ((SELECT " + columns + " FROM kpi_sessions_live EXCEPT SELECT " + columns
                + " FROM kpi_sessions) UNION ALL (SELECT " + columns + " FROM kpi_sessions EXCEPT SELECT " + columns
                + " FROM kpi_sessions_live)) d").iterator().next().getLong(0), "stored session roll-ups equal the live view");
        String sessions = "SELECT md5(string_agg(k::text, '|' ORDER BY session_id)) FROM kpi_sessions k";
        String days = "SELECT md5(string_agg(d::text, '|' ORDER BY user_id, day)) FROM kpi_days d";
        String sessionsBefore = app.sql(sessions).iterator().next().getString(0);
        String daysBefore = app.sql(days).iterator().next().getString(0);
        app.sql("DELETE FROM kpi_sessions");
        app.sql("SELECT kpi_refresh(ARRAY(SELECT id FROM practice_sessions WHERE ended_at IS NOT NULL))");
        assertEquals(sessionsBefore, app.sql(sessions).iterator().next().getString(0), "kpi_sessions after a fresh computation");
        assertEquals(daysBefore, app.sql(days).iterator().next().getString(0), "kpi_days after a fresh computation");
    }

    @Test
    @DisplayName("the KPI flush never waits for a writer's lock on a session (it waited, and a decision deadlocked with it)")
    void kpiFlushPassesASessionLock() throws Exception {
        String id = endedWithViolation("practice");
        app.sql("INSERT INTO kpi_queue VALUES ($1::uuid) ON CONFLICT DO NOTHING", id);
        var config = app.db().config();
        try (var writer = java.sql.DriverManager.getConnection(config.jdbcUrl(config.database()), config.user(), config.password());
             var flusher = java.sql.DriverManager.getConnection(config.jdbcUrl(config.database()), config.user(), config.password())) {
            writer.setAutoCommit(false);
            try (var lock = writer.prepareStatement("SELECT 1 FROM practice_sessions WHERE id = ?::uuid "
                    + io.kefutrainer.store.PracticeStore.SESSION_LOCK)) {
                lock.setString(1, id);
                lock.executeQuery().close();
            }
            try (var flush = flusher.createStatement()) {
                flush.execute("SET statement_timeout = '3s'");
                flush.execute("SELECT kpi_flush()"); // with FOR UPDATE: canceled after 3 s, waiting for the writer
            }
            try (var update = writer.prepareStatement("UPDATE practice_sessions SET scorecard = scorecard WHERE id = ?::uuid")) {
                update.setString(1, id);
                assertEquals(1, update.executeUpdate());
            }
            writer.commit();
        }
    }

    @Test
    @DisplayName("GET /api/calibration.jsonl: decided appeals in the calibrate format, an accepted violation labelled as none (a trap); the pages render")
    void calibrationExportAndPages() {
        String id = endedWithViolation("practice");
        int replyId = firstReplyId(scorecard(id));
        long appealId = new JsonObject(appeal(trainee, id, replyId, "v1", "店铺客服号不算站外").body()).getLong("id");
        String trainer = api.token("trainer1", "demo1234");
        assertTrue(api.call("GET", "/trainer/appeals", trainer, null).body().contains("店铺客服号不算站外"));
        assertEquals(200, decide(trainer, appealId, true, "采纳").statusCode());

        HttpResponse<String> export = api.call("GET", "/api/calibration.jsonl", trainer, null);
        assertEquals(200, export.statusCode(), export.body());
        java.util.List<io.kefutrainer.content.LabelledLines.BadLine> problems = new java.util.ArrayList<>();
        var labelled = io.kefutrainer.content.LabelledLines.parseAll(export.body().lines().toList(), problems);
        assertTrue(problems.isEmpty(), problems.toString());
        var line = labelled.stream().filter(l -> l.id().equals(id + ":" + replyId)).findFirst().orElseThrow();
        assertEquals(WITH_VIOLATION, line.text());
        assertTrue(line.violations().isEmpty());
        assertTrue(line.trap());
        assertTrue(line.first());
        assertEquals(java.util.List.of("在吗", "我168穿什么码"), line.buyer());
        assertEquals(403, api.call("GET", "/api/calibration.jsonl", trainee, null).statusCode());

        String page = api.call("GET", "/trainer/calibration", trainer, null).body();
        assertTrue(page.contains("评分校准") && page.contains(WITH_VIOLATION), "the reply the content still gets wrong is listed");
        String transcript = api.call("GET", "/progress/sessions/" + id, trainee, null).body();
        assertTrue(transcript.contains("申诉已采纳") && transcript.contains("appeal-open"), "status shown, other items still appealable");
    }

    @Test
    @DisplayName("a practice appeal may be filed while the session runs, but accepted only after it ended; a trainer of another cohort gets 404")
    void openSessionsAndOtherCohorts() {
        String id = startSession(trainee, "practice");
        int replyId = reply(trainee, id, WITH_VIOLATION, "o-1").getJsonObject("reply").getInteger("id");
        long appealId = new JsonObject(appeal(trainee, id, replyId, "v1", "还在聊").body()).getLong("id");
        String trainer = api.token("trainer1", "demo1234");
        assertEquals(409, decide(trainer, appealId, true, "").statusCode());

        long cohort = app.sql("INSERT INTO cohorts (name) VALUES ('三班') RETURNING id").iterator().next().getLong(0);
        long stranger = app.sql("INSERT INTO users (username, display_name, role, password_hash)"
                + " SELECT 'other_trainer', '外班老师', 'trainer', password_hash FROM users WHERE username = 'trainer1' RETURNING id")
                .iterator().next().getLong(0);
        app.sql("INSERT INTO cohort_members (cohort_id, user_id) VALUES ($1, $2)", cohort, stranger);
        String otherTrainer = api.token("other_trainer", "demo1234");
        assertEquals(404, decide(otherTrainer, appealId, false, "").statusCode());
        assertTrue(new JsonArray(api.call("GET", "/api/appeals", otherTrainer, null).body()).isEmpty());
        assertEquals(200, decide(api.token("admin1", "demo1234"), appealId, false, "先结束练习").statusCode(), "admins decide any appeal");
    }

    @Test
    @DisplayName("a trainer labels a reply directly (评分校准): it joins the exported set with the trainer's label")
    void directLabel() throws Exception {
        String id = endedWithViolation("practice");
        int replyId = firstReplyId(scorecard(id));
        String trainer = api.token("trainer1", "demo1234");
        String form = "sessionId=" + id + "&replyId=" + replyId + "&verdict=neutral&violations=off_platform&violations=privacy";
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(app.url("/trainer/calibration/labels")))
                .header("Authorization", "Bearer " + trainer).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form)).build();
        var response = java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(303, response.statusCode(), response.body());
        var line = io.kefutrainer.content.LabelledLines.parseAll(api.call("GET", "/api/calibration.jsonl", trainer, null).body().lines().toList(),
                new java.util.ArrayList<>()).stream().filter(l -> l.id().equals(id + ":" + replyId)).findFirst().orElseThrow();
        assertEquals(io.kefutrainer.scoring.Verdict.neutral, line.verdict());
        assertEquals(Set.of("off_platform", "privacy"), line.violations());
    }

    @Test
    @DisplayName("an accepted appeal on a forbidden phrase gives its points back: politeness up, forbidden out of the KPIs, roll-ups fresh")
    void acceptingAFinding() {
        String id = startSession(trainee, "practice");
        JsonObject first = reply(trainee, id, "不知道,M码吧", "f-1");
        JsonObject forbidden = first.getJsonObject("annotations").getJsonObject("politeness").getJsonArray("findings").stream()
                .map(JsonObject.class::cast).filter(f -> f.getString("type").equals("forbidden")).findFirst()
                .orElseThrow(() -> new AssertionError("no forbidden phrase found in " + first.encode()));
        int replyId = first.getJsonObject("reply").getInteger("id");
        assertTrue(reply(trainee, id, "是纯棉的呢 亲", "f-2").getBoolean("closing"));
        assertTrue(reply(trainee, id, "感谢亲的支持,祝您购物愉快~", "f-3").getBoolean("ended"));
        JsonObject before = scorecard(id);
        app.sql("SELECT kpi_flush()"); // as every KPI read does (V16)
        assertEquals(1L, app.sql("SELECT forbidden FROM kpi_sessions WHERE session_id = $1::uuid", id).iterator().next().getLong(0));

        long appealId = new JsonObject(appeal(trainee, id, replyId, forbidden.getString("id"), "这里是说我也不确定,不是顶撞").body()).getLong("id");
        assertEquals(200, decide(api.token("trainer1", "demo1234"), appealId, true, "语境可以接受").statusCode());
        JsonObject after = scorecard(id);
        assertTrue(after.getJsonObject("dimensions").getDouble("politeness") > before.getJsonObject("dimensions").getDouble("politeness"),
                before.getJsonObject("dimensions") + " -> " + after.getJsonObject("dimensions"));
        assertTrue(after.getDouble("total") >= before.getDouble("total"));
        JsonObject shown = after.getJsonArray("messages").stream().map(JsonObject.class::cast).filter(m -> m.getInteger("id") == replyId)
                .findFirst().orElseThrow().getJsonObject("annotations").getJsonObject("politeness").getJsonArray("findings").stream()
                .map(JsonObject.class::cast).filter(f -> f.getString("id").equals(forbidden.getString("id"))).findFirst().orElseThrow();
        assertEquals(true, shown.getBoolean("overruled"));
        app.sql("SELECT kpi_flush()");
        assertEquals(0L, app.sql("SELECT forbidden FROM kpi_sessions WHERE session_id = $1::uuid", id).iterator().next().getLong(0));
        assertRollupsFresh();
    }
}
