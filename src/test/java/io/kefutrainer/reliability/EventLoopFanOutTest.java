package io.kefutrainer.reliability;

import io.kefutrainer.support.Api;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.EventStream;
import io.kefutrainer.support.TestApp;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One process, two HTTP event loops (verticle instances): live events cross from the loop that stored them to the stream's. */
@DbTest
class EventLoopFanOutTest {
    private static TestApp app;

    @BeforeAll
    static void start() {
        app = TestApp.startWithContent(Path.of("src/test/resources/practice"), 2);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @DisplayName("a reply accepted by one HTTP event loop reaches the live channel (SSE) served by another, each event once")
    void replyReachesStreamOnAnotherEventLoop() throws Exception {
        List<String> loops = app.app().server().eventLoops();
        assertEquals(2, loops.size());
        assertNotEquals(loops.get(0), loops.get(1), "two instances, two event-loop threads: " + loops);

        Api a = new Api(app);
        String token = a.token("trainee1", "demo1234");
        String id = new JsonObject(a.call("POST", "/api/sessions", token,
                new JsonObject().put("scenario", "quick-size").put("seed", 7).encode()).body()).getString("id");

        long[] before = requests();
        List<String> lines = new CopyOnWriteArrayList<>();
        InputStream stream = openEvents(id, token, lines);
        try {
            waitUntil(() -> lines.stream().anyMatch(l -> l.startsWith("id: ")), 10_000, lines);
            int streamOn = landedOn(before, requests());

            // new connections go to the instances in turn: find one on the other event loop and reply through it
            HttpClient other = null;
            for (int i = 0; i < 10 && other == null; i++) {
                HttpClient client = client();
                long[] probe = requests();
                assertEquals(200, client.send(get("/health"), HttpResponse.BodyHandlers.ofString()).statusCode());
                if (landedOn(probe, requests()) != streamOn) {
                    other = client;
                }
            }
            assertTrue(other != null, "no connection reached the second instance");
            long[] beforeReply = requests();
            HttpResponse<String> ack = other.send(reply(id, token, "亲 您好,建议M码哦", "loop-1"), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ack.statusCode(), ack.body());
            assertNotEquals(streamOn, landedOn(beforeReply, requests()), "the reply was served by the other instance");

            waitUntil(() -> lines.stream().anyMatch(l -> l.contains("\"clientId\":\"loop-1\"")), 10_000, lines);
            assertEquals(200, other.send(reply(id, token, "是纯棉的呢", "loop-2"), HttpResponse.BodyHandlers.ofString()).statusCode());
            // the buyer's ending line, then the trainee's closing reply (结束语) ends the session
            assertEquals(200, other.send(reply(id, token, "感谢亲的支持,祝您购物愉快~", "loop-3"), HttpResponse.BodyHandlers.ofString()).statusCode());
            waitUntil(() -> lines.stream().anyMatch(l -> l.startsWith("event: ended")), 20_000, lines);
        } finally {
            stream.close();
        }
        List<String> ids = lines.stream().filter(l -> l.startsWith("id: ")).toList();
        assertEquals(ids.stream().distinct().count(), ids.size(), "no event pushed twice: " + ids);
        int storedShown = new JsonObject(a.call("GET", "/api/sessions/" + id, token, null).body()).getJsonArray("messages").size();
        assertEquals(storedShown, ids.size(), "the stream got every stored message: " + String.join("\n", lines));
    }

    private static long[] requests() {
        return app.app().server().requestsPerInstance();
    }

    /** The one instance whose request count moved between two readings. */
    private static int landedOn(long[] before, long[] after) {
        int landed = -1;
        for (int i = 0; i < before.length; i++) {
            if (after[i] != before[i]) {
                assertEquals(-1, landed, "one request, one instance");
                landed = i;
            }
        }
        assertTrue(landed >= 0, "the request reached an instance");
        return landed;
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create(app.url(path))).timeout(Duration.ofSeconds(10)).build();
    }

    private static HttpRequest reply(String id, String token, String text, String clientId) {
        return HttpRequest.newBuilder(URI.create(app.url("/api/sessions/" + id + "/replies")))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("text", text).put("clientId", clientId).encode()))
                .build();
    }

    private static InputStream openEvents(String id, String token, List<String> lines) throws Exception {
        return EventStream.open(client(), app, id, token, lines);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, long timeoutMs, List<String> lines) throws InterruptedException {
        EventStream.waitUntil(condition, timeoutMs, lines);
    }
}
