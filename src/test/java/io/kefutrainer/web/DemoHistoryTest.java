package io.kefutrainer.web;

import io.kefutrainer.support.Api;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestApp;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DbTest
class DemoHistoryTest {

    private static long count(TestApp app, String sql) {
        return app.sql(sql).iterator().next().getLong(0);
    }

    @Test
    @DisplayName("serve --demo gives the demo trainees graded past sessions that the KPI pages count; a second start adds none")
    void demoHistory() {
        try (TestApp app = TestApp.startWithDemoHistory()) {
            long sessions = count(app, "SELECT count(*) FROM practice_sessions");
            assertEquals(36, sessions, "12 sessions for each of the three demo trainees");
            assertEquals(0, count(app, "SELECT count(*) FROM practice_sessions WHERE ended_at IS NULL OR scorecard IS NULL"));
            assertTrue(count(app, "SELECT count(*) FROM session_events WHERE sender = 'trainee' AND annotations IS NULL") == 0);
            // sessions that reached an ending with a closing turn end with the demo trainee's closing reply, as live ones do
            assertTrue(count(app, "SELECT count(*) FROM session_events WHERE sender = 'trainee' AND kind = 'closing'") > 0);
            assertEquals(0, count(app, "SELECT count(*) FROM session_events c JOIN practice_sessions s ON s.id = c.session_id"
                    + " WHERE c.kind = 'closing' AND c.at <> s.ended_at"), "the closing reply is the session's last word");

            Api api = new Api(app);
            long trainee1 = count(app, "SELECT id FROM users WHERE username = 'trainee1'");
            HttpResponse<String> r = api.call("GET", "/api/trainees/" + trainee1 + "/kpis", api.token("manager1", "demo1234"), null);
            assertEquals(200, r.statusCode(), r.body());
            JsonObject kpis = new JsonObject(r.body());
            assertEquals(12, kpis.getInteger("sessions"));
            assertNotNull(kpis.getValue("replyRate3m"));
            assertNotNull(kpis.getValue("avgResponseS"));

            // the demo admin is the administrator: no extra `admin` with a random password beside admin1
            assertEquals(1, count(app, "SELECT count(*) FROM users WHERE role = 'admin'"));
            assertEquals(1, count(app, "SELECT count(*) FROM users WHERE username = 'admin1'"));

            try (TestApp again = app.anotherWithDemoHistory()) {
                assertEquals(sessions, count(again, "SELECT count(*) FROM practice_sessions"));
            }
        }
    }
}
