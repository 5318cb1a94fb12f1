package io.kefutrainer.web;

import io.kefutrainer.quiz.Choice;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuestionType;
import io.kefutrainer.quiz.QuizContent;
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

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("练习 over HTTP: published banks per cohort, feedback per answer, 错题本, unlimited runs, publishing rights")
@DbTest
class PracticeQuizApiTest {
    private static final QuizContent CONTENT = QuizContent.load(Path.of("scenarios"));
    private static TestApp app;
    private static Api api;
    /** 演示班 (trainee1, trainee3, trainer1, manager1) and a second cohort with trainee2 only. */
    private static long demoCohort;
    private static long secondCohort;

    @BeforeAll
    static void start() {
        // a copy of the shipped content, so a bank uploaded here never lands in the repository's scenarios/
        app = TestApp.startWithContent(Path.of("scenarios"));
        api = new Api(app);
        demoCohort = app.sql("SELECT id FROM cohorts WHERE name = '演示班'").iterator().next().getLong(0);
        secondCohort = app.sql("INSERT INTO cohorts (name) VALUES ('二期') RETURNING id").iterator().next().getLong(0);
        app.sql("DELETE FROM cohort_members WHERE user_id = (SELECT id FROM users WHERE username = 'trainee2')");
        app.sql("INSERT INTO cohort_members (cohort_id, user_id) SELECT $1, id FROM users WHERE username = 'trainee2'", secondCohort);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static JsonObject ok(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static JsonArray banks(String token) {
        HttpResponse<String> r = api.call("GET", "/api/practice", token, null);
        assertEquals(200, r.statusCode(), r.body());
        return new JsonArray(r.body());
    }

    private static Optional<JsonObject> bank(String token, String key) {
        return banks(token).stream().map(JsonObject.class::cast).filter(b -> b.getString("bank").equals(key)).findFirst();
    }

    private static JsonObject startRun(String token, String bank) {
        return ok(api.call("POST", "/api/practice/attempts", token, new JsonObject().put("bank", bank).encode()), 201);
    }

    private static HttpResponse<String> answer(String token, String attempt, String question, Object value) {
        return api.call("POST", "/api/practice/attempts/" + attempt + "/answers/" + question, token,
                new JsonObject().put("value", value).encode());
    }

    private static HttpResponse<String> publish(String token, String bank, String audience, JsonObject body) {
        return api.call("PUT", "/api/quiz-banks/" + bank + "/publications/" + audience, token, body.encode());
    }

    /** The right answer, or a wrong one, to a question as shown (options in the shown order). */
    private static Object answerFor(JsonObject shown, boolean right) {
        Question q = CONTENT.question(shown.getString("id")).orElseThrow();
        List<Object> options = shown.getJsonArray("options") == null ? List.of() : shown.getJsonArray("options").getList();
        switch (q.type()) {
            case single: {
                Choice pick = q.choices().stream().filter(c -> right == c.weight() >= 100).findFirst().orElseThrow();
                return options.indexOf(pick.text());
            }
            case multiple: {
                JsonArray picks = new JsonArray();
                q.choices().stream().filter(c -> right == c.weight() > 0).forEach(c -> picks.add(options.indexOf(c.text())));
                return picks;
            }
            case true_false:
                return right == q.truth();
            case matching: {
                JsonArray out = new JsonArray();
                List<String> answers = q.matchAnswers();
                for (int i = 0; i < q.pairs().size(); i++) {
                    String wanted = right ? q.pairs().get(i).right() : answers.get((answers.indexOf(q.pairs().get(i).right()) + 1) % answers.size());
                    out.add(options.indexOf(wanted));
                }
                return out;
            }
            case numeric: {
                io.kefutrainer.quiz.NumericAnswer a = q.numbers().stream().filter(n -> n.weight() >= 100).findFirst().orElseThrow();
                return right ? (a.isRange() ? (a.min() + a.max()) / 2 : a.value()) : -12345.0;
            }
            default:
                return right ? q.choices().stream().filter(c -> c.weight() >= 100).findFirst().orElseThrow().text() : "完全不对的答案";
        }
    }

    @Test
    @DisplayName("built-in banks are practice for every trainee: Chinese names, question counts, no result yet")
    void builtInBanksArePractice() {
        String token = api.token("trainee2", "demo1234");
        JsonArray list = banks(token);
        assertEquals(CONTENT.banksByKey().size(), list.size(), list.encodePrettily());
        JsonObject seven = bank(token, "seven-day-return").orElseThrow();
        assertEquals("七天无理由", seven.getString("title"));
        long autoGraded = CONTENT.banksByKey().get("seven-day-return").stream().filter(q -> q.type().autoGraded()).count();
        assertEquals(autoGraded, seven.getLong("questionCount"));
        assertEquals(null, seven.getValue("bestPercent"));
    }

    @Test
    @DisplayName("a practice run: options shuffled, nothing given away before answering, right/wrong with the answer and 解析 at once, the wrong one in 错题本, each question answered once")
    void practiceRunGivesFeedback() {
        String token = api.token("trainee1", "demo1234");
        HttpResponse<String> started = api.call("POST", "/api/practice/attempts", token, new JsonObject().put("bank", "seven-day-return").encode());
        JsonObject run = ok(started, 201);
        String attempt = run.getString("attemptId");
        JsonArray questions = run.getJsonArray("questions");
        assertEquals(run.getInteger("questionCount"), questions.size());
        assertFalse(started.body().contains("explanation") || started.body().contains("correct\""), "no answers before answering");

        // the bank lists the right option first; the run must not
        long firstIsRight = 0;
        long singles = 0;
        for (Object o : questions) {
            JsonObject q = (JsonObject) o;
            if (q.getString("type").equals("single")) {
                singles++;
                Question bank = CONTENT.question(q.getString("id")).orElseThrow();
                if (q.getJsonArray("options").getString(0).equals(bank.choices().get(0).text())) firstIsRight++;
            }
        }
        assertTrue(singles >= 5 && firstIsRight < singles, firstIsRight + " of " + singles + " single choices show the bank's first option first");

        JsonObject first = questions.getJsonObject(0);
        JsonObject right = ok(answer(token, attempt, first.getString("id"), answerFor(first, true)), 200);
        assertEquals("correct", right.getString("status"));
        assertFalse(right.getString("explanation").isEmpty(), "解析 right after answering");
        assertNotNull(right.getString("correctText"));
        assertEquals(1, right.getJsonObject("progress").getInteger("answered"));

        JsonObject second = questions.getJsonObject(1);
        JsonObject wrong = ok(answer(token, attempt, second.getString("id"), answerFor(second, false)), 200);
        assertEquals("wrong", wrong.getString("status"), wrong.encode());
        assertFalse(wrong.getString("correctText").isEmpty());
        JsonObject book = ok(api.call("GET", "/api/mistakes", token, null), 200);
        assertTrue(book.getJsonArray("questions").stream().map(JsonObject.class::cast)
                .anyMatch(q -> q.getString("id").equals(second.getString("id"))), "the wrong answer is in 错题本: " + book.encode());
        assertFalse(book.getJsonArray("questions").stream().map(JsonObject.class::cast)
                .anyMatch(q -> q.getString("id").equals(first.getString("id"))), "the right one is not");

        // the first answer stands; a malformed answer is refused with the reason
        HttpResponse<String> again = answer(token, attempt, second.getString("id"), answerFor(second, true));
        assertEquals(409, again.statusCode());
        assertTrue(again.body().contains("已经答过"), again.body());
        // (a choice question: a fill-in one takes any text as an answer; the run's order is shuffled)
        int choice = 2;
        while (!questions.getJsonObject(choice).getString("type").equals("single")) choice++;
        HttpResponse<String> bad = answer(token, attempt, questions.getJsonObject(choice).getString("id"), "不是选项");
        assertTrue(bad.statusCode() == 400 && bad.body().contains("答案"), bad.body());

        // after a refresh: the answered ones come back with their feedback, the others still without
        JsonObject view = ok(api.call("GET", "/api/practice/attempts/" + attempt, token, null), 200);
        assertEquals("wrong", view.getJsonArray("questions").getJsonObject(1).getJsonObject("result").getString("status"));
        assertFalse(view.getJsonArray("questions").getJsonObject(choice).containsKey("result"));

        // someone else's run does not exist for them
        String other = api.token("trainee3", "demo1234");
        assertEquals(404, api.call("GET", "/api/practice/attempts/" + attempt, other, null).statusCode());
        assertEquals(404, answer(other, attempt, questions.getJsonObject(2).getString("id"), 0).statusCode());
    }

    @Test
    @DisplayName("unlimited attempts: a bank practised five times in a row, best and last results listed")
    void unlimitedAttempts() {
        String token = api.token("trainee3", "demo1234");
        for (int round = 0; round < 5; round++) {
            JsonObject run = startRun(token, "kpi");
            JsonArray questions = run.getJsonArray("questions");
            JsonObject last = null;
            for (int i = 0; i < questions.size(); i++) {
                // round 3 answers everything right; the others get the first question wrong
                boolean right = round == 3 || i > 0;
                last = ok(answer(token, run.getString("attemptId"), questions.getJsonObject(i).getString("id"),
                        answerFor(questions.getJsonObject(i), right)), 200);
            }
            assertTrue(last.getJsonObject("progress").getBoolean("finished"));
        }
        JsonObject kpi = bank(token, "kpi").orElseThrow();
        assertEquals(5, kpi.getInteger("attempts"));
        assertEquals(100.0, kpi.getDouble("bestPercent"));
        assertTrue(kpi.getJsonObject("last").getDouble("percent") < 100.0, kpi.encode());
        assertTrue(kpi.getJsonObject("last").getBoolean("finished"));
    }

    @Test
    @DisplayName("publishing: a GIFT upload stays hidden until published to a cohort; 考试 for one cohort replaces practice there only; unpublished banks close")
    void publishPerCohort() throws Exception {
        String trainer = api.token("trainer1", "demo1234");
        String t1 = api.token("trainee1", "demo1234");
        String t2 = api.token("trainee2", "demo1234");

        // a trainer uploads a GIFT bank through the existing import
        Browser page = new Browser(app);
        assertEquals(303, page.login("trainer1", "demo1234").statusCode());
        String gift = """
                $CATEGORY: 新品上架

                ::n1:: 新品预售的发货时间要在商品页写明吗? {T####预售商品必须写明发货时间。}

                ::n2:: 预售商品最长可以约定多少天内发货? {=60 天 ~7 天 ~一年 ~不用约定####平台规定预售最长 60 天。}
                """;
        HttpResponse<String> saved = page.submit("/trainer/quizzes", "/trainer/quizzes/import", Map.of("action", "save", "format", "gift",
                "name", "new-products", "prefix", "np", "category", "", "text", gift));
        assertEquals(303, saved.statusCode(), saved.body());
        boolean live = false;
        for (int i = 0; i < 50 && !live; i++) {
            Thread.sleep(200);
            live = new JsonArray(api.call("GET", "/api/quiz-banks", trainer, null).body()).stream().map(JsonObject.class::cast)
                    .anyMatch(b -> b.getString("bank").equals("new-products"));
        }
        assertTrue(live, "the uploaded bank goes live");
        assertTrue(bank(t1, "new-products").isEmpty(), "not published yet: trainees do not see it");
        assertEquals(404, api.call("POST", "/api/practice/attempts", t1, new JsonObject().put("bank", "new-products").encode()).statusCode());

        JsonObject published = ok(publish(trainer, "new-products", String.valueOf(demoCohort), new JsonObject().put("mode", "practice")), 200);
        assertEquals("演示班", published.getJsonArray("publications").getJsonObject(0).getString("audience"));
        JsonObject seen = bank(t1, "new-products").orElseThrow();
        assertEquals("新品上架", seen.getString("title"));
        assertEquals(2, seen.getInteger("questionCount"));
        assertTrue(bank(t2, "new-products").isEmpty(), "trainee2's cohort 二期 does not see it");

        // 考试 for 演示班: gone from their practice list, offered as an exam of the whole bank; 二期 still practises it
        String run = startRun(t1, "privacy").getString("attemptId");
        String runQuestion = ok(api.call("GET", "/api/practice/attempts/" + run, t1, null), 200).getJsonArray("questions").getJsonObject(0).getString("id");
        ok(publish(trainer, "privacy", String.valueOf(demoCohort), new JsonObject().put("mode", "exam").put("timeLimitMinutes", 15)), 200);
        assertTrue(bank(t1, "privacy").isEmpty());
        assertEquals(404, api.call("POST", "/api/practice/attempts", t1, new JsonObject().put("bank", "privacy").encode()).statusCode());
        assertEquals(409, answer(t1, run, runQuestion, 0).statusCode(), "an exam's bank cannot be practised through an old run");
        JsonObject exam = new JsonArray(api.call("GET", "/api/exams", t1, null).body()).stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("id").equals("bank:privacy")).findFirst().orElseThrow();
        assertEquals(15, exam.getInteger("timeLimitMinutes"));
        int privacyQuestions = (int) CONTENT.banksByKey().get("privacy").stream().filter(q -> q.type().answerable()).count();
        assertEquals(privacyQuestions, exam.getInteger("questionCount"));
        JsonObject paper = ok(api.call("POST", "/api/exams/bank:privacy/attempts", t1, null), 201);
        assertEquals(privacyQuestions, paper.getJsonArray("questions").size());
        assertTrue(bank(t2, "privacy").isPresent(), "二期 keeps the everyone row: practice");
        assertFalse(new JsonArray(api.call("GET", "/api/exams", t2, null).body()).encode().contains("bank:privacy"));

        // unpublishing the everyone row closes a built-in bank for everybody
        ok(api.call("DELETE", "/api/quiz-banks/kpi/publications/all", trainer, null), 200);
        assertTrue(bank(t2, "kpi").isEmpty());
        assertEquals(404, api.call("DELETE", "/api/quiz-banks/kpi/publications/all", trainer, null).statusCode(), "already unpublished");
        ok(publish(trainer, "kpi", "all", new JsonObject().put("mode", "practice")), 200);
        assertTrue(bank(t2, "kpi").isPresent());
    }

    @Test
    @DisplayName("who may publish: trainers to their cohorts or everyone, admins anywhere, managers read only, trainees not at all; bad input is a 4xx in Chinese")
    void publishingRights() {
        String trainer = api.token("trainer1", "demo1234");
        String admin = api.token("admin1", "demo1234");
        String manager = api.token("manager1", "demo1234");
        String trainee = api.token("trainee1", "demo1234");
        JsonObject practice = new JsonObject().put("mode", "practice");

        HttpResponse<String> foreign = publish(trainer, "freight", String.valueOf(secondCohort), practice);
        assertEquals(403, foreign.statusCode());
        assertTrue(foreign.body().contains("只能发布到你负责的批次"), foreign.body());
        ok(publish(admin, "freight", String.valueOf(secondCohort), new JsonObject().put("mode", "exam")), 200);
        assertEquals(403, publish(manager, "freight", "all", practice).statusCode());
        assertEquals(403, publish(trainee, "freight", "all", practice).statusCode());
        JsonArray seenByManager = new JsonArray(ok2(api.call("GET", "/api/quiz-banks", manager, null)));
        JsonObject freight = seenByManager.stream().map(JsonObject.class::cast).filter(b -> b.getString("bank").equals("freight")).findFirst().orElseThrow();
        assertEquals(2, freight.getJsonArray("publications").size(), freight.encode());
        assertEquals(403, api.call("GET", "/api/quiz-banks", trainee, null).statusCode());

        HttpResponse<String> noBank = publish(trainer, "no-such-bank", "all", practice);
        assertTrue(noBank.statusCode() == 404 && noBank.body().contains("没有这个题库"), noBank.body());
        HttpResponse<String> badMode = publish(trainer, "freight", "all", new JsonObject().put("mode", "sometimes"));
        assertTrue(badMode.statusCode() == 400 && badMode.body().contains("发布方式"), badMode.body());
        HttpResponse<String> badTime = publish(trainer, "freight", String.valueOf(demoCohort), new JsonObject().put("mode", "exam").put("timeLimitMinutes", 0));
        assertTrue(badTime.statusCode() == 400 && badTime.body().contains("考试时长"), badTime.body());
        assertEquals(404, publish(trainer, "freight", "999999", practice).statusCode());
        ok(api.call("DELETE", "/api/quiz-banks/freight/publications/" + secondCohort, admin, null), 200);
    }

    @Test
    @DisplayName("the publish form needs the session's CSRF token")
    void publishFormNeedsCsrf() {
        Browser page = new Browser(app);
        assertEquals(303, page.login("trainer1", "demo1234").statusCode());
        HttpResponse<String> forged = page.post("/trainer/quizzes/publish", Map.of("bank", "shipping", "audience", "all", "mode", "exam"));
        assertEquals(403, forged.statusCode());
        HttpResponse<String> real = page.submit("/trainer/quizzes", "/trainer/quizzes/publish",
                Map.of("bank", "shipping", "audience", String.valueOf(demoCohort), "mode", "practice"));
        assertEquals(303, real.statusCode());
        assertTrue(page.get("/trainer/quizzes").body().contains("已发布:题库 shipping"));
    }

    private static String ok2(HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }
}
