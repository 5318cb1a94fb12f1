package io.kefutrainer.web;

import io.kefutrainer.support.Api;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.SessionFixtures;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.UUID;

import static io.kefutrainer.support.SessionFixtures.annotated;
import static io.kefutrainer.support.SessionFixtures.typed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The KPI API, the CSV export and the pages, each checked for who may see what. */
@DbTest
class ProgressApiTest {
    private static TestApp app;
    private static Api api;
    private static long demoCohort;
    private static long otherCohort;
    private static long trainee1;
    private static long trainee2;
    private static long otherTrainee;
    private static UUID ownSession;
    private static UUID otherSession;

    @BeforeAll
    static void start() {
        app = TestApp.start();
        api = new Api(app);
        SessionFixtures fx = new SessionFixtures(app);
        trainee1 = fx.userId("trainee1");
        trainee2 = fx.userId("trainee2");
        demoCohort = app.sql("SELECT id FROM cohorts WHERE name = '演示班'").iterator().next().getLong(0);
        otherCohort = app.sql("INSERT INTO cohorts (name) VALUES ('二班') RETURNING id").iterator().next().getLong(0);
        // Accounts of another cohort, with the demo password so they can sign in.
        for (String[] u : new String[][]{{"other_trainee", "trainee", "=赵(1+1)"}, {"other_manager", "manager", "孙主管"}}) {
            long id = app.sql("INSERT INTO users (username, display_name, role, password_hash)"
                    + " SELECT $1, $2, $3, password_hash FROM users WHERE username = 'manager1' RETURNING id", u[0], u[2], u[1])
                    .iterator().next().getLong(0);
            app.sql("INSERT INTO cohort_members (cohort_id, user_id) VALUES ($1, $2)", otherCohort, id);
            if (u[1].equals("trainee")) {
                otherTrainee = id;
            }
        }
        OffsetDateTime t0 = OffsetDateTime.parse("2025-03-01T10:00:00+08:00");
        ownSession = fx.session(trainee1, "size", t0, t0.plusSeconds(100), "converted", 5, 90.0, 85.0)
                .buyer("line", 0, "这件M码我能穿吗")
                .reply(12, "亲,不知道呢", typed(6, 6000, 0, 0), annotated(0, 1, 2, 5))
                .buyer("ending", 30, "好的").id;
        otherSession = fx.session(otherTrainee, "logistics", t0, t0.plusSeconds(400), "lost", 1, 0.0, 0.0)
                .buyer("line", 0, "快递呢").silence(300).buyer("ending", 400, "差评").id;
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    private static HttpResponse<String> get(String user, String path) {
        return api.call("GET", path, api.token(user, "demo1234"), null);
    }

    @Test
    @DisplayName("GET /api/cohorts lists the caller's cohorts; admin sees all")
    void cohorts() {
        JsonArray mine = new JsonArray(get("manager1", "/api/cohorts").body());
        assertEquals(1, mine.size());
        assertEquals("演示班", mine.getJsonObject(0).getString("name"));
        assertEquals(2, new JsonArray(get("admin1", "/api/cohorts").body()).size());
        assertEquals("演示班", new JsonArray(get("trainee1", "/api/cohorts").body()).getJsonObject(0).getString("name"));
    }

    @Test
    @DisplayName("a manager reads their cohort's KPIs in the documented shape, and gets 403 for another cohort")
    void cohortKpis() {
        HttpResponse<String> r = get("manager1", "/api/cohorts/" + demoCohort + "/kpis?from=2025-03-01&to=2025-03-31");
        assertEquals(200, r.statusCode(), r.body());
        JsonObject json = new JsonObject(r.body());
        assertEquals("演示班", json.getJsonObject("cohort").getString("name"));
        assertEquals("2025-03-01", json.getJsonObject("period").getString("from"));
        assertEquals(15.0, json.getJsonObject("targets").getJsonObject("first_response_s").getDouble("max"));
        JsonArray trainees = json.getJsonArray("trainees");
        assertEquals(3, trainees.size());
        JsonObject first = trainees.stream().map(o -> (JsonObject) o).filter(t -> t.getLong("id") == trainee1).findFirst().orElseThrow();
        assertEquals("王小美", first.getString("name"));
        assertEquals(1, first.getInteger("sessions"));
        assertEquals(12.0, first.getDouble("firstResponseS"));
        assertEquals(100.0, first.getDouble("replyRate3m"));
        assertEquals(60.0, first.getDouble("typingCpm"));
        assertEquals(100.0, first.getDouble("forbiddenPer100"));
        assertTrue(first.containsKey("quizScore") && first.getValue("quizScore") == null);
        assertFalse(first.getJsonObject("readiness").getBoolean("ready"));
        assertTrue(first.getJsonObject("readiness").getJsonArray("unmet").encode().contains("quiz_passed"));
        assertEquals(1, first.getJsonObject("counts").getInteger("rounds"));

        assertEquals(403, get("manager1", "/api/cohorts/" + otherCohort + "/kpis").statusCode());
        assertEquals(200, get("other_manager", "/api/cohorts/" + otherCohort + "/kpis").statusCode());
        assertEquals(200, get("admin1", "/api/cohorts/" + otherCohort + "/kpis").statusCode());
        assertEquals(200, get("trainer1", "/api/cohorts/" + demoCohort + "/kpis").statusCode());
        assertEquals(403, get("trainee1", "/api/cohorts/" + demoCohort + "/kpis").statusCode());
        assertEquals(400, get("manager1", "/api/cohorts/" + demoCohort + "/kpis?from=March").statusCode());
    }

    @Test
    @DisplayName("a passed 岗前考试 meets the readiness exam condition, and quizScore is the mean of submitted attempts")
    void examResultsFeedReadiness() {
        String insert = "INSERT INTO exam_attempts (id, user_id, exam_id, exam_title, paper, pass_mark, started_at, deadline,"
                + " submitted_at, percent, passed) VALUES (gen_random_uuid(), $1, $2, '考试', '{}'::jsonb, 80,"
                + " now() - interval '1 hour', now(), now(), $3, $4)";
        app.sql(insert, trainee2, "pre-shift", 70.0, false);
        app.sql(insert, trainee2, "pre-shift", 90.0, true);
        JsonObject json = new JsonObject(get("manager1", "/api/trainees/" + trainee2 + "/kpis").body());
        assertEquals(80.0, json.getDouble("quizScore"));
        assertFalse(json.getJsonObject("readiness").getJsonArray("unmet").encode().contains("quiz_passed"),
                json.getJsonObject("readiness").encode());
    }

    @Test
    @DisplayName("a trainee reads only their own KPIs; a manager only their cohorts' trainees")
    void traineeScope() {
        HttpResponse<String> own = get("trainee1", "/api/trainees/" + trainee1 + "/kpis");
        assertEquals(200, own.statusCode(), own.body());
        JsonObject json = new JsonObject(own.body());
        assertEquals(1, json.getInteger("sessions"));
        assertEquals(ownSession.toString(), json.getJsonArray("recentSessions").getJsonObject(0).getString("id"));
        assertNull(json.getValue("quizScore"));
        assertEquals(403, get("trainee1", "/api/trainees/" + trainee2 + "/kpis").statusCode());
        assertEquals(403, get("trainee1", "/api/trainees/" + otherTrainee + "/kpis").statusCode());
        assertEquals(200, get("manager1", "/api/trainees/" + trainee2 + "/kpis").statusCode());
        assertEquals(403, get("manager1", "/api/trainees/" + otherTrainee + "/kpis").statusCode());
        assertEquals(200, get("admin1", "/api/trainees/" + otherTrainee + "/kpis").statusCode());
        assertEquals(404, get("manager1", "/api/trainees/999999/kpis").statusCode());
    }

    @Test
    @DisplayName("the CSV export is UTF-8 with a BOM, Chinese headers, and names that cannot start a formula")
    void csv() {
        HttpResponse<String> r = get("other_manager", "/api/cohorts/" + otherCohort + "/kpis.csv");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(r.body().startsWith("\uFEFF学员,用户名,练习次数,首次响应时间(秒)"), r.body());
        assertTrue(r.body().contains("\r\n'=赵(1+1),other_trainee,1,,,0.00,"), r.body().replace("\r", "<CR>"));
        assertEquals(403, get("manager1", "/api/cohorts/" + otherCohort + "/kpis.csv").statusCode());
    }

    @Test
    @DisplayName("我的进步, 团队看板, the trainee drill-down and the transcript render; transcripts are scoped too")
    void pages() {
        HttpResponse<String> progress = get("trainee1", "/progress");
        assertEquals(200, progress.statusCode());
        assertTrue(progress.body().contains("trend-chart") && progress.body().contains("暂不可上岗"), progress.body());
        assertTrue(progress.body().contains("/progress/sessions/" + ownSession));

        HttpResponse<String> dashboard = get("manager1", "/dashboard");
        assertEquals(200, dashboard.statusCode());
        assertTrue(dashboard.body().contains("cohort-table") && dashboard.body().contains("王小美"));
        assertTrue(dashboard.body().contains("/api/cohorts/" + demoCohort + "/kpis.csv"));

        assertEquals(200, get("manager1", "/dashboard/trainees/" + trainee1).statusCode());
        assertEquals(403, get("manager1", "/dashboard/trainees/" + otherTrainee).statusCode());
        HttpResponse<String> transcript = get("manager1", "/dashboard/sessions/" + ownSession);
        assertEquals(200, transcript.statusCode());
        assertTrue(transcript.body().contains("finding-forbidden") && transcript.body().contains("响应 12 秒"), transcript.body());
        // the header names the category and the outcome in Chinese, never by their ids
        String header = transcript.body().substring(transcript.body().indexOf("<p class=\"muted\">"));
        header = header.substring(0, header.indexOf("</p>"));
        assertTrue(header.contains("练习") && !header.matches(".*\\b(size|product|logistics|bargaining|after_sales|difficult|converted|resolved|escalated|lost)\\b.*"),
                header);
        assertEquals(403, get("manager1", "/dashboard/sessions/" + otherSession).statusCode());
        assertEquals(200, get("trainee1", "/progress/sessions/" + ownSession).statusCode());
        assertEquals(404, get("trainee1", "/progress/sessions/" + otherSession).statusCode());

        HttpResponse<String> other = get("admin1", "/dashboard?cohort=" + otherCohort);
        assertTrue(other.body().contains("=赵(1+1)") && !other.body().contains("<script>"), other.body());
    }

    @Test
    @DisplayName("我的进步 recommends the quiz topics whose questions cite the platform rule the trainee broke")
    void recommendedQuizzes() {
        OffsetDateTime t0 = OffsetDateTime.parse("2025-05-10T10:00:00+08:00");
        new SessionFixtures(app).session(trainee2, "after_sales", t0, t0.plusSeconds(100), "lost", 2, 60.0, 40.0)
                .buyer("line", 0, "我要退货")
                .reply(10, "加我微信吧", typed(0, 0, 5, 0), annotated(2, 0, 0, 2))
                .buyer("ending", 30, "算了");
        String page = get("trainee2", "/progress").body();
        assertTrue(page.contains("id=\"recommended-quizzes\""), page);
        // the fixture's violations cite rule off-platform; the 站外交易 bank's questions cite it too
        assertTrue(page.contains("<strong>站外交易</strong>") && page.contains("2 次"), page);
        assertFalse(get("trainee1", "/progress").body().contains("recommended-quizzes"), "no violations, no quiz tips");
    }
}
