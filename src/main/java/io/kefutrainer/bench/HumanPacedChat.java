package io.kefutrainer.bench;

import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Random;

import static io.kefutrainer.bench.BenchHttp.MAX_ATTEMPTS;
import static io.kefutrainer.bench.BenchHttp.backoff;
import static io.kefutrainer.bench.BenchHttp.call;
import static io.kefutrainer.bench.BenchHttp.lastId;

/**
 * The human-paced run: every virtual trainee plays scripts session after session, waits to see the buyer's line over
 * SSE, thinks, replies, and resends a reply (same clientId) while the server answers 5xx or not at all. All
 * callbacks run on one event loop (the context the run started on).
 */
final class HumanPacedChat {
    /** What the simulated trainees send when a buyer is done (the closing turn). */
    static final String CLOSING_REPLY = "感谢亲的支持,还有问题随时找我,祝您购物愉快~";

    private final Vertx vertx;
    private final HttpClient http;
    private final ChatStats stats;
    private final String run;
    private final List<String> tokens;
    private final List<ChatScript> scripts;
    private final int thinkMs;
    private final long deadline;
    private final Promise<Void> done;
    private int running;

    /** `run` tags this run's clientIds ("b" + run + "-…"); `done` completes when every trainee has stopped. */
    HumanPacedChat(Vertx vertx, HttpClient http, ChatStats stats, String run, List<String> tokens, List<ChatScript> scripts,
                   int thinkMs, long deadline, Promise<Void> done) {
        this.vertx = vertx;
        this.http = http;
        this.stats = stats;
        this.run = run;
        this.tokens = tokens;
        this.scripts = scripts;
        this.thinkMs = thinkMs;
        this.deadline = deadline;
        this.done = done;
    }

    void start() {
        int trainees = tokens.size();
        running = trainees;
        // trainees arrive over a ramp (15 ms apart, at most half the run) rather than all in the same second
        long ramp = Math.max(1, Math.min(trainees * 15L, (deadline - System.currentTimeMillis()) / 2));
        for (int i = 0; i < trainees; i++) {
            Trainee t = new Trainee(i, tokens.get(i));
            vertx.setTimer(1 + ramp * i / trainees, x -> t.nextSession());
        }
    }

    private void finished() {
        if (--running == 0) {
            done.complete();
        }
    }

    private final class Trainee {
        final int index;
        final String token;
        final Random random;
        ChatScript script;
        String session;
        int nextReply;
        /** The buyer's part is over and the session waits for the trainee's closing reply (结束语). */
        boolean closing;
        int replyCount;
        SseStream sse;
        int waitFor;         // the SSE event id the trainee waits to see before thinking about the next reply
        Runnable whenSeen;
        long waitTimer = -1;
        boolean stopped;

        Trainee(int index, String token) {
            this.index = index;
            this.token = token;
            this.random = new Random(index * 7919L + 17);
        }

        void nextSession() {
            closeSse();
            if (System.currentTimeMillis() >= deadline) {
                stop();
                return;
            }
            script = scripts.get(random.nextInt(scripts.size()));
            nextReply = 0;
            closing = false;
            startSession(0);
        }

        void startSession(int attempt) {
            String body = new JsonObject().put("scenario", script.scenario()).put("seed", script.seed()).encode();
            call(http, HttpMethod.POST, "/api/sessions", token, body).onComplete(ar -> {
                int status = ar.succeeded() ? ar.result().status() : -1;
                if (status == 201) {
                    stats.sessions.incrementAndGet();
                    JsonObject started = new JsonObject(ar.result().body());
                    session = started.getString("id");
                    sse = new SseStream(vertx, http, stats, token, session, this::onSse);
                    sse.open(0);
                    awaitThenReply(lastId(started.getJsonArray("messages")));
                } else if (attempt < MAX_ATTEMPTS && mayRetry(outage(status))) {
                    vertx.setTimer(backoff(attempt), x -> startSession(attempt + 1));
                } else {
                    stats.error("start " + (status == -1 ? "no answer" : status));
                    stop();
                }
            });
        }

        /** Waits (bounded) until the live channel has shown message `id`, thinks, then replies. */
        void awaitThenReply(int id) {
            awaitSeen(id, () -> vertx.setTimer(think(), x -> reply()));
        }

        void awaitSeen(int id, Runnable then) {
            if (sse != null && sse.lastId >= id) {
                then.run();
                return;
            }
            waitFor = id;
            whenSeen = then;
            waitTimer = vertx.setTimer(30_000, x -> {
                stats.sseTimeouts.incrementAndGet();
                fire();
            });
        }

        void onSse(int id) {
            stats.sseMessages.incrementAndGet();
            if (whenSeen != null && id >= waitFor) {
                vertx.cancelTimer(waitTimer);
                fire();
            }
        }

        void fire() {
            Runnable then = whenSeen;
            whenSeen = null;
            if (then != null) {
                then.run();
            }
        }

        void reply() {
            if (System.currentTimeMillis() >= deadline) {
                stop();
                return;
            }
            String text;
            if (nextReply < script.replies().size()) {
                text = script.replies().get(nextReply++);
            } else if (closing) {
                closing = false;
                text = CLOSING_REPLY; // the session ends with it, as a trainee ends a chat
            } else {
                nextSession(); // the transcript is done but the buyer did not end it (e.g. silence changed the path)
                return;
            }
            String clientId = "b" + run + "-" + index + "-" + (++replyCount);
            JsonObject body = new JsonObject().put("text", text).put("clientId", clientId)
                    .put("metrics", new JsonObject().put("committed", text.length()).put("committedHan", text.length())
                            .put("activeMs", 1500 + random.nextInt(3000)));
            send(body.encode(), clientId, System.nanoTime(), 0);
        }

        void send(String body, String clientId, long firstSentNs, int attempt) {
            if (attempt > 0) {
                stats.resends.incrementAndGet();
            }
            call(http, HttpMethod.POST, "/api/sessions/" + session + "/replies", token, body).onComplete(ar -> {
                int status = ar.succeeded() ? ar.result().status() : -1;
                if (status == 200) {
                    stats.acked(clientId, firstSentNs, System.nanoTime() - firstSentNs, attempt + 1);
                    JsonObject answer = new JsonObject(ar.result().body());
                    int last = lastId(answer.getJsonArray("messages"));
                    closing = answer.getBoolean("closing", false);
                    if (answer.getBoolean("ended", false)) {
                        awaitSeen(last, () -> vertx.setTimer(think(), x -> nextSession()));
                    } else {
                        awaitThenReply(last);
                    }
                } else if (status == 409) {
                    nextSession(); // the buyer left (silence) while the reply was on its way
                } else if (outage(status) && attempt + 1 < MAX_ATTEMPTS && mayRetry(true)) {
                    vertx.setTimer(backoff(attempt), x -> send(body, clientId, firstSentNs, attempt + 1));
                } else {
                    stats.error("reply " + (status == -1 ? "no answer" : status) + (attempt + 1 >= MAX_ATTEMPTS ? " (gave up)" : ""));
                    nextSession();
                }
            });
        }

        int think() {
            return thinkMs / 2 + random.nextInt(Math.max(1, thinkMs));
        }

        void closeSse() {
            if (sse != null) {
                sse.close();
                sse = null;
            }
            if (waitTimer >= 0) {
                vertx.cancelTimer(waitTimer);
            }
            whenSeen = null;
        }

        void stop() {
            if (!stopped) {
                stopped = true;
                closeSse();
                finished();
            }
        }
    }

    /** How long past the end of the run an outage's answer is still retried (the fault may cut in the last second). */
    private static final long OUTAGE_GRACE_MS = 60_000;

    /** No answer or a 5xx: an outage the client waits out, as a trainee's browser would. */
    private static boolean outage(int status) {
        return status == -1 || status >= 500;
    }

    /**
     * Whether a failed request may be sent again now: until the end of the run, and an outage's answer (for a start
     * as for a reply) for {@link #OUTAGE_GRACE_MS} more, so a trainee whose request met a cut tries again instead of giving up.
     */
    private boolean mayRetry(boolean outage) {
        return System.currentTimeMillis() < (outage ? deadline + OUTAGE_GRACE_MS : deadline);
    }
}
