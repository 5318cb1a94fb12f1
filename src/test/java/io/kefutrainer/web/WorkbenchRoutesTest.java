package io.kefutrainer.web;

import io.kefutrainer.support.Api;
import io.kefutrainer.support.Browser;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DbTest
class WorkbenchRoutesTest {
    private static TestApp app;
    private static Api api;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        api = new Api(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static JsonArray phrases(String token) {
        HttpResponse<String> r = api.call("GET", "/api/me/phrases", token, null);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonArray(r.body());
    }

    private static HttpResponse<String> put(String token, String body) {
        return api.call("PUT", "/api/me/phrases", token, body);
    }

    @Test
    @DisplayName("a trainee without quick phrases gets the defaults from scenarios/typing/quick-phrases.yaml, stored")
    void defaultsAreSeeded() {
        String token = api.token("trainee3", "demo1234");
        JsonArray first = phrases(token);
        assertTrue(first.size() >= 3, first.encode());
        assertTrue(first.getString(0).startsWith("亲,您好"), first.encode());
        assertEquals(1L, app.sql("SELECT count(*) FROM quick_phrases q JOIN users u ON u.id = q.user_id WHERE u.username = 'trainee3'")
                .iterator().next().getLong(0));
        assertEquals(first, phrases(token));
    }

    @Test
    @DisplayName("PUT replaces the list (trimmed, in order); it survives a server restart; an empty list stays empty")
    void phrasesPersist() {
        String token = api.token("trainee2", "demo1234");
        HttpResponse<String> r = put(token, new JsonArray().add("  亲,在的哦~ ").add("请稍等,马上为您查询").add("<b>不是标签</b>").encode());
        assertEquals(200, r.statusCode(), r.body());
        JsonArray expected = new JsonArray().add("亲,在的哦~").add("请稍等,马上为您查询").add("<b>不是标签</b>");
        assertEquals(expected, new JsonArray(r.body()));
        assertEquals(expected, phrases(token));

        TestApp again = app.another();
        try {
            Api other = new Api(again);
            HttpResponse<String> read = other.call("GET", "/api/me/phrases", other.token("trainee2", "demo1234"), null);
            assertEquals(expected, new JsonArray(read.body()), "stored in PostgreSQL, not in the server's memory");
        } finally {
            again.stop();
        }

        assertEquals(200, put(token, "[]").statusCode());
        assertEquals(new JsonArray(), phrases(token), "deleting every phrase does not bring the defaults back");
        // another trainee's list is untouched
        assertFalse(phrases(api.token("trainee3", "demo1234")).isEmpty());
    }

    @Test
    @DisplayName("PUT refuses what is not a list of at most 50 non-empty strings of at most 200 characters, naming the field")
    void validation() {
        String token = api.token("trainee1", "demo1234");
        List<String> fifty = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            fifty.add("短语" + i);
        }
        assertEquals(200, put(token, new JsonArray(fifty).encode()).statusCode());
        assertEquals(200, put(token, new JsonArray().add("好".repeat(200)).encode()).statusCode());

        List<String> fiftyOne = new ArrayList<>(fifty);
        fiftyOne.add("多一条");
        assertBad(put(token, new JsonArray(fiftyOne).encode()), "phrases");
        assertBad(put(token, new JsonArray().add("好").add("好".repeat(201)).encode()), "phrases[1]");
        assertBad(put(token, new JsonArray().add("好").add("   ").encode()), "phrases[1]");
        assertBad(put(token, "[\"好\", 3]"), "phrases[1]");
        assertBad(put(token, "{\"phrases\": [\"好\"]}"), "phrases");
        assertBad(put(token, "not json"), "phrases");
        assertBad(put(token, ""), "phrases");
        assertEquals(new JsonArray().add("好".repeat(200)), phrases(token), "a refused PUT changes nothing");
    }

    private static void assertBad(HttpResponse<String> r, String field) {
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(field, new JsonObject(r.body()).getString("field"), r.body());
    }

    @Test
    @DisplayName("the phrase API and the pages are for trainees: others get 403, anonymous 401")
    void roles() {
        for (String who : List.of("trainer1", "manager1", "admin1")) {
            String token = api.token(who, "demo1234");
            assertEquals(403, api.call("GET", "/api/me/phrases", token, null).statusCode(), who);
            assertEquals(403, put(token, "[\"x\"]").statusCode(), who);
            assertEquals(403, api.call("GET", "/train", token, null).statusCode(), who);
            assertEquals(403, api.call("GET", "/train/typing", token, null).statusCode(), who);
        }
        assertEquals(401, api.call("GET", "/api/me/phrases", null, null).statusCode());
    }

    @Test
    @DisplayName("a signed-in browser must send the CSRF token to change its phrases")
    void browserPutNeedsCsrf() {
        Browser browser = new Browser(app);
        browser.login("trainee1", "demo1234");
        HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(app.url("/api/me/phrases")))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("[\"亲\"]"));
        assertEquals(403, browser.send(put).statusCode());
        String page = browser.get("/train").body();
        String token = page.replaceAll("(?s).*<meta name=\"csrf-token\" content=\"([^\"]+)\">.*", "$1");
        HttpRequest.Builder withToken = HttpRequest.newBuilder(URI.create(app.url("/api/me/phrases")))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-CSRF-Token", token)
                .PUT(HttpRequest.BodyPublishers.ofString("[\"亲\"]"));
        assertEquals(200, browser.send(withToken).statusCode());
    }

    @Test
    @DisplayName("/train is the workbench and /train/typing the drill with the phrases file's sentences, escaped in data-*")
    void pages() {
        Browser browser = new Browser(app);
        browser.login("trainee1", "demo1234");
        HttpResponse<String> train = browser.get("/train");
        assertEquals(200, train.statusCode());
        assertTrue(train.body().contains("id=\"wb\""), "the workbench frame");
        assertTrue(train.body().contains("/static/js/workbench.js"));
        assertTrue(train.body().contains("/static/css/workbench.css"));
        assertFalse(train.body().contains("style="), "no inline style: the CSP forbids it");
        assertFalse(train.body().contains("<script>"), "no inline script");

        HttpResponse<String> typing = browser.get("/train/typing");
        assertEquals(200, typing.statusCode());
        String body = typing.body();
        String groups = body.replaceAll("(?s).*data-groups=\"([^\"]*)\".*", "$1");
        assertTrue(groups.contains("&quot;name&quot;:&quot;问候与接待&quot;"), groups);
        JsonArray parsed = new JsonArray(groups.replace("&quot;", "\"").replace("&amp;", "&").replace("&lt;", "<")
                .replace("&gt;", ">").replace("&#39;", "'"));
        assertTrue(parsed.size() >= 3);
        assertTrue(((JsonObject) parsed.getValue(0)).getJsonArray("phrases").size() >= 3);
    }
}
