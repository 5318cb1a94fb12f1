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

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DbTest
class ScenarioRoutesTest {
    private static Path dir;
    private static TestApp app;
    private static String trainerToken;

    @BeforeAll
    static void start() throws IOException {
        app = TestApp.startWithContent(Path.of("scenarios")); // a temporary copy the test may edit
        dir = app.app().content().dir();
        trainerToken = new Api(app).token("trainer1", "demo1234");
    }

    @AfterAll
    static void stop() throws IOException {
        app.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static JsonArray scenarios() {
        HttpResponse<String> r = new Api(app).call("GET", "/api/scenarios", trainerToken, null);
        assertEquals(200, r.statusCode());
        return new JsonArray(r.body());
    }

    private static boolean listed(String id) {
        return scenarios().stream().map(JsonObject.class::cast).anyMatch(s -> s.getString("id").equals(id));
    }

    @Test
    @DisplayName("GET /api/scenarios lists id, title, category, difficulty and tags of every live scenario")
    void listsScenarios() {
        JsonArray list = scenarios();
        assertTrue(list.size() >= 6, list.encode());
        JsonObject first = list.getJsonObject(0);
        assertTrue(first.containsKey("id") && first.containsKey("title") && first.containsKey("category")
                && first.getValue("difficulty") instanceof Integer && first.getJsonArray("tags") != null, first.encode());
    }

    @Test
    @DisplayName("a new file in the content directory is live within seconds; a broken edit keeps the last good version")
    void hotReload() throws Exception {
        Path source = Files.walk(dir).filter(p -> p.toString().endsWith("dress-between-sizes.yaml")).findFirst().orElseThrow();
        String yaml = Files.readString(source);
        String id = yaml.lines().filter(l -> l.startsWith("id:")).findFirst().orElseThrow().substring(3).trim();
        Path copy = dir.resolve("size").resolve("hot-reload-copy.yaml");
        Files.writeString(copy, yaml.replace("id: " + id, "id: hot-reload-copy"));
        assertTrue(waitUntil(() -> listed("hot-reload-copy"), 5000), "new file appears in /api/scenarios");

        Files.writeString(copy, yaml.replace("id: " + id, "id: hot-reload-copy").replace("start:", "start: [broken"));
        Browser trainer = new Browser(app);
        trainer.login("trainer1", "demo1234");
        assertTrue(waitUntil(() -> trainer.get("/trainer/scenarios").body().contains("hot-reload-copy.yaml:"), 5000),
                "the error shows on the trainer page with its position: " + trainer.get("/trainer/scenarios").body().replaceAll("(?s).*<tbody>", ""));
        assertTrue(listed("hot-reload-copy"), "the last good version stays live");
        String page = trainer.get("/trainer/scenarios").body();
        assertTrue(page.contains("沿用旧版本"));
    }

    @Test
    @DisplayName("the trainer page of a scenario carries its diagram: steps, endings and labelled branches")
    void diagram() {
        Browser trainer = new Browser(app);
        trainer.login("trainer1", "demo1234");
        String id = scenarios().getJsonObject(0).getString("id");
        HttpResponse<String> page = trainer.get("/trainer/scenarios/" + id);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("data-graph=\"{&quot;nodes&quot;:["), "graph data is HTML-escaped JSON in an attribute");
        assertTrue(page.body().contains("/webjars/echarts/5.5.0/echarts.min.js"));
        assertEquals(200, trainer.get("/webjars/echarts/5.5.0/echarts.min.js").statusCode());
        assertEquals(404, trainer.get("/trainer/scenarios/no-such-scenario").statusCode());
    }

    @Test
    @DisplayName("play from a step: the trainer's reply is scored, its findings shown on their words, and the branch it drove")
    void previewFromStep() {
        Browser trainer = new Browser(app);
        trainer.login("trainer1", "demo1234");
        HttpResponse<String> page = trainer.get("/trainer/scenarios/difficult-off-platform/preview");
        assertEquals(200, page.statusCode(), page.body());
        String token = Browser.csrfFrom(page.body());
        String start = page.body().replaceAll("(?s).*name=\"step\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> scored = trainer.post("/trainer/scenarios/difficult-off-platform/preview",
                java.util.Map.of("_csrf", token, "step", start, "text", "亲 加我vx转账吧,便宜点"));
        assertEquals(200, scored.statusCode(), scored.body());
        assertTrue(scored.body().contains("finding-violation"), "the violation is marked on its words");
        assertTrue(scored.body().contains("off_platform"));
        assertTrue(scored.body().contains("violation"), "the branch taken is shown");
        assertTrue(scored.body().contains("<p class=\"notice\">买家截图投诉:客服引导站外交易</p>"),
                "the ending's system: notice is a grey notice, not a buyer bubble");
        assertEquals(404, trainer.get("/trainer/scenarios/difficult-off-platform/preview?step=nope").statusCode());
    }

    @Test
    @DisplayName("play from a step with a must-not point: listed as 不该说, never as expected; saying it is reported")
    void previewMustNotPoint() {
        Browser trainer = new Browser(app);
        trainer.login("trainer1", "demo1234");
        String url = "/trainer/scenarios/difficult-compensation-beyond-rules/preview";
        HttpResponse<String> page = trainer.get(url + "?step=demand");
        assertEquals(200, page.statusCode(), page.body());
        assertTrue(page.body().contains("不该说:不要答应现金赔偿"), page.body());
        assertTrue(!page.body().replaceAll("(?s).*期望回复包含:([^<]*)<.*", "$1").contains("cash_promise"), page.body());
        HttpResponse<String> scored = trainer.post(url, java.util.Map.of("_csrf", Browser.csrfFrom(page.body()),
                "step", "demand", "text", "亲,好的,赔您200"));
        assertEquals(200, scored.statusCode(), scored.body());
        assertTrue(scored.body().contains("不该说却说了 不要答应现金赔偿"), scored.body());
        HttpResponse<String> overview = trainer.get("/trainer/scenarios/difficult-compensation-beyond-rules");
        assertTrue(overview.body().contains("不该说:不要答应现金赔偿"), overview.body());
    }

    private static boolean waitUntil(java.util.function.BooleanSupplier condition, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

}
