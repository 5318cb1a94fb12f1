package io.kefutrainer.web;

import io.kefutrainer.support.Api;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TcpProxy;
import io.kefutrainer.support.TestApp;
import io.kefutrainer.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DbTest
class HealthTest {

    @Test
    @DisplayName("/health is DOWN (503) while PostgreSQL is unreachable and UP again by itself when it returns")
    void downThenUpWhenDatabaseIsCutOff() throws Exception {
        TestDatabase db = TestDatabase.create();
        try (TcpProxy proxy = new TcpProxy(db.config().host(), db.config().port());
             TestApp app = TestApp.startWith(db, db.config().withAddress("127.0.0.1", proxy.port()), true)) {
            Api api = new Api(app);
            assertEquals(new JsonObject().put("status", "UP").put("db", "UP"), new JsonObject(api.call("GET", "/health", null, null).body()));

            proxy.cut();
            HttpResponse<String> down = waitFor(api, 503, 15_000);
            assertEquals("DOWN", new JsonObject(down.body()).getString("db"));

            proxy.restore();
            HttpResponse<String> up = waitFor(api, 200, 20_000);
            assertEquals("UP", new JsonObject(up.body()).getString("db"));
            assertEquals(200, api.tokenResponse("trainee1", "demo1234").statusCode(), "requests work again without a restart");
        }
    }

    @Test
    @DisplayName("after pg_terminate_backend kills the pool's connections, /health and sign-in recover by themselves")
    void recoversAfterConnectionsAreTerminated() throws Exception {
        try (TestApp app = TestApp.start()) {
            Api api = new Api(app);
            assertEquals(200, api.tokenResponse("trainee1", "demo1234").statusCode());
            int killed = terminateConnections(app);
            assertTrue(killed > 0, "the pool had open connections to kill");
            HttpResponse<String> up = waitFor(api, 200, 15_000);
            assertEquals("UP", new JsonObject(up.body()).getString("status"));
            assertEquals(200, api.tokenResponse("trainee2", "demo1234").statusCode());
        }
    }

    static int terminateConnections(TestApp app) throws Exception {
        var c = app.db().config();
        try (Connection conn = DriverManager.getConnection(c.jdbcUrl("postgres"), c.user(), c.password());
             Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                     + " WHERE datname = '" + c.database() + "' AND pid <> pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static HttpResponse<String> waitFor(Api api, int status, long timeoutMs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        HttpResponse<String> last = null;
        while (System.currentTimeMillis() < deadline) {
            last = api.call("GET", "/health", null, null);
            if (last.statusCode() == status) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("/health never answered " + status + "; last: " + (last == null ? "none" : last.statusCode() + " " + last.body()));
    }
}
