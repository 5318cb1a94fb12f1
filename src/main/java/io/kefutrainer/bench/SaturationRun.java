package io.kefutrainer.bench;

import io.vertx.core.Promise;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Random;

import static io.kefutrainer.bench.BenchHttp.call;

/**
 * Closed-loop clients replying back to back (no think time, no SSE) to measure the reply path's throughput. Runs on
 * one event loop; counts only what completes inside the measured window (after the warm-up).
 */
final class SaturationRun {

    /** Replies per second, and sessions started per second (each script's session ends after a few replies). */
    record Result(double repliesPerS, double startsPerS) {
    }

    private final HttpClient http;
    private final ChatStats stats;
    private final String run;
    private final List<String> tokens;
    private final List<ChatScript> scripts;
    private final int concurrency;
    private final int warmupS;
    private final int saturationS;
    private final Promise<Result> result;
    private long measureFrom;
    private long measureTo;
    private long counted;
    private long starts;
    private int active;

    /** `run` tags this run's clientIds ("s" + run + "-…"). */
    SaturationRun(HttpClient http, ChatStats stats, String run, List<String> tokens, List<ChatScript> scripts,
                  int concurrency, int warmupS, int saturationS, Promise<Result> result) {
        this.http = http;
        this.stats = stats;
        this.run = run;
        this.tokens = tokens;
        this.scripts = scripts;
        this.concurrency = concurrency;
        this.warmupS = warmupS;
        this.saturationS = saturationS;
        this.result = result;
    }

    void start() {
        long now = System.currentTimeMillis();
        measureFrom = now + warmupS * 1000L; // warm-up
        measureTo = measureFrom + saturationS * 1000L;
        active = Math.min(concurrency, tokens.size());
        for (int i = 0; i < active; i++) {
            worker(i, tokens.get(i), new Random(i), new int[1]);
        }
    }

    private void worker(int index, String token, Random random, int[] count) {
        if (System.currentTimeMillis() >= measureTo) {
            if (--active == 0) {
                double window = measureTo - measureFrom;
                result.complete(new Result(counted * 1000.0 / window, starts * 1000.0 / window));
            }
            return;
        }
        ChatScript script = scripts.get(random.nextInt(scripts.size()));
        String body = new JsonObject().put("scenario", script.scenario()).put("seed", script.seed()).encode();
        call(http, HttpMethod.POST, "/api/sessions", token, body).onComplete(ar -> {
            if (ar.failed() || ar.result().status() != 201) {
                stats.error("saturation start " + (ar.succeeded() ? ar.result().status() : "no answer"));
                worker(index, token, random, count);
                return;
            }
            long now = System.currentTimeMillis();
            if (now >= measureFrom && now < measureTo) {
                starts++;
            }
            String session = new JsonObject(ar.result().body()).getString("id");
            replies(index, token, random, count, session, script, 0);
        });
    }

    /** The closing reply that ends a session whose buyer is done; counted like any other reply. */
    private void closingReply(int index, String token, Random random, int[] count, String session) {
        String clientId = "s" + run + "-" + index + "-" + (++count[0]);
        String body = new JsonObject().put("text", HumanPacedChat.CLOSING_REPLY).put("clientId", clientId).encode();
        call(http, HttpMethod.POST, "/api/sessions/" + session + "/replies", token, body).onComplete(ar -> {
            if (ar.succeeded() && ar.result().status() == 200) {
                stats.ackedIds.add(clientId);
                long now = System.currentTimeMillis();
                if (now >= measureFrom && now < measureTo) {
                    counted++;
                }
            } else {
                stats.error("saturation closing reply " + (ar.succeeded() ? ar.result().status() : "no answer"));
            }
            worker(index, token, random, count);
        });
    }

    private void replies(int index, String token, Random random, int[] count, String session, ChatScript script, int next) {
        if (next >= script.replies().size() || System.currentTimeMillis() >= measureTo) {
            worker(index, token, random, count);
            return;
        }
        String clientId = "s" + run + "-" + index + "-" + (++count[0]);
        String text = script.replies().get(next);
        String body = new JsonObject().put("text", text).put("clientId", clientId)
                .put("metrics", new JsonObject().put("committed", text.length()).put("committedHan", text.length())
                        .put("activeMs", 1500 + random.nextInt(3000))).encode();
        call(http, HttpMethod.POST, "/api/sessions/" + session + "/replies", token, body).onComplete(ar -> {
            if (ar.succeeded() && ar.result().status() == 200) {
                long now = System.currentTimeMillis();
                stats.ackedIds.add(clientId);
                if (now >= measureFrom && now < measureTo) {
                    counted++;
                }
                JsonObject answer = new JsonObject(ar.result().body());
                if (answer.getBoolean("closing", false)) {
                    closingReply(index, token, random, count, session);
                } else if (answer.getBoolean("ended", false)) {
                    worker(index, token, random, count);
                } else {
                    replies(index, token, random, count, session, script, next + 1);
                }
            } else {
                stats.error("saturation reply " + (ar.succeeded() ? ar.result().status() : "no answer"));
                worker(index, token, random, count);
            }
        });
    }
}
