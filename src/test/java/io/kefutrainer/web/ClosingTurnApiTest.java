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
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The closing turn (结束语): once the buyer's part is over, the trainee's one closing reply ends the session. */
@DisplayName("the trainee gets the last word: a closing reply after the buyer's ending")
@DbTest
class ClosingTurnApiTest {
    /** Short, so the timeout path does not make the suite wait a minute. */
    private static final Duration WAIT = Duration.ofSeconds(3);
    private static TestApp app;
    private static Api api;
    private static String trainee;

    @BeforeAll
    static void start() {
        app = TestApp.startWithContent(Path.of("src/test/resources/practice"), WAIT);
        api = new Api(app);
        trainee = api.token("trainee1", "demo1234");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String startSession(String mode) {
        HttpResponse<String> r = api.call("POST", "/api/sessions", trainee,
                new JsonObject().put("scenario", "quick-size").put("seed", 7).put("mode", mode).encode());
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body()).getString("id");
    }

    private static JsonObject reply(String id, String text, String clientId) {
        HttpResponse<String> r = api.call("POST", "/api/sessions/" + id + "/replies", trainee,
                new JsonObject().put("text", text).put("clientId", clientId).encode());
        assertEquals(200, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static JsonObject view(String id) {
        return new JsonObject(api.call("GET", "/api/sessions/" + id, trainee, null).body());
    }

    /** Plays quick-size to its ending (好的 拍了): the answer that makes the buyer buy. */
    private static JsonObject playToEnding(String id, String prefix) {
        assertFalse(reply(id, "亲 您好,建议M码哦", prefix + "-1").containsKey("closing"));
        return reply(id, "是纯棉的呢 亲", prefix + "-2");
    }

    @Test
    @DisplayName("the buyer's last line → closing:true and the session still open; the closing reply is stored, scored as a closing and ends it")
    void closingReplyEndsTheSession() {
        String id = startSession("practice");
        JsonObject last = playToEnding(id, "c");
        assertTrue(last.getBoolean("closing"), last.encode());
        assertFalse(last.getBoolean("ended"), "the session waits for the closing reply: " + last.encode());
        assertEquals("好的 拍了", last.getJsonArray("messages").getJsonObject(0).getString("text"));
        long seconds = last.getLong("closingSeconds");
        assertTrue(seconds > 0 && seconds <= WAIT.toSeconds() + 2, last.encode());
        assertNotNull(last.getString("closingUntil"));
        JsonObject waiting = view(id);
        assertFalse(waiting.getBoolean("ended"));
        assertEquals("closing", waiting.getJsonObject("state").getString("status"), waiting.encode());

        JsonObject closing = reply(id, "好的亲,感谢您的支持,祝您购物愉快~", "c-3");
        assertTrue(closing.getBoolean("ended"), closing.encode());
        assertFalse(closing.containsKey("closing"), closing.encode());
        assertEquals("converted", closing.getString("outcome"));
        assertEquals(0, closing.getJsonArray("messages").size(), "nobody answers a closing");
        JsonArray findings = closing.getJsonObject("annotations").getJsonObject("politeness").getJsonArray("findings");
        assertTrue(findings.stream().map(JsonObject.class::cast).anyMatch(f -> "closing".equals(f.getString("type"))), findings.encode());

        // the resend of the closing reply is answered again, not stored twice; anything after it is refused
        assertTrue(reply(id, "好的亲,感谢您的支持,祝您购物愉快~", "c-3").getBoolean("ended"));
        assertEquals(409, api.call("POST", "/api/sessions/" + id + "/replies", trainee,
                new JsonObject().put("text", "还在吗").put("clientId", "c-4").encode()).statusCode());
        assertEquals(3L, app.sql("SELECT count(*) FROM session_events WHERE session_id = $1::uuid AND sender = 'trainee'", id)
                .iterator().next().getLong(0));
        assertEquals("closing", app.sql("SELECT kind FROM session_events WHERE session_id = $1::uuid AND client_id = 'c-3'", id)
                .iterator().next().getString(0));

        JsonObject card = new JsonObject(api.call("GET", "/api/sessions/" + id + "/scorecard", trainee, null).body());
        assertEquals("converted", card.getString("outcome"));
        long scored = card.getJsonArray("messages").stream().map(JsonObject.class::cast)
                .filter(m -> "trainee".equals(m.getString("from")) && m.containsKey("annotations")).count();
        assertEquals(3, scored, "the closing reply is graded with the others: " + card.encode());
    }

    @Test
    @DisplayName("a closing without a closing phrase costs missing_closing, and the session's politeness shows it")
    void closingWithoutPhraseIsDeducted() {
        String good = startSession("practice");
        playToEnding(good, "g");
        reply(good, "好的亲,感谢您的支持,祝您购物愉快~", "g-3");
        String bare = startSession("practice");
        playToEnding(bare, "b");
        JsonObject end = reply(bare, "嗯", "b-3");
        assertTrue(end.getBoolean("ended"));
        JsonArray findings = end.getJsonObject("annotations").getJsonObject("politeness").getJsonArray("findings");
        assertTrue(findings.stream().map(JsonObject.class::cast).anyMatch(f -> "missing_closing".equals(f.getString("type"))),
                findings.encode());
        double goodPoliteness = scorecard(good).getJsonObject("dimensions").getDouble("politeness");
        double barePoliteness = scorecard(bare).getJsonObject("dimensions").getDouble("politeness");
        assertTrue(goodPoliteness > barePoliteness, goodPoliteness + " vs " + barePoliteness);
    }

    private static JsonObject scorecard(String id) {
        return new JsonObject(api.call("GET", "/api/sessions/" + id + "/scorecard", trainee, null).body());
    }

    @Test
    @DisplayName("no closing reply: the session ends by itself when the wait runs out, with the buyer's outcome and a scorecard")
    void endsByItselfWithoutAClosing() throws Exception {
        String id = startSession("practice");
        assertTrue(playToEnding(id, "t").getBoolean("closing"));
        long deadline = System.currentTimeMillis() + WAIT.toMillis() + 15_000;
        JsonObject v = view(id);
        while (!v.getBoolean("ended") && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            v = view(id);
        }
        assertTrue(v.getBoolean("ended"), v.encode());
        assertEquals("converted", v.getString("outcome"));
        assertEquals("ended", v.getJsonObject("state").getString("status"));
        assertEquals(2L, app.sql("SELECT count(*) FROM session_events WHERE session_id = $1::uuid AND sender = 'trainee'", id)
                .iterator().next().getLong(0));
        assertEquals(200, api.call("GET", "/api/sessions/" + id + "/scorecard", trainee, null).statusCode());
        assertEquals(409, api.call("POST", "/api/sessions/" + id + "/replies", trainee,
                new JsonObject().put("text", "祝您购物愉快~").put("clientId", "t-3").encode()).statusCode());
    }

    @Test
    @DisplayName("the wait survives a restart: the other server knows the session waits for its closing, until when, and takes it")
    void closingSurvivesRestart() {
        String id = startSession("practice");
        // the escalated ending: the buyer's line and a system notice after it; the wait counts from the notice
        JsonObject last = reply(id, "加我微信私聊吧", "r-1");
        assertTrue(last.getBoolean("closing"), last.encode());
        try (TestApp second = app.another()) {
            Api api2 = new Api(second);
            String token = api2.token("trainee1", "demo1234");
            JsonObject view = new JsonObject(api2.call("GET", "/api/sessions/" + id, token, null).body());
            assertEquals("closing", view.getJsonObject("state").getString("status"), view.encode());
            assertTrue(view.getBoolean("closing"));
            assertEquals(last.getString("closingUntil"), view.getString("closingUntil"), "rebuilt from the stored events");
            HttpResponse<String> r = api2.call("POST", "/api/sessions/" + id + "/replies", token,
                    new JsonObject().put("text", "非常抱歉亲,以后都在旺旺为您服务,祝您生活愉快~").put("clientId", "r-3").encode());
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(new JsonObject(r.body()).getBoolean("ended"), r.body());
            assertEquals("escalated", new JsonObject(r.body()).getString("outcome"));
        }
    }

    @Test
    @DisplayName("in a shift, a buyer waiting for the closing reply still counts as open; when time is up it closes with the buyer's outcome")
    void shiftTimeUpClosesTheWait() {
        HttpResponse<String> started = api.call("POST", "/api/shifts", trainee, "{\"minutes\":1,\"seed\":5}");
        assertEquals(201, started.statusCode(), started.body());
        JsonObject shift = new JsonObject(started.body());
        String shiftId = shift.getString("id");
        String sid = shift.getJsonArray("sessions").getJsonObject(0).getString("id");
        long openBefore = shift.getLong("open");
        assertTrue(playToEnding(sid, "s").getBoolean("closing"));
        JsonObject state = new JsonObject(api.call("GET", "/api/shifts/" + shiftId, trainee, null).body());
        assertEquals(openBefore, state.getLong("open"), "the conversation is not over before its closing: " + state.encode());

        app.sql("UPDATE shifts SET ends_at = now() - interval '1 second' WHERE id = $1", java.util.UUID.fromString(shiftId));
        TestApp.await(app.app().server().shifts().tick());
        JsonObject after = new JsonObject(api.call("GET", "/api/shifts/" + shiftId, trainee, null).body());
        assertTrue(after.getBoolean("ended"), after.encode());
        assertEquals(0, after.getLong("open"));
        JsonObject v = view(sid);
        assertTrue(v.getBoolean("ended"), v.encode());
        assertEquals("converted", v.getString("outcome"), "the buyer had bought: time up does not undo it");
        assertEquals(409, api.call("POST", "/api/sessions/" + sid + "/replies", trainee,
                new JsonObject().put("text", "祝您购物愉快~").put("clientId", "s-3").encode()).statusCode());
    }
}
