package io.kefutrainer.web;

import io.kefutrainer.support.Api;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** 评分校准 after a content edit: a fix to rules.yaml is checked against the past complaints within seconds. */
@DbTest
class CalibrationReloadTest {
    private static TestApp app;
    private static Api api;

    @BeforeAll
    static void start() {
        app = TestApp.startWithContent(Path.of("src/test/resources/practice"));
        api = new Api(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static String wrongCount(String page) {
        var m = java.util.regex.Pattern.compile("当前内容仍然判错的回复\\((\\d+)\\)").matcher(page);
        assertTrue(m.find(), page);
        return m.group(1);
    }

    @Test
    @DisplayName("an accepted appeal is listed as still wrong until a rules.yaml edit fixes it; the page shows the fix after the reload")
    void pageFollowsContentEdits() throws Exception {
        String trainee = api.token("trainee1", "demo1234");
        String id = new JsonObject(api.call("POST", "/api/sessions", trainee,
                new JsonObject().put("scenario", "appeal-size").put("seed", 7).encode()).body()).getString("id");
        JsonObject first = new JsonObject(api.call("POST", "/api/sessions/" + id + "/replies", trainee,
                new JsonObject().put("text", AppealsApiTest.WITH_VIOLATION).put("clientId", "r-1").encode()).body());
        int replyId = first.getJsonObject("reply").getInteger("id");
        api.call("POST", "/api/sessions/" + id + "/replies", trainee,
                new JsonObject().put("text", "是纯棉的呢 亲").put("clientId", "r-2").encode());
        api.call("POST", "/api/sessions/" + id + "/replies", trainee, // the closing reply ends the session
                new JsonObject().put("text", "感谢亲的支持,祝您购物愉快~").put("clientId", "r-3").encode());
        long appeal = new JsonObject(api.call("POST", "/api/appeals", trainee, new JsonObject().put("sessionId", id)
                .put("replyId", replyId).put("target", "v1").put("reason", "官方客服号").encode()).body()).getLong("id");
        String trainer = api.token("trainer1", "demo1234");
        assertEquals(200, api.call("POST", "/api/appeals/" + appeal + "/decision", trainer,
                new JsonObject().put("accept", true).put("comment", "误判").encode()).statusCode());
        assertEquals("1", wrongCount(api.call("GET", "/trainer/calibration", trainer, null).body()));

        // the trainer fixes the rule: 加我微信 followed by the shop's own account is not off-platform (for this test)
        Path rules = app.app().content().dir().resolve("rules.yaml");
        String text = Files.readString(rules, StandardCharsets.UTF_8);
        assertTrue(text.contains("exceptions: [私信我们,"));
        Files.writeString(rules, text.replace("exceptions: [私信我们,", "exceptions: [加我微信, 私信我们,"), StandardCharsets.UTF_8);
        String count = "1";
        long deadline = System.currentTimeMillis() + 15_000;
        while (!count.equals("0") && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
            count = wrongCount(api.call("GET", "/trainer/calibration", trainer, null).body());
        }
        assertEquals("0", count, "the edited rule no longer gets the appealed reply wrong");
    }
}
