package io.kefutrainer.support;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A session's live channel (SSE) read line by line in the background, as a browser's EventSource would. */
public final class EventStream {

    private EventStream() {
    }

    /** Opens GET /api/sessions/{id}/events through client; every line read is added to lines. Close the stream to stop. */
    public static InputStream open(HttpClient client, TestApp app, String id, String token, List<String> lines) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.url("/api/sessions/" + id + "/events")))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                }
            } catch (Exception closed) {
                // the test closed the stream
            }
        });
        reader.setDaemon(true);
        reader.start();
        return response.body();
    }

    /** Waits for condition, failing with the stream read so far. */
    public static void waitUntil(BooleanSupplier condition, long timeoutMs, List<String> lines) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out; the stream so far:\n" + String.join("\n", lines));
            }
            Thread.sleep(50);
        }
    }
}
