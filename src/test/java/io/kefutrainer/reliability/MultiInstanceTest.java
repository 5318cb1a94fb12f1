package io.kefutrainer.reliability;

import io.kefutrainer.support.Api;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TcpProxy;
import io.kefutrainer.support.EventStream;
import io.kefutrainer.support.TestApp;
import io.kefutrainer.support.TestDatabase;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Two instances on one database, as behind a load balancer without sticky sessions, and cut database connections. */
@DbTest
class MultiInstanceTest {
    private static TestApp first;
    private static TestApp second;

    @BeforeAll
    static void start() {
        first = TestApp.startWithContent(Path.of("src/test/resources/practice"));
        second = first.another();
    }

    @AfterAll
    static void stop() {
        second.stop();
        first.close();
    }

    @Test
    @DisplayName("a reply posted to one instance reaches the live channel (SSE) opened on the other, each event once")
    void livePushCrossesInstances() throws Exception {
        Api a = new Api(first);
        String token = a.token("trainee1", "demo1234");
        String id = new JsonObject(a.call("POST", "/api/sessions", token,
                new JsonObject().put("scenario", "quick-size").put("seed", 7).encode()).body()).getString("id");
        List<String> lines = new CopyOnWriteArrayList<>();
        InputStream stream = openEvents(second, id, token, lines);
        try {
            waitUntil(() -> lines.stream().anyMatch(l -> l.startsWith("id: ")), 10_000, lines);
            assertEquals(200, reply(a, token, id, "亲 您好,建议M码哦", "x-1").statusCode());
            waitUntil(() -> lines.stream().anyMatch(l -> l.contains("\"clientId\":\"x-1\"")), 10_000, lines);
            assertEquals(200, reply(a, token, id, "是纯棉的呢", "x-2").statusCode());
            assertEquals(200, reply(a, token, id, "感谢亲的支持,祝您购物愉快~", "x-3").statusCode(), "the closing reply ends it");
            waitUntil(() -> lines.stream().anyMatch(l -> l.startsWith("event: ended")), 20_000, lines);
        } finally {
            stream.close();
        }
        List<String> ids = lines.stream().filter(l -> l.startsWith("id: ")).toList();
        assertEquals(ids.stream().distinct().count(), ids.size(), "no event pushed twice: " + ids);
        assertEquals(1, lines.stream().filter(l -> l.contains("\"clientId\":\"x-1\"")).count(), String.join("\n", lines));
        assertEquals(1, lines.stream().filter(l -> l.contains("\"clientId\":\"x-2\"")).count(), String.join("\n", lines));
        int storedShown = new JsonObject(a.call("GET", "/api/sessions/" + id, token, null).body()).getJsonArray("messages").size();
        assertEquals(storedShown, ids.size(), "the other instance pushed every stored message: " + String.join("\n", lines));
    }

    @Test
    @DisplayName("a burst of replies on one instance (their NOTIFYs sent together) reaches every stream on the other, each once")
    void burstOfRepliesCrossesInstances() throws Exception {
        Api a = new Api(first);
        String token = a.token("trainee2", "demo1234");
        int n = 12;
        List<String> ids = new java.util.ArrayList<>();
        List<List<String>> streams = new java.util.ArrayList<>();
        List<InputStream> open = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String id = new JsonObject(a.call("POST", "/api/sessions", token,
                        new JsonObject().put("scenario", "quick-size").put("seed", i).encode()).body()).getString("id");
                List<String> lines = new CopyOnWriteArrayList<>();
                open.add(openEvents(second, id, token, lines));
                ids.add(id);
                streams.add(lines);
            }
            for (List<String> lines : streams) waitUntil(() -> lines.stream().anyMatch(l -> l.startsWith("id: ")), 10_000, lines);
            List<java.util.concurrent.CompletableFuture<Integer>> acks = new java.util.ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = ids.get(i);
                String clientId = "burst-" + i;
                acks.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> reply(a, token, id, "亲 您好,建议M码哦", clientId).statusCode()));
            }
            for (var ack : acks) assertEquals(200, ack.get());
            for (int i = 0; i < n; i++) {
                String marker = "\"clientId\":\"burst-" + i + "\"";
                List<String> lines = streams.get(i);
                waitUntil(() -> lines.stream().anyMatch(l -> l.contains(marker)), 10_000, lines);
                assertEquals(1, lines.stream().filter(l -> l.contains(marker)).count(), String.join("\n", lines));
                assertTrue(lines.stream().noneMatch(l -> l.contains("\"clientId\":\"burst-") && !l.contains(marker)),
                        "a stream shows only its own session's reply: " + String.join("\n", lines));
            }
        } finally {
            for (InputStream in : open) in.close();
        }
    }

    @Test
    @DisplayName("replies alternating between instances (each with its own cached state) are stored in order, each once; a stale cache never stores after the end")
    void alternatingInstancesKeepOneOrder() {
        Api a = new Api(first);
        Api b = new Api(second);
        String token = a.token("trainee3", "demo1234");
        String id = new JsonObject(a.call("POST", "/api/sessions", token,
                new JsonObject().put("scenario", "quick-size").put("seed", 7).encode()).body()).getString("id");
        assertEquals(200, reply(a, token, id, "亲 您好,建议M码哦", "alt-1").statusCode());
        HttpResponse<String> resend = reply(b, token, id, "亲 您好,建议M码哦", "alt-1");
        assertEquals(200, resend.statusCode(), "a resend to the other instance is answered: " + resend.body());
        HttpResponse<String> last = reply(b, token, id, "是纯棉的呢", "alt-2");
        assertEquals(200, last.statusCode(), last.body());
        assertTrue(new JsonObject(last.body()).getBoolean("closing"), last.body());
        // the first instance still caches the state before alt-2: its one-round-trip path must be refused, and the
        // reply taken for what it is now, the closing reply
        HttpResponse<String> closing = reply(a, token, id, "感谢亲的支持,祝您购物愉快~", "alt-3");
        assertEquals(200, closing.statusCode(), closing.body());
        assertTrue(new JsonObject(closing.body()).getBoolean("ended"), closing.body());
        HttpResponse<String> late = reply(b, token, id, "还有别的问题吗", "alt-4");
        assertEquals(409, late.statusCode(), late.body());
        var seqs = new java.util.ArrayList<Integer>();
        first.sql("SELECT seq FROM session_events WHERE session_id = $1::uuid ORDER BY seq", id).forEach(r -> seqs.add(r.getInteger(0)));
        for (int i = 0; i < seqs.size(); i++) {
            assertEquals(i + 1, seqs.get(i), "events numbered without gaps: " + seqs);
        }
        assertEquals(3L, first.sql("SELECT count(*) FROM session_events WHERE session_id = $1::uuid AND client_id LIKE 'alt-%'", id)
                .iterator().next().getLong(0));
        assertEquals(200, a.call("GET", "/api/sessions/" + id + "/scorecard", token, null).statusCode());
    }

    @Test
    @DisplayName("after the database connections are cut (LISTEN included), the other instance's live channel still gets new replies")
    void livePushSurvivesCutConnections() throws Exception {
        Api a = new Api(first);
        String token = a.token("trainee2", "demo1234");
        String id = new JsonObject(a.call("POST", "/api/sessions", token,
                new JsonObject().put("scenario", "quick-size").put("seed", 7).encode()).body()).getString("id");
        List<String> lines = new CopyOnWriteArrayList<>();
        InputStream stream = openEvents(second, id, token, lines);
        try {
            waitUntil(() -> lines.stream().anyMatch(l -> l.startsWith("id: ")), 10_000, lines);
            var c = first.db().config();
            try (java.sql.Connection conn = java.sql.DriverManager.getConnection(c.jdbcUrl("postgres"), c.user(), c.password());
                 java.sql.Statement st = conn.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                         + " WHERE datname = '" + c.database() + "' AND application_name = 'kefu-trainer'")) {
                rs.next();
                assertTrue(rs.getInt(1) >= 2, "both instances' connections were cut");
            }
            HttpResponse<String> ack = null;
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                ack = reply(a, token, id, "亲 您好,建议M码哦", "cut-live-1");
                if (ack.statusCode() == 200) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals(200, ack.statusCode(), ack.body());
            waitUntil(() -> lines.stream().anyMatch(l -> l.contains("\"clientId\":\"cut-live-1\"")), 15_000, lines);
        } finally {
            stream.close();
        }
    }

    @Test
    @DisplayName("connections cut under a reply: the client resends with its clientId, the reply is stored once")
    void retryAfterCutIsStoredOnce() throws Exception {
        TestDatabase db = TestDatabase.create();
        try (TcpProxy proxy = new TcpProxy(db.config().host(), db.config().port());
             TestApp app = TestApp.startWith(db, db.config().withAddress("127.0.0.1", proxy.port()), true)) {
            Api api = new Api(app);
            String token = api.token("trainee1", "demo1234");
            String scenario = app.app().content().catalog().scenarios().keySet().iterator().next();
            String id = new JsonObject(api.call("POST", "/api/sessions", token,
                    new JsonObject().put("scenario", scenario).encode()).body()).getString("id");
            proxy.cut();
            HttpResponse<String> failed = reply(api, token, id, "亲,在的哦,请问有什么可以帮您?", "cut-1");
            assertTrue(failed.statusCode() >= 500, "no acknowledgement while the database is away: " + failed.statusCode());
            proxy.restore();
            HttpResponse<String> ack = null;
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                ack = reply(api, token, id, "亲,在的哦,请问有什么可以帮您?", "cut-1");
                if (ack.statusCode() == 200) {
                    break;
                }
                Thread.sleep(300);
            }
            assertEquals(200, ack.statusCode(), ack.body());
            HttpResponse<String> again = reply(api, token, id, "亲,在的哦,请问有什么可以帮您?", "cut-1");
            assertEquals(200, again.statusCode(), "a resend after the acknowledgement is answered, not refused");
            assertEquals(1L, app.sql("SELECT count(*) FROM session_events WHERE session_id = $1::uuid AND client_id = 'cut-1'", id)
                    .iterator().next().getLong(0));
        }
    }

    private static HttpResponse<String> reply(Api api, String token, String id, String text, String clientId) {
        return api.call("POST", "/api/sessions/" + id + "/replies", token,
                new JsonObject().put("text", text).put("clientId", clientId).encode());
    }

    private static InputStream openEvents(TestApp app, String id, String token, List<String> lines) throws Exception {
        return EventStream.open(HttpClient.newHttpClient(), app, id, token, lines);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, long timeoutMs, List<String> lines) throws InterruptedException {
        EventStream.waitUntil(condition, timeoutMs, lines);
    }
}
