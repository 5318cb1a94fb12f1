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

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DbTest
class PracticeApiTest {
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

    private static JsonObject startSession(String token, String mode) {
        JsonObject body = new JsonObject().put("scenario", "quick-size").put("seed", 7);
        if (mode != null) {
            body.put("mode", mode);
        }
        HttpResponse<String> r = api.call("POST", "/api/sessions", token, body.encode());
        assertEquals(201, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static HttpResponse<String> reply(String token, String id, String text, String clientId) {
        return api.call("POST", "/api/sessions/" + id + "/replies", token,
                new JsonObject().put("text", text).put("clientId", clientId)
                        .put("metrics", new JsonObject().put("committed", 10).put("committedHan", 8).put("activeMs", 9000)).encode());
    }

    @Test
    @DisplayName("a reply's response time is measured from the round's first buyer message, as the KPIs and the transcript measure it")
    void responseTimeFromRoundStart() throws Exception {
        JsonObject started = startSession(trainee, null);
        String id = started.getString("id");
        JsonArray opening = started.getJsonArray("messages");
        assertTrue(opening.size() >= 2, "the buyer opens with two lines: " + opening);
        java.time.Instant first = java.time.Instant.parse(opening.getJsonObject(0).getString("at"));
        java.time.Instant last = java.time.Instant.parse(opening.getJsonObject(opening.size() - 1).getString("at"));
        Thread.sleep(Math.max(0, java.time.Duration.between(java.time.Instant.now(), last).toMillis()) + 300);
        assertEquals(200, reply(trainee, id, "亲 您好,建议M码哦", "round-1").statusCode());
        JsonArray messages = new JsonObject(api.call("GET", "/api/sessions/" + id, trainee, null).body()).getJsonArray("messages");
        JsonObject mine = null;
        for (int i = 0; i < messages.size(); i++) {
            if ("trainee".equals(messages.getJsonObject(i).getString("from"))) {
                mine = messages.getJsonObject(i);
            }
        }
        assertTrue(mine != null, messages.encode());
        long expected = java.time.Duration.between(first, java.time.Instant.parse(mine.getString("at"))).toMillis();
        assertEquals(expected, mine.getLong("responseMs").longValue(), 2, "from the first line (在吗), not the last: " + messages.encode());
        assertTrue(!first.equals(last), "two lines shown at different moments");
    }

    @Test
    @DisplayName("a scenario's system: notice comes as from/kind system after the buyer's last line, in the reply and in the session")
    void systemNotice() {
        String id = startSession(trainee, null).getString("id");
        HttpResponse<String> r = reply(trainee, id, "加我微信私聊吧", "notice-1");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject answer = new JsonObject(r.body());
        assertTrue(answer.getBoolean("closing"), "the buyer's part is over: the closing reply comes next: " + r.body());
        JsonArray messages = answer.getJsonArray("messages");
        assertEquals(2, messages.size(), r.body());
        assertEquals("buyer", messages.getJsonObject(0).getString("from"));
        JsonObject notice = messages.getJsonObject(1);
        assertEquals("system", notice.getString("from"));
        assertEquals("system", notice.getString("kind"));
        assertEquals("买家截图投诉:客服引导站外交易", notice.getString("text"));
        JsonArray stored = new JsonObject(api.call("GET", "/api/sessions/" + id, trainee, null).body()).getJsonArray("messages");
        assertTrue(stored.stream().map(m -> (JsonObject) m).anyMatch(m -> "system".equals(m.getString("from"))
                && "买家截图投诉:客服引导站外交易".equals(m.getString("text"))), stored.encode());
    }

    @Test
    @DisplayName("POST /api/sessions → 201 with id, the buyer's opening messages (with shown-at times) and state")
    void startsASession() {
        JsonObject started = startSession(trainee, null);
        assertNotNull(started.getString("id"));
        JsonArray messages = started.getJsonArray("messages");
        assertEquals(2, messages.size());
        assertEquals("buyer", messages.getJsonObject(0).getString("from"));
        assertEquals("在吗", messages.getJsonObject(0).getString("text"));
        assertTrue(messages.getJsonObject(1).getString("at").compareTo(messages.getJsonObject(0).getString("at")) > 0,
                "the second message is shown after the buyer has typed it");
        assertEquals("active", started.getJsonObject("state").getString("status"));
        assertEquals(400, api.call("POST", "/api/sessions", trainee, "{\"scenario\":\"nope\"}").statusCode());
    }

    @Test
    @DisplayName("a reply is stored, scored and answered; a resend with the same clientId is answered again, not stored twice")
    void replyIsIdempotent() {
        String id = startSession(trainee, null).getString("id");
        HttpResponse<String> first = reply(trainee, id, "亲 您好,建议M码哦", "c-1");
        assertEquals(200, first.statusCode(), first.body());
        JsonObject body = new JsonObject(first.body());
        assertTrue(body.getJsonObject("annotations").getJsonObject("facts").getJsonArray("matched").contains("size_m"));
        assertEquals("是纯棉的吗", body.getJsonArray("messages").getJsonObject(0).getString("text"));
        assertFalse(body.getBoolean("ended"));

        HttpResponse<String> again = reply(trainee, id, "亲 您好,建议M码哦", "c-1");
        assertEquals(200, again.statusCode());
        JsonObject againBody = new JsonObject(again.body());
        assertEquals(body.getJsonObject("reply"), againBody.getJsonObject("reply"));
        assertEquals(body.getJsonArray("messages"), againBody.getJsonArray("messages"));
        assertEquals(1L, app.sql("SELECT count(*) FROM session_events WHERE session_id = $1::uuid AND sender = 'trainee'", id)
                .iterator().next().getLong(0));
    }

    @Test
    @DisplayName("empty, over-long or malformed replies are 400 with the field; another trainee's session is 404")
    void badReplies() {
        String id = startSession(trainee, null).getString("id");
        HttpResponse<String> empty = reply(trainee, id, "  ", "x1");
        assertEquals(400, empty.statusCode());
        assertEquals("text", new JsonObject(empty.body()).getString("field"));
        assertEquals(400, reply(trainee, id, "好".repeat(2001), "x2").statusCode());
        assertEquals(200, reply(trainee, id, "好".repeat(2000), "x3").statusCode());
        assertEquals(400, api.call("POST", "/api/sessions/" + id + "/replies", trainee, "{\"text\":\"hi\"}").statusCode());
        assertEquals(400, api.call("POST", "/api/sessions/" + id + "/replies", trainee,
                "{\"text\":\"hi\",\"clientId\":\"m\",\"metrics\":{\"committed\":-1}}").statusCode());
        assertEquals(404, reply(other, id, "我来捣乱", "x4").statusCode());
        assertEquals(404, api.call("GET", "/api/sessions/" + id, other, null).statusCode());
        assertEquals(404, api.call("GET", "/api/sessions/not-a-uuid", trainee, null).statusCode());
    }

    @Test
    @DisplayName("a conversation played to its ending waits for the closing reply, then reports ended and outcome; later replies are 409")
    void endsWithOutcome() {
        String id = startSession(trainee, null).getString("id");
        reply(trainee, id, "亲 您好,建议M码哦", "e-1");
        JsonObject last = new JsonObject(reply(trainee, id, "是纯棉的呢 亲", "e-2").body());
        assertFalse(last.getBoolean("ended"));
        assertTrue(last.getBoolean("closing"));
        JsonObject closed = new JsonObject(reply(trainee, id, "感谢亲的支持,祝您购物愉快~", "e-3").body());
        assertTrue(closed.getBoolean("ended"), closed.encode());
        assertEquals("converted", closed.getString("outcome"));
        assertEquals(409, reply(trainee, id, "还在吗", "e-4").statusCode());
        assertEquals(200, reply(trainee, id, "是纯棉的呢 亲", "e-2").statusCode(), "the acknowledged reply can still be resent");
    }

    @Test
    @DisplayName("the scorecard comes at the end: total, pass/fail, tier, four dimensions, the transcript with findings")
    void scorecard() {
        String id = startSession(trainee, "exam").getString("id");
        assertEquals(409, api.call("GET", "/api/sessions/" + id + "/scorecard", trainee, null).statusCode());
        reply(trainee, id, "亲 您好,建议M码哦", "s-1");
        reply(trainee, id, "是纯棉的呢,亲 有问题随时找我哦", "s-2");
        assertEquals(409, api.call("GET", "/api/sessions/" + id + "/scorecard", trainee, null).statusCode(),
                "still waiting for the closing reply");
        reply(trainee, id, "感谢亲的支持,祝您购物愉快~", "s-3");
        HttpResponse<String> r = api.call("GET", "/api/sessions/" + id + "/scorecard", trainee, null);
        assertEquals(200, r.statusCode(), r.body());
        JsonObject card = new JsonObject(r.body());
        assertEquals(java.util.Set.of("politeness", "rules", "speed", "outcome"), card.getJsonObject("dimensions").fieldNames());
        assertEquals(100.0, card.getJsonObject("dimensions").getDouble("rules"), "both expected facts were given");
        assertTrue(card.getValue("total") instanceof Number);
        assertTrue(card.getValue("passed") instanceof Boolean);
        assertEquals("converted", card.getString("outcome"));
        assertTrue(card.getJsonArray("messages").stream().map(JsonObject.class::cast)
                .filter(m -> m.getString("from").equals("trainee")).allMatch(m -> m.containsKey("annotations")),
                "after the end, exam replies show their findings");
        assertEquals(404, api.call("GET", "/api/sessions/" + id + "/scorecard", other, null).statusCode());
    }

    @Test
    @DisplayName("in exam mode (考核) no findings are shown on a reply")
    void examModeHidesFindings() {
        String id = startSession(trainee, "exam").getString("id");
        JsonObject body = new JsonObject(reply(trainee, id, "亲 您好,建议M码哦", "x-1").body());
        assertFalse(body.containsKey("annotations"));
        JsonObject view = new JsonObject(api.call("GET", "/api/sessions/" + id, trainee, null).body());
        assertFalse(view.getJsonArray("messages").stream().map(JsonObject.class::cast).anyMatch(m -> m.containsKey("annotations")));
    }

    @Test
    @DisplayName("a restarted server resumes the session exactly where it was")
    void resumesAfterRestart() {
        String id = startSession(trainee, null).getString("id");
        reply(trainee, id, "亲 您好,建议M码哦", "r-1");
        try (TestApp second = app.another()) {
            Api api2 = new Api(second);
            String token = api2.token("trainee1", "demo1234");
            JsonObject view = new JsonObject(api2.call("GET", "/api/sessions/" + id, token, null).body());
            assertEquals("fabric", view.getJsonObject("state").getString("step"));
            assertEquals(4, view.getJsonArray("messages").size());
            HttpResponse<String> next = api2.call("POST", "/api/sessions/" + id + "/replies", token,
                    new JsonObject().put("text", "是纯棉的呢").put("clientId", "r-2").encode());
            assertTrue(new JsonObject(next.body()).getBoolean("closing"), next.body());
        }
    }

    @Test
    @DisplayName("a silent trainee gets the buyer's nudge over the live channel, then the buyer leaves (lost)")
    void silenceNudgesThenLost() throws Exception {
        // this folder's engine.yaml: buyers type instantly and a second of patience lasts 20 ms, so 5 s of patience,
        // the nudge, 5 s more and the leaving line take ~0.2 s (at the product's pace ~18 s); reading stops at
        // "ended", so the wait is only a ceiling
        try (TestApp fast = app.anotherWithContent(Path.of("src/test/resources/practice-silence"))) {
            Api fastApi = new Api(fast);
            String token = trainee; // same database: the sign-in holds on the second server
            HttpResponse<String> started = fastApi.call("POST", "/api/sessions", token,
                    new JsonObject().put("scenario", "quick-size").put("seed", 7).encode());
            assertEquals(201, started.statusCode(), started.body());
            String id = new JsonObject(started.body()).getString("id");
            List<String> frames = readEvents(fast, token, id, 40000, "event: ended");
            String all = String.join("\n", frames);
            assertTrue(all.contains("\"kind\":\"nudge\""), all);
            assertTrue(all.contains("event: ended"), all);
            JsonObject view = new JsonObject(fastApi.call("GET", "/api/sessions/" + id, token, null).body());
            assertEquals("lost", view.getString("outcome"));
        }
    }

    /** Reads the SSE stream until a frame contains `stop` or the time runs out. */
    private static List<String> readEvents(TestApp app, String trainee, String id, long timeoutMs, String stop) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.url("/api/sessions/" + id + "/events")))
                .header("Authorization", "Bearer " + trainee).timeout(Duration.ofMillis(timeoutMs + 2000)).build();
        HttpResponse<java.io.InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> lines = new ArrayList<>();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    if (line.contains(stop)) {
                        return;
                    }
                }
            } catch (Exception e) {
                // closed
            }
        });
        try {
            reader.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            // return what arrived
        }
        response.body().close();
        return lines;
    }
}
