package io.kefutrainer.cli;

import io.kefutrainer.support.DbTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the packaged jar as a user would on a laptop without PostgreSQL: `serve --embedded-db --demo`. */
@DbTest
class EmbeddedServerIT {

    @Test
    @DisplayName("the jar with --embedded-db starts its own PostgreSQL: /health is UP and the demo accounts sign in")
    void embeddedDatabase() throws Exception {
        Path home = Files.createTempDirectory("kt-home");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = home.resolve("serve.log");
        ProcessBuilder pb = new ProcessBuilder(List.of(System.getProperty("java.home") + "/bin/java",
                "-Duser.home=" + home, "-jar", System.getProperty("kt.jar", "target/kefu-trainer.jar"),
                "serve", "--embedded-db", "--demo", "--port", Integer.toString(port)));
        pb.environment().remove("DATABASE_URL");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process server = pb.start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> health = null;
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline && server.isAlive()) {
                try {
                    health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (health.statusCode() == 200) {
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    // still starting
                }
                Thread.sleep(500);
            }
            assertTrue(health != null && health.statusCode() == 200, "health never UP; log:\n" + Files.readString(log));
            assertEquals("UP", new JsonObject(health.body()).getString("db"));

            HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"trainee1\",\"password\":\"demo1234\"}"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, token.statusCode(), token.body());
            assertEquals("trainee", new JsonObject(token.body()).getString("role"));
            assertTrue(Files.isDirectory(home.resolve(".kefu-trainer/pgdata")), "data kept under ~/.kefu-trainer/pgdata");
            String output = Files.readString(log);
            // demo mode: the demo accounts are the way in (admin1 is the administrator); no extra random-password admin
            assertTrue(output.contains("演示模式: trainee1–trainee3, trainer1, manager1, admin1"), output);
            assertTrue(!output.contains("Created the administrator account"), output);
        } finally {
            server.destroy(); // SIGTERM: the shutdown hook stops the embedded PostgreSQL
            if (!server.waitFor(Duration.ofSeconds(30).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                server.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }
}
