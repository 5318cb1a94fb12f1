package io.kefutrainer.web;

import io.kefutrainer.support.Browser;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("trainer 题库 page: banks with status, GIFT export, GIFT/Aiken upload with preview before saving")
@DbTest
class QuizBankPageTest {
    private static final Path GIFT = Path.of("src/test/resources/quiz/gift");
    private static Path scenarios;
    /** The server's own copy of the content, where saved banks land. */
    private static Path live;
    private static TestApp app;
    private static Browser trainer;

    @BeforeAll
    static void start() throws Exception {
        scenarios = Files.createTempDirectory("kt-quiz-content");
        Files.createDirectories(scenarios.resolve("quizzes"));
        Files.copy(Path.of("src/test/resources/quiz/valid/quizzes/all-types.yaml"), scenarios.resolve("quizzes/all-types.yaml"));
        Files.createDirectories(scenarios.resolve("quizzes/exams"));
        Files.writeString(scenarios.resolve("quizzes/exams/essay.yaml"), """
                id: essay-exam
                title: 问答测验
                time_limit_minutes: 10
                pass_mark: 60
                draw:
                  - types: [essay]
                    tags: [问答测验]
                    count: 1
                  - types: [true_false]
                    tags: [问答测验]
                    count: 1
                """);
        app = TestApp.startWithContent(scenarios);
        live = app.app().content().dir();
        trainer = new Browser(app);
        assertEquals(303, trainer.login("trainer1", "demo1234").statusCode());
    }

    @AfterAll
    static void stop() throws Exception {
        app.close();
        try (Stream<Path> walk = Files.walk(scenarios)) {
            walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    private static HttpResponse<String> upload(String fileName, byte[] content, Map<String, String> fields) {
        return trainer.upload("/trainer/quizzes", "/trainer/quizzes/import", fields, fileName, "text/plain", content);
    }

    @Test
    @DisplayName("the page lists each bank with its question types; a bank exports to GIFT")
    void listAndExport() {
        HttpResponse<String> page = trainer.get("/trainer/quizzes");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("all-types.yaml"), page.body());
        assertTrue(page.body().contains("单选题 2"));
        HttpResponse<String> gift = trainer.get("/trainer/quizzes/gift?bank=all-types.yaml");
        assertEquals(200, gift.statusCode());
        assertTrue(gift.body().contains("$CATEGORY: 售后/七天无理由"));
        assertTrue(gift.body().contains("// [id:t-multiple] [difficulty:medium]"));
        assertEquals(404, trainer.get("/trainer/quizzes/gift?bank=../rules.yaml").statusCode());
    }

    @Test
    @DisplayName("a GIFT upload is previewed, nothing written; saving writes a bank that goes live")
    void previewThenSave() throws Exception {
        byte[] gift = Files.readAllBytes(GIFT.resolve("every-construct.gift"));
        HttpResponse<String> preview = upload("every-construct.gift", gift, Map.of("action", "preview", "format", "auto", "prefix", "up"));
        assertEquals(200, preview.statusCode(), preview.body());
        assertTrue(preview.body().contains("g-single") && preview.body().contains("18 题"), preview.body());
        assertTrue(preview.body().contains("<td>不可以,定制商品不适用七天无理由"), "the preview shows the right answers: " + preview.body());
        Path target = live.resolve("quizzes/every-construct.yaml");
        assertFalse(Files.exists(target), "a preview writes nothing");

        HttpResponse<String> saved = trainer.submit("/trainer/quizzes", "/trainer/quizzes/import", Map.of("action", "save",
                "format", "gift", "name", "every-construct", "prefix", "up", "category", "", "text", new String(gift, StandardCharsets.UTF_8)));
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(Files.exists(target));
        // the page the save redirects to lists the bank at once, not after the next content poll
        String list = trainer.get("/trainer/quizzes").body();
        assertTrue(list.contains("<td><code>every-construct.yaml</code></td><td>18</td>"), "the saved bank is listed: " + list);
        assertTrue(list.contains("已上线"), list);

        HttpResponse<String> again = trainer.submit("/trainer/quizzes", "/trainer/quizzes/import", Map.of("action", "save",
                "format", "gift", "name", "every-construct", "prefix", "up2", "category", "", "text", new String(gift, StandardCharsets.UTF_8)));
        assertTrue(again.statusCode() == 409 || again.statusCode() == 400, "an existing bank is never overwritten: " + again.statusCode());
    }

    @Test
    @DisplayName("a second GIFT file whose derived id prefix is taken is saved with its own ids, not refused for a clash")
    void secondChineseNamedFileIsImported() throws Exception {
        String gift = "::q1:: 七天无理由退货从哪天起算? {=签收次日 ~下单当天}\n\n::q2:: 定制商品适用七天无理由吗? {F}\n";
        String first = "售后新题2031";
        HttpResponse<String> saved = upload(first + ".gift", gift.getBytes(StandardCharsets.UTF_8), Map.of("action", "save", "format", "auto"));
        assertEquals(303, saved.statusCode(), saved.body());
        // another trainer names their file the same way (another folder, same name): the derived prefix is taken
        HttpResponse<String> preview = upload(first + ".gift", gift.getBytes(StandardCharsets.UTF_8),
                Map.of("action", "preview", "format", "auto", "name", "物流新题2031"));
        assertEquals(200, preview.statusCode(), preview.body());
        assertFalse(preview.body().contains("已在现有题库中使用"), preview.body());
        assertTrue(preview.body().contains("<td>签收次日"), "the preview shows the answers: " + preview.body());
        HttpResponse<String> again = upload(first + ".gift", gift.getBytes(StandardCharsets.UTF_8),
                Map.of("action", "save", "format", "auto", "name", "物流新题2031"));
        assertEquals(303, again.statusCode(), again.body());
        String list = trainer.get("/trainer/quizzes").body();
        assertTrue(list.contains(first + ".yaml") && list.contains("物流新题2031.yaml"), list);

        // two names that reduce to the same prefix: the second gets its own (-2) ids
        assertEquals(303, upload("Refunds-2032.gift", gift.getBytes(StandardCharsets.UTF_8), Map.of("action", "save", "format", "auto")).statusCode());
        HttpResponse<String> same = upload("refunds-2032.gift", gift.getBytes(StandardCharsets.UTF_8), Map.of("action", "save", "format", "auto"));
        assertEquals(303, same.statusCode(), same.body());
        assertTrue(Files.readString(live.resolve("quizzes/refunds-2032.yaml")).contains("refunds-2032-2-001"),
                Files.readString(live.resolve("quizzes/refunds-2032.yaml")));
    }

    @Test
    @DisplayName("essays wait for a trainer: the 题库 page lists them, a grade recomputes the trainee's result")
    void essayGrading() {
        io.kefutrainer.support.Api api = new io.kefutrainer.support.Api(app);
        String token = api.token("trainee1", "demo1234");
        io.vertx.core.json.JsonObject paper = new io.vertx.core.json.JsonObject(api.call("POST", "/api/exams/essay-exam/attempts", token, null).body());
        String attempt = paper.getString("attemptId");
        api.call("PUT", "/api/attempts/" + attempt + "/answers/t-essay", token, "{\"value\":\"亲,我们只在旺旺沟通哦\"}");
        api.call("PUT", "/api/attempts/" + attempt + "/answers/t-tf", token, "{\"value\":false}");
        io.vertx.core.json.JsonObject result = new io.vertx.core.json.JsonObject(api.call("POST", "/api/attempts/" + attempt + "/submit", token, null).body());
        assertEquals(50.0, result.getDouble("percent"));
        assertEquals(1, result.getInteger("pendingGrading"));
        assertTrue(result.getValue("passed") == null, "no verdict while an essay waits");

        HttpResponse<String> page = trainer.get("/trainer/quizzes");
        assertTrue(page.body().contains("亲,我们只在旺旺沟通哦"), "the essay is listed for grading");
        assertEquals(400, trainer.submit("/trainer/quizzes", "/trainer/quizzes/essays/" + attempt + "/t-essay",
                Map.of("points", "3", "comment", "")).statusCode(), "more than the question's points");
        HttpResponse<String> graded = trainer.submit("/trainer/quizzes", "/trainer/quizzes/essays/" + attempt + "/t-essay",
                Map.of("points", "1", "comment", "回复得体,守住了规则"));
        assertEquals(303, graded.statusCode(), graded.body());

        io.vertx.core.json.JsonObject after = new io.vertx.core.json.JsonObject(api.call("GET", "/api/attempts/" + attempt, token, null).body());
        assertEquals(100.0, after.getDouble("percent"));
        assertEquals(true, after.getBoolean("passed"));
        assertEquals(0, after.getInteger("pendingGrading"));
        io.vertx.core.json.JsonObject essay = after.getJsonArray("questions").stream().map(io.vertx.core.json.JsonObject.class::cast)
                .filter(q -> q.getString("id").equals("t-essay")).findFirst().orElseThrow();
        assertEquals("correct", essay.getString("status"));
        assertEquals("回复得体,守住了规则", essay.getJsonArray("feedback").getString(0));
        assertEquals(404, trainer.submit("/trainer/quizzes", "/trainer/quizzes/essays/" + attempt + "/t-essay",
                Map.of("points", "0", "comment", "")).statusCode(), "graded once");
        assertFalse(trainer.get("/trainer/quizzes").body().contains("亲,我们只在旺旺沟通哦"));
    }

    @Test
    @DisplayName("a [rule:] id missing from rules.yaml fails the import, as validate would")
    void unknownRule() {
        HttpResponse<String> r = upload("rule.gift", "// [rule:off-platfrom]\n题目 {T}\n".getBytes(StandardCharsets.UTF_8), Map.of("action", "preview"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("rule.gift:1:4: 规则 &#39;off-platfrom&#39; 不在 rules.yaml 里(是不是要写 &#39;off-platform&#39;?)")
                || r.body().contains("rule.gift:1:4: 规则 'off-platfrom' 不在 rules.yaml 里"), r.body());
    }

    @Test
    @DisplayName("broken GIFT or Aiken: every broken question with line and column, nothing written")
    void brokenUpload() throws Exception {
        HttpResponse<String> r = upload("broken.gift", Files.readAllBytes(GIFT.resolve("broken.gift")), Map.of("action", "save", "format", "auto"));
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("broken.gift:5:11: 答案块"), r.body());
        assertTrue(r.body().contains("broken.gift:13:11:"), r.body());
        HttpResponse<String> aiken = upload("broken.aiken", Files.readAllBytes(GIFT.resolve("broken.aiken")), Map.of("action", "save", "format", "auto"));
        assertEquals(400, aiken.statusCode());
        assertTrue(aiken.body().contains("broken.aiken:4:1: ANSWER: C 不在选项"), aiken.body());
        assertFalse(Files.exists(live.resolve("quizzes/broken.yaml")));
        HttpResponse<String> gbk = upload("gbk.gift", "题目 {T}".getBytes("GBK"), Map.of("action", "preview"));
        assertEquals(400, gbk.statusCode());
    }
}
