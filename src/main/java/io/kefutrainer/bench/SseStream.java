package io.kefutrainer.bench;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/** The browser's live channel: GET …/events as text/event-stream, re-opened with Last-Event-ID when it drops. */
final class SseStream {
    private final Vertx vertx;
    private final HttpClient http;
    private final ChatStats stats;
    private final String token;
    private final String session;
    private final IntConsumer onMessage;
    private final StringBuilder pending = new StringBuilder();
    private HttpClientRequest request;
    /** The highest event id seen. */
    int lastId;
    private boolean closed;

    SseStream(Vertx vertx, HttpClient http, ChatStats stats, String token, String session, IntConsumer onMessage) {
        this.vertx = vertx;
        this.http = http;
        this.stats = stats;
        this.token = token;
        this.session = session;
        this.onMessage = onMessage;
    }

    void open(int attempt) {
        if (closed) {
            return;
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setURI("/api/sessions/" + session + "/events")
                .putHeader("Authorization", "Bearer " + token).putHeader("Accept", "text/event-stream")
                .setIdleTimeout(60_000);
        if (lastId > 0) {
            options.putHeader("Last-Event-ID", Integer.toString(lastId));
        }
        http.request(options).compose(req -> {
            request = req;
            return req.send();
        }).onComplete(ar -> {
            if (ar.failed() || ar.result().statusCode() != 200) {
                if (ar.succeeded()) {
                    ar.result().body();
                }
                reopen(attempt);
                return;
            }
            var res = ar.result();
            res.handler(this::onData);
            res.exceptionHandler(e -> reopen(0));
            res.endHandler(x -> reopen(0));
        });
    }

    private void reopen(int attempt) {
        if (!closed) {
            stats.sseReconnects.incrementAndGet();
            request = null;
            vertx.setTimer(BenchHttp.backoff(attempt), x -> open(attempt + 1));
        }
    }

    private void onData(Buffer data) {
        pending.append(data.toString(StandardCharsets.UTF_8));
        int end;
        while ((end = pending.indexOf("\n\n")) >= 0) {
            String frame = pending.substring(0, end);
            pending.delete(0, end + 2);
            for (String line : frame.split("\n")) {
                if (line.startsWith("id: ")) {
                    int id = Integer.parseInt(line.substring(4).trim());
                    if (id > lastId) {
                        lastId = id;
                        onMessage.accept(id);
                    }
                }
            }
        }
    }

    void close() {
        closed = true;
        if (request != null) {
            request.reset();
        }
    }
}
