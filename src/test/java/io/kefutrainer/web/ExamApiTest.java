package io.kefutrainer.web;

import io.kefutrainer.quiz.Choice;
import io.kefutrainer.quiz.MatchPair;
import io.kefutrainer.quiz.NumericAnswer;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuizContent;
import io.kefutrainer.quiz.exam.ExamService;
import io.kefutrainer.store.QuizStore;
import io.kefutrainer.support.Api;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("exams over HTTP: answer secrecy, autosave, server-side deadline, one submission, private attempts")
@DbTest
class ExamApiTest {
    private static final Set<String> SHOWN_KEYS = Set.of("id", "number", "type", "typeLabel", "text", "points", "options", "prompts");
    private static TestApp app;
    private static Api api;
    private static final QuizContent CONTENT = QuizContent.load(Path.of("scenarios"));

    @BeforeAll
    static void start() {
        app = TestApp.start();
        api = new Api(app);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static JsonObject ok(HttpResponse<String> r, int status) {
        assertEquals(status, r.statusCode(), r.body());
        return new JsonObject(r.body());
    }

    private static HttpResponse<String> put(String token, String attempt, String question, Object value) {
        return api.call("PUT", "/api/attempts/" + attempt + "/answers/" + question, token, new JsonObject().put("value", value).encode());
    }

    /** The right answer to a shown question, worked out from the bank as a trainee who knows it would. */
    private static Object rightAnswer(JsonObject shown) {
        Question q = CONTENT.question(shown.getString("id")).orElseThrow();
        JsonArray options = shown.getJsonArray("options");
        switch (q.type()) {
            case single:
                return options.getList().indexOf(q.choices().stream().filter(c -> c.weight() >= 100).findFirst().orElseThrow().text());
            case multiple: {
                JsonArray picks = new JsonArray();
                for (Choice c : q.choices()) {
                    if (c.weight() > 0) picks.add(options.getList().indexOf(c.text()));
                }
                return picks;
            }
            case true_false:
                return q.truth();
            case short_answer:
                return q.choices().stream().filter(c -> c.weight() >= 100).findFirst().orElseThrow().text();
            case numeric: {
                NumericAnswer a = q.numbers().stream().filter(n -> n.weight() >= 100).findFirst().orElseThrow();
                return a.isRange() ? (a.min() + a.max()) / 2 : a.value();
            }
            case matching: {
                JsonArray out = new JsonArray();
                for (MatchPair p : q.pairs()) out.add(options.getList().indexOf(p.right()));
                return out;
            }
            default:
                throw new AssertionError("not drawn in exams: " + q.type());
        }
    }

    @Test
    @DisplayName("a trainee takes 岗前考试: no answers before submission, autosave survives a refresh, one result however often submitted")
    void takeTheExam() {
        String token = api.token("trainee1", "demo1234");
        JsonArray exams = new JsonArray(api.call("GET", "/api/exams", token, null).body());
        JsonObject listed = exams.stream().map(JsonObject.class::cast).filter(e -> e.getString("id").equals("pre-shift")).findFirst().orElseThrow();
        assertEquals("岗前考试", listed.getString("title"));
        assertEquals(25, listed.getInteger("questionCount"));

        HttpResponse<String> started = api.call("POST", "/api/exams/pre-shift/attempts", token, null);
        JsonObject paper = ok(started, 201);
        String attempt = paper.getString("attemptId");
        assertNotNull(paper.getString("deadline"));
        JsonArray questions = paper.getJsonArray("questions");
        assertEquals(25, questions.size());
        for (Object o : questions) {
            JsonObject q = (JsonObject) o;
            assertTrue(SHOWN_KEYS.containsAll(q.fieldNames()), "only question and option texts are shown: " + q.fieldNames());
            Question bank = CONTENT.question(q.getString("id")).orElseThrow();
            if (!bank.explanation().isEmpty()) assertFalse(started.body().contains(bank.explanation()), "解析 leaked: " + bank.id());
            bank.choices().stream().map(Choice::feedback).filter(f -> !f.isEmpty()).forEach(f -> assertFalse(started.body().contains(f), "feedback leaked"));
        }
        assertFalse(started.body().contains("weight") || started.body().contains("correct") || started.body().contains("explanation"));

        // a second click or another tab resumes the same attempt
        assertEquals(attempt, ok(api.call("POST", "/api/exams/pre-shift/attempts", token, null), 200).getString("attemptId"));

        for (Object o : questions) {
            JsonObject q = (JsonObject) o;
            JsonObject saved = ok(put(token, attempt, q.getString("id"), rightAnswer(q)), 200);
            assertEquals(q.getString("id"), saved.getString("questionId"));
        }
        // refresh: everything saved is still there
        JsonObject again = ok(api.call("GET", "/api/attempts/" + attempt, token, null), 200);
        assertEquals("open", again.getString("status"));
        assertEquals(25, again.getJsonObject("answers").size());
        assertEquals(paper.getJsonArray("questions"), again.getJsonArray("questions"), "the same paper, in the same order");

        // another trainee can neither read, answer nor submit it
        String other = api.token("trainee2", "demo1234");
        String first = questions.getJsonObject(0).getString("id");
        assertEquals(404, api.call("GET", "/api/attempts/" + attempt, other, null).statusCode());
        assertEquals(404, put(other, attempt, first, true).statusCode());
        assertEquals(404, api.call("POST", "/api/attempts/" + attempt + "/submit", other, null).statusCode());
        assertEquals(403, api.call("GET", "/api/attempts/" + attempt, api.token("trainer1", "demo1234"), null).statusCode());

        HttpResponse<String> submitted = api.call("POST", "/api/attempts/" + attempt + "/submit", token, null);
        JsonObject result = ok(submitted, 200);
        assertEquals(100.0, result.getDouble("percent"), result.encodePrettily());
        assertEquals(true, result.getBoolean("passed"));
        assertEquals(false, result.getBoolean("autoSubmitted"));
        result.getJsonArray("questions").forEach(o -> assertEquals("correct", ((JsonObject) o).getString("status"), ((JsonObject) o).encode()));
        JsonObject q0 = result.getJsonArray("questions").getJsonObject(0);
        JsonObject ruled = result.getJsonArray("questions").stream().map(JsonObject.class::cast)
                .filter(q -> !q.getJsonArray("rules").isEmpty()).findFirst().orElseThrow();
        JsonObject rule = ruled.getJsonArray("rules").getJsonObject(0);
        assertFalse(rule.getString("title").equals(rule.getString("id")), "each rule comes with its title from rules.yaml: " + rule);
        assertFalse(q0.getString("explanation").isEmpty(), "解析 after submission");
        assertNotNull(q0.getValue("correctText"));

        // no double submission: the same result, answers frozen
        assertEquals(submitted.body(), api.call("POST", "/api/attempts/" + attempt + "/submit", token, null).body());
        HttpResponse<String> late = put(token, attempt, first, rightAnswer(questions.getJsonObject(0)));
        assertEquals(409, late.statusCode());
        assertTrue(late.body().contains("already submitted"), late.body());
        assertEquals(1, app.sql("SELECT count(*) FROM exam_attempts WHERE id = $1 AND submitted_at IS NOT NULL", UUID.fromString(attempt))
                .iterator().next().getInteger(0));
        JsonObject afterwards = new JsonArray(api.call("GET", "/api/exams", token, null).body()).getJsonObject(0);
        assertEquals(1, afterwards.getInteger("attemptsUsed"));
        assertEquals(100.0, afterwards.getDouble("bestPercent"));
        assertEquals(true, afterwards.getBoolean("passed"));
    }

    /**
     * Issue 20's pattern elsewhere: the exam sweep (a timer) and the trainee's own submit (a request) both submit
     * an attempt whose time is up. Forced together round after round, every answer is 200, never a 5xx, and the
     * attempt is submitted once.
     */
    @Test
    @DisplayName("time-out sweep and submit requests racing on the same attempt, 40 rounds: always 200, submitted once")
    void sweepRacesSubmit() throws Exception {
        String token = api.token("trainee1", "demo1234");
        Vertx vertx = Vertx.vertx();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            ExamService sweeper = new ExamService(vertx, new QuizStore(app.app().pool()), () -> CONTENT);
            app.sql("DELETE FROM exam_attempts WHERE user_id = (SELECT id FROM users WHERE username = 'trainee1')");
            for (int round = 0; round < 40; round++) {
                String attempt = ok(api.call("POST", "/api/exams/pre-shift/attempts", token, null), 201).getString("attemptId");
                app.sql("UPDATE exam_attempts SET deadline = now() - interval '10 seconds' WHERE id = $1", UUID.fromString(attempt));
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    calls.add(pool.submit(() -> {
                        go.await();
                        return api.call("POST", "/api/attempts/" + attempt + "/submit", token, null).statusCode();
                    }));
                }
                calls.add(pool.submit(() -> {
                    go.await();
                    return api.call("GET", "/api/attempts/" + attempt, token, null).statusCode();
                }));
                java.util.concurrent.Future<Integer> swept = pool.submit(() -> {
                    go.await();
                    return TestApp.await(sweeper.sweep());
                });
                go.countDown();
                List<Integer> statuses = new java.util.ArrayList<>();
                for (var c : calls) statuses.add(c.get());
                swept.get();
                assertTrue(statuses.stream().allMatch(x -> x == 200), "round " + round + ": " + statuses);
                assertEquals(1L, app.sql("SELECT count(*) FROM exam_attempts WHERE id = $1 AND submitted_at IS NOT NULL",
                        UUID.fromString(attempt)).iterator().next().getLong(0));
                // three attempts per trainee: start afresh for the next round
                app.sql("DELETE FROM exam_attempts WHERE user_id = (SELECT id FROM users WHERE username = 'trainee1')");
            }
        } finally {
            pool.shutdownNow();
            TestApp.await(vertx.close());
        }
    }

    @Test
    @DisplayName("the server keeps the time: late answers are refused, the attempt is submitted at time-out with what was saved")
    void deadline() throws Exception {
        String token = api.token("trainee2", "demo1234");
        JsonObject paper = ok(api.call("POST", "/api/exams/pre-shift/attempts", token, null), 201);
        String attempt = paper.getString("attemptId");
        JsonObject q = paper.getJsonArray("questions").getJsonObject(0);
        ok(put(token, attempt, q.getString("id"), rightAnswer(q)), 200);
        app.sql("UPDATE exam_attempts SET deadline = now() - interval '10 seconds' WHERE id = $1", UUID.fromString(attempt));

        HttpResponse<String> late = put(token, attempt, paper.getJsonArray("questions").getJsonObject(1).getString("id"),
                rightAnswer(paper.getJsonArray("questions").getJsonObject(1)));
        assertEquals(409, late.statusCode());
        assertTrue(late.body().contains("time is up"), late.body());
        JsonObject result = ok(api.call("GET", "/api/attempts/" + attempt, token, null), 200);
        assertEquals("submitted", result.getString("status"));
        assertEquals(true, result.getBoolean("autoSubmitted"));
        assertEquals(4.0, result.getDouble("percent"), "the one answer saved in time counts: 1 of 25");
        assertEquals(false, result.getBoolean("passed"));
        mistakeBook(token, paper);

        // the sweep submits attempts nobody touches after their time is up
        String second = ok(api.call("POST", "/api/exams/pre-shift/attempts", token, null), 201).getString("attemptId");
        app.sql("UPDATE exam_attempts SET deadline = now() - interval '10 seconds' WHERE id = $1", UUID.fromString(second));
        Vertx vertx = Vertx.vertx();
        try {
            int swept = TestApp.await(new ExamService(vertx, new QuizStore(app.app().pool()), () -> CONTENT).sweep());
            assertEquals(1, swept);
        } finally {
            TestApp.await(vertx.close());
        }
        assertEquals(true, app.sql("SELECT auto_submitted FROM exam_attempts WHERE id = $1", UUID.fromString(second)).iterator().next().getBoolean(0));

        // three attempts allowed: the third is the last
        String third = ok(api.call("POST", "/api/exams/pre-shift/attempts", token, null), 201).getString("attemptId");
        ok(api.call("POST", "/api/attempts/" + third + "/submit", token, null), 200);
        HttpResponse<String> fourth = api.call("POST", "/api/exams/pre-shift/attempts", token, null);
        assertEquals(409, fourth.statusCode());
        assertTrue(fourth.body().contains("attempt"), fourth.body());
    }

    /** After a failed attempt: wrong and unanswered questions are in the 错题本 until answered right twice in a row. */
    private void mistakeBook(String token, JsonObject paper) {
        JsonObject book = ok(api.call("GET", "/api/mistakes", token, null), 200);
        JsonArray open = book.getJsonArray("questions");
        assertEquals(24, open.size(), "the 24 questions not answered in time");
        for (Object o : open) {
            assertTrue(((JsonObject) o).fieldNames().stream().allMatch(k -> SHOWN_KEYS.contains(k) || k.equals("wrongCount") || k.equals("rightStreak")),
                    "no answers in the book until one is given: " + ((JsonObject) o).fieldNames());
        }
        assertFalse(book.getJsonArray("mastery").isEmpty());
        JsonObject q = open.getJsonObject(0);
        JsonObject first = ok(api.call("POST", "/api/mistakes/" + q.getString("id") + "/answer", token,
                new JsonObject().put("value", rightAnswer(q)).encode()), 200);
        assertEquals("correct", first.getString("status"));
        assertEquals(false, first.getBoolean("mastered"));
        assertFalse(first.getString("correctText").isEmpty());
        JsonObject second = ok(api.call("POST", "/api/mistakes/" + q.getString("id") + "/answer", token,
                new JsonObject().put("value", rightAnswer(q)).encode()), 200);
        assertEquals(true, second.getBoolean("mastered"));
        JsonObject after = ok(api.call("GET", "/api/mistakes", token, null), 200);
        assertEquals(23, after.getJsonArray("questions").size());
        assertEquals(404, api.call("POST", "/api/mistakes/" + q.getString("id") + "/answer", token,
                new JsonObject().put("value", rightAnswer(q)).encode()).statusCode(), "mastered: out of the book");
        // a question the trainee never got wrong cannot be practised: that would reveal exam answers
        String answeredRight = paper.getJsonArray("questions").getJsonObject(0).getString("id");
        assertEquals(404, api.call("POST", "/api/mistakes/" + answeredRight + "/answer", token,
                new JsonObject().put("value", 0).encode()).statusCode());
        assertEquals(404, api.call("POST", "/api/mistakes/never-seen/answer", token, new JsonObject().put("value", 0).encode()).statusCode());
    }

    @Test
    @DisplayName("the 考试 page loads its script from a file, for trainees only")
    void examPage() {
        io.kefutrainer.support.Browser browser = new io.kefutrainer.support.Browser(app);
        assertEquals(303, browser.login("trainee3", "demo1234").statusCode());
        HttpResponse<String> page = browser.get("/exams");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<script type=\"module\" src=\"/static/js/exams.js\"></script>"));
        assertFalse(page.body().matches("(?s).*<script>.*"), "no inline script");
        assertTrue(page.body().contains("错题本"));
    }

    @Test
    @DisplayName("answers of the wrong shape are refused with the reason; unknown exams, attempts and questions are 404")
    void badAnswers() {
        String token = api.token("trainee3", "demo1234");
        JsonObject paper = ok(api.call("POST", "/api/exams/pre-shift/attempts", token, null), 201);
        String attempt = paper.getString("attemptId");
        for (Object o : paper.getJsonArray("questions")) {
            JsonObject q = (JsonObject) o;
            Object wrongShape = q.getString("type").equals("true_false") ? "yes" : new JsonObject().put("x", 1);
            HttpResponse<String> r = put(token, attempt, q.getString("id"), wrongShape);
            assertEquals(400, r.statusCode(), q.getString("type") + " " + r.body());
            assertEquals("value", new JsonObject(r.body()).getString("field"));
        }
        JsonObject single = paper.getJsonArray("questions").stream().map(JsonObject.class::cast)
                .filter(q -> q.getString("type").equals("single")).findFirst().orElseThrow();
        assertEquals(400, put(token, attempt, single.getString("id"), single.getJsonArray("options").size()).statusCode());
        assertEquals(200, put(token, attempt, single.getString("id"), null).statusCode(), "null clears an answer");
        assertEquals(404, put(token, attempt, "no-such-question", 1).statusCode());
        assertEquals(404, api.call("POST", "/api/exams/no-such-exam/attempts", token, null).statusCode());
        assertEquals(404, api.call("GET", "/api/attempts/" + UUID.randomUUID(), token, null).statusCode());
        assertEquals(404, api.call("GET", "/api/attempts/not-a-uuid", token, null).statusCode());
        JsonObject listed = new JsonArray(api.call("GET", "/api/exams", token, null).body()).getJsonObject(0);
        assertEquals(attempt, listed.getString("openAttemptId"));
        assertEquals(List.of(), listed.getJsonArray("attempts").getList());
    }
}
