package io.kefutrainer.cli;

import io.kefutrainer.bench.ChatScript;
import io.kefutrainer.scenario.ScenarioCatalog;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of the packaged server mid-session, then a restart on the same PostgreSQL database: what was acknowledged
 * is there, the session resumes where it was, and the exam answers autosaved before the kill are kept.
 */
@DbTest
class KillRestartIT {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private int port;

    @Test
    @DisplayName("kill -9 mid-session: every acknowledged reply is stored once, the session resumes, autosaved answers stay")
    void killAndRestart() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("kt-kill", ".log");
        ChatScript script = ChatScript.fromTests(ScenarioCatalog.load(Path.of("scenarios"))).stream()
                .filter(x -> x.replies().size() >= 3).findFirst().orElseThrow();
        try (TestDatabase db = TestDatabase.create()) {
            Process first = serve(db, log);
            Process second = null;
            try {
                awaitUp(first, log);
                String token = new JsonObject(call("POST", "/api/auth/token", null,
                        new JsonObject().put("username", "trainee1").put("password", "demo1234").encode(), 200)).getString("token");
                String session = new JsonObject(call("POST", "/api/sessions", token,
                        new JsonObject().put("scenario", script.scenario()).put("seed", script.seed()).encode(), 201)).getString("id");
                // an exam with answers autosaved
                JsonObject paper = new JsonObject(call("POST", "/api/exams/pre-shift/attempts", token, null, 201));
                String attempt = paper.getString("attemptId");
                Map<String, Object> saved = new HashMap<>();
                for (Object o : paper.getJsonArray("questions")) {
                    JsonObject q = (JsonObject) o;
                    Object value = switch (q.getString("type")) {
                        case "true_false" -> Boolean.TRUE;
                        case "single" -> 0;
                        case "multiple" -> new JsonArray().add(0);
                        default -> null;
                    };
                    if (value != null && saved.size() < 5) {
                        call("PUT", "/api/attempts/" + attempt + "/answers/" + q.getString("id"), token,
                                new JsonObject().put("value", value).encode(), 200);
                        saved.put(q.getString("id"), value);
                    }
                }
                assertTrue(saved.size() >= 2, "the exam has questions to answer: " + paper.getJsonArray("questions"));

                call("POST", "/api/sessions/" + session + "/replies", token, reply(script.replies().get(0), "k-1"), 200);
                // the second reply is in flight when the server is killed: acknowledged or not, it is resent below
                CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(request("POST", "/api/sessions/" + session + "/replies",
                        token, reply(script.replies().get(1), "k-2")), HttpResponse.BodyHandlers.ofString());
                Thread.sleep(5);
                first.destroyForcibly(); // SIGKILL: no shutdown hook runs
                assertTrue(first.waitFor(30, TimeUnit.SECONDS));
                boolean secondAcked = false;
                try {
                    secondAcked = inFlight.get(10, TimeUnit.SECONDS).statusCode() == 200;
                } catch (Exception cut) {
                    // the connection died with the server: not acknowledged
                }

                second = serve(db, log);
                awaitUp(second, log);
                JsonObject view = new JsonObject(call("GET", "/api/sessions/" + session, token, null, 200));
                List<String> clientIds = new ArrayList<>();
                Set<Integer> ids = new HashSet<>();
                for (Object o : view.getJsonArray("messages")) {
                    JsonObject m = (JsonObject) o;
                    assertTrue(ids.add(m.getInteger("id")), "each stored message shown once: " + view.encode());
                    if (m.getString("clientId") != null) {
                        clientIds.add(m.getString("clientId"));
                    }
                }
                assertTrue(clientIds.contains("k-1"), "the acknowledged reply survived kill -9: " + clientIds);
                if (secondAcked) {
                    assertTrue(clientIds.contains("k-2"), "an acknowledged reply survived kill -9: " + clientIds);
                }
                // the client resends what it has no acknowledgement for, with the same clientId: stored once
                call("POST", "/api/sessions/" + session + "/replies", token, reply(script.replies().get(1), "k-2"), 200);
                call("POST", "/api/sessions/" + session + "/replies", token, reply(script.replies().get(2), "k-3"), 200);
                JsonObject after = new JsonObject(call("GET", "/api/sessions/" + session, token, null, 200));
                List<String> afterIds = after.getJsonArray("messages").stream().map(JsonObject.class::cast)
                        .map(m -> m.getString("clientId")).filter(x -> x != null).toList();
                assertEquals(List.of("k-1", "k-2", "k-3"), afterIds, "the session resumed: each reply once, in order");

                JsonObject exam = new JsonObject(call("GET", "/api/attempts/" + attempt, token, null, 200));
                assertEquals("open", exam.getString("status"));
                for (Map.Entry<String, Object> e : saved.entrySet()) {
                    assertTrue(exam.getJsonObject("answers").containsKey(e.getKey()), "autosaved answer kept: " + exam.encode());
                }
            } finally {
                for (Process p : new Process[]{first, second}) {
                    if (p != null && p.isAlive()) {
                        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    }
                }
            }
        }
    }

    private static String reply(String text, String clientId) {
        return new JsonObject().put("text", text).put("clientId", clientId).encode();
    }

    @Test
    @DisplayName("serve --demo on an empty database makes no extra admin, and SIGTERM stops it quietly (no stack trace)")
    void sigtermStopsQuietly() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = Files.createTempFile("kt-term", ".log");
        try (TestDatabase db = TestDatabase.create()) {
            Process server = serve(db, log);
            try {
                awaitUp(server, log);
                server.destroy(); // SIGTERM
                assertTrue(server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "stopped within 30 s");
            } finally {
                server.destroyForcibly();
            }
            String out = Files.readString(log);
            assertFalse(out.contains("Exception") || out.contains("\tat "), "a quiet stop:\n" + out);
            assertFalse(out.contains("Created the administrator account"), "the demo admin is enough:\n" + out);
        }
    }

    private Process serve(TestDatabase db, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(List.of(System.getProperty("java.home") + "/bin/java", "-jar",
                System.getProperty("kt.jar", "target/kefu-trainer.jar"), "serve", "--demo", "--port", Integer.toString(port)));
        var c = db.config();
        pb.environment().remove("DATABASE_URL");
        pb.environment().put("PGHOST", c.host());
        pb.environment().put("PGPORT", Integer.toString(c.port()));
        pb.environment().put("PGUSER", c.user());
        pb.environment().put("PGDATABASE", c.database());
        if (c.password() != null) {
            pb.environment().put("PGPASSWORD", c.password());
        }
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return pb.start();
    }

    private void awaitUp(Process server, Path log) throws Exception {
        long deadline = System.currentTimeMillis() + 120_000;
        while (System.currentTimeMillis() < deadline && server.isAlive()) {
            try {
                if (http.send(request("GET", "/health", null, null), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            Thread.sleep(300);
        }
        throw new AssertionError("server never UP; log:\n" + Files.readString(log));
    }

    private HttpRequest request(String method, String path, String token, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private String call(String method, String path, String token, String body, int expected) throws Exception {
        HttpResponse<String> r = http.send(request(method, path, token, body), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, r.statusCode(), method + " " + path + ": " + r.body());
        return r.body();
    }
}
