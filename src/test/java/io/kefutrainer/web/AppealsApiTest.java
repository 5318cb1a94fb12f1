package io.kefutrainer.web;

import io.kefutrainer.support.Api;
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
        JsonObject body = new JsonObject().put("scenario", "quick-size").put("seed", 7).put("mode", mode);
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

        JsonObject view = new JsonObject(api.call("GET", "/api/sessions/" + id, trainee, null).body());
        JsonObject card = new JsonObject(api.call("GET", "/api/sessions/" + id + "/scorecard", trainee, null).body());
        for (JsonObject json : new JsonObject[]{view, card}) {
            JsonArray messages = json.getJsonArray("messages");
            messages.stream().map(JsonObject.class::cast).filter(m -> m.getString("from").equals("trainee"))
                    .forEach(m -> assertIds(m.getJsonObject("annotations")));
        }
    }
}
