package io.kefutrainer.bench;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;

/** How the chat bench's virtual trainees call the API: bearer token, JSON, bounded waits and retries. */
final class BenchHttp {
    static final long REQUEST_TIMEOUT_MS = 10_000;
    static final int MAX_ATTEMPTS = 12;

    /** An answer read whole: status and body. */
    record Answer(int status, String body) {
    }

    private BenchHttp() {
    }

    static Future<Answer> call(HttpClient http, HttpMethod method, String uri, String token, String body) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(uri).setTimeout(REQUEST_TIMEOUT_MS)
                .putHeader("Authorization", "Bearer " + token).putHeader("Accept", "application/json");
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        return http.request(options)
                .compose(req -> body == null ? req.send() : req.send(body))
                .compose(res -> res.body().map(b -> new Answer(res.statusCode(), b.toString())));
    }

    /** The highest message id in a session answer's `messages` (0 when none). */
    static int lastId(JsonArray messages) {
        int last = 0;
        if (messages != null) {
            for (int i = 0; i < messages.size(); i++) {
                last = Math.max(last, messages.getJsonObject(i).getInteger("id", 0));
            }
        }
        return last;
    }

    /** Exponential from 200 ms up to 4 s, with jitter so resends after a cut do not arrive together. */
    static long backoff(int attempt) {
        return Math.min(4000, 200L << Math.min(attempt, 5)) + (long) (Math.random() * 100);
    }
}
