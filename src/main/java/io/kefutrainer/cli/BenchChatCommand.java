package io.kefutrainer.cli;

import io.kefutrainer.Application;
import io.kefutrainer.account.Passwords;
import io.kefutrainer.scenario.CatalogSnapshot;
import io.kefutrainer.scenario.ScenarioCatalog;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.TranscriptTest;
import io.kefutrainer.store.DatabaseBootstrap;
import io.kefutrainer.store.Db;
import io.kefutrainer.store.DbConfig;
import io.kefutrainer.store.TokenStore;
import io.kefutrainer.web.ServerOptions;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * bench chat: virtual trainees play real scenarios through the same live channel as the browser (POST replies,
 * buyer messages over SSE) at a human pace, optionally while the server's database connections are cut every
 * 10 s; then the server's reply path at saturation and a bare vertx-pg-client insert of the same rows at the
 * same concurrency; then every acknowledged reply is looked up in the database. Bounded in count and time,
 * 127.0.0.1 only unless --url. The last line is JSON for scripts; the exit code is 1 when a reply was lost
 * or duplicated.
 *
 * Signing in: the login throttle counts only failed attempts (per user and per address), so correct passwords
 * from one address are never throttled; but each sign-in costs an argon2 verification (tens of ms of CPU), which is
 * not what this bench measures. So a sample (--sign-in) signs in through POST /api/auth/token with its password,
 * and the other trainees get bearer tokens minted with the server's TokenStore, the same rows the endpoint writes.
 */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = "Load-test live practice sessions (replies + SSE) and check no acknowledged reply is lost.")
public final class BenchChatCommand implements Callable<Integer> {
    /** What the simulated trainees send when a buyer is done (the closing turn). */
    static final String CLOSING_REPLY = "感谢亲的支持,还有问题随时找我,祝您购物愉快~";


    @Option(names = "--trainees", defaultValue = "200", description = "virtual trainees (default 200)")
    int trainees;

    @Option(names = "--duration", defaultValue = "60", description = "seconds of human-paced play (default 60)")
    int duration;

    @Option(names = "--fault", description = "cut-db-connections: pg_terminate_backend on the server's connections every 10 s")
    String fault;

    @Option(names = "--url", description = "target a running server (its database from DATABASE_URL / PG*) instead of starting one")
    String url;

    @Option(names = "--scenarios", defaultValue = "scenarios", description = "content folder (the transcripts the trainees type)")
    Path scenarios;

    @Option(names = "--think-ms", defaultValue = "3000", description = "mean pause after the buyer's last line before replying (±50%%)")
    int thinkMs;

    @Option(names = "--sign-in", defaultValue = "20", description = "trainees that sign in with their password through /api/auth/token")
    int signInSample;

    @Option(names = "--saturation-s", defaultValue = "10", description = "seconds of the saturation and bare-insert runs (0 = skip)")
    int saturationS;

    @Option(names = "--concurrency", defaultValue = "32", description = "closed-loop clients in the saturation and bare-insert runs")
    int concurrency;

    @Option(names = "--warmup-s", defaultValue = "3", description = "seconds of warm-up before the saturation and bare-insert runs count (default 3)")
    int warmupS;

    @Option(names = "--saturation-only", description = "skip the human-paced run: only the saturation and bare-insert runs (for profiling)")
    boolean saturationOnly;

    static final long FAULT_PERIOD_MS = 10_000;
    static final long REQUEST_TIMEOUT_MS = 10_000;
    static final int MAX_ATTEMPTS = 12;

    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final Stats stats = new Stats();

    @Override
    public Integer call() throws Exception {
        if (trainees < 1 || trainees > 20_000) {
            throw new IllegalArgumentException("--trainees must be between 1 and 20000");
        }
        if (duration < 1 || duration > 3600) {
            throw new IllegalArgumentException("--duration must be between 1 and 3600 seconds");
        }
        if (fault != null && !fault.equals("cut-db-connections")) {
            throw new IllegalArgumentException("--fault must be cut-db-connections");
        }
        List<Script> scripts = scripts(ScenarioCatalog.load(scenarios));
        if (scripts.isEmpty()) {
            throw new IllegalArgumentException("no scenario in " + scenarios + " has a test transcript to play");
        }
        DbConfig base = DbConfig.fromEnv(System.getenv());
        DbConfig db = url != null ? base : base.withDatabase("kt_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        Vertx serverVertx = null;
        Application app = null;
        Vertx vertx = Vertx.vertx();
        timerVertx = vertx;
        Pool admin = null;
        try {
            String host;
            int port;
            if (url == null) {
                System.out.println("database " + db.database() + " (throw-away) on " + db.host() + ":" + db.port());
                DatabaseBootstrap.prepare(db);
                serverVertx = Vertx.vertx();
                app = Application.start(serverVertx, db,
                        new ServerOptions(0, false, scenarios, false, false), pw -> { }).await(60, TimeUnit.SECONDS);
                host = "127.0.0.1";
                port = app.port();
            } else {
                URI target = URI.create(url);
                host = target.getHost();
                port = target.getPort() < 0 ? 80 : target.getPort();
            }
            admin = pool(vertx, db, "kefu-bench", concurrency);
            System.out.printf("server http://%s:%d, %d trainees, %d s%s%n", host, port, trainees, duration,
                    fault == null ? "" : ", fault " + fault);

            Accounts accounts = accounts(vertx, admin, host, port);
            int maxPool = trainees + concurrency + 64;
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
                            .setKeepAlive(true).setConnectTimeout(5000),
                    new io.vertx.core.http.PoolOptions().setHttp1MaxSize(maxPool).setMaxWaitQueueSize(-1));

            Context ctx = vertx.getOrCreateContext();
            Pool cutter = admin;
            long faultTimer = fault == null ? -1 : vertx.setPeriodic(FAULT_PERIOD_MS, t -> cutConnections(cutter, db));
            Promise<Void> chatDone = Promise.promise();
            long startedAt = System.currentTimeMillis();
            if (saturationOnly) {
                chatDone.complete();
            } else {
                ctx.runOnContext(v -> new Chat(vertx, http, accounts, scripts, startedAt + duration * 1000L, chatDone).start());
            }
            chatDone.future().await(duration + 180L, TimeUnit.SECONDS);
            if (faultTimer >= 0) {
                vertx.cancelTimer(faultTimer);
            }
            Stats.Snapshot chat = stats.snapshot();
            System.out.printf("chat: %d replies acknowledged (%d resends), %d errors, %d sessions, %d buyer lines over SSE"
                            + " (%d waits timed out), %d connection cuts (%d connections)%n",
                    chat.acked(), stats.resends.get(), stats.errors.get(), stats.sessions.get(), stats.sseMessages.get(),
                    stats.sseTimeouts.get(), stats.cuts.get(), stats.killed.get());

            double serverRps = 0;
            double bareRps = 0;
            if (saturationS > 0) {
                Promise<Double> saturated = Promise.promise();
                ctx.runOnContext(v -> new Saturation(http, accounts, scripts, saturated).start());
                serverRps = saturated.future().await(saturationS + 120L, TimeUnit.SECONDS);
                bareRps = bareInsert(vertx, db).await(saturationS + 120L, TimeUnit.SECONDS);
                System.out.printf("saturation: server reply path %.0f replies/s (plus %.0f session starts/s, not counted),"
                                + " bare insert %.0f transactions/s of a reply and a buyer line (%d clients); load average %.2f%n",
                        serverRps, saturationStartsRps, bareRps, concurrency,
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            }
            http.close().await(10, TimeUnit.SECONDS);

            long[] check = verify(admin);
            long lost = check[0];
            long duplicated = check[1];
            long[] latencies = stats.latencies(chat.count());
            double p50 = percentile(latencies, 0.50);
            double p99 = percentile(latencies, 0.99);
            double ratio = bareRps > 0 ? serverRps / bareRps : 0;
            System.out.printf("check: %d acknowledged replies looked up by clientId, %d missing, %d duplicated%n",
                    stats.ackedIds.size(), lost, duplicated);
            System.out.printf("ack latency of the human-paced replies (first send to acknowledgement, resends included): p50 %.1f ms, p99 %.1f ms;"
                    + " load average %.2f on %d cpus%n", p50, p99, java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
            if (!stats.errorKinds.isEmpty()) {
                System.out.println("errors by kind: " + stats.errorKinds);
            }
            JsonObject line = new JsonObject().put("bench", "chat").put("trainees", trainees).put("replies", chat.acked())
                    .put("lost", lost).put("errors", stats.errors.get()).put("p50_ms", round(p50)).put("p99_ms", round(p99))
                    .put("ratio_to_bare_insert", round(ratio)).put("duplicated", duplicated)
                    .put("fault", fault == null ? "none" : fault).put("cuts", stats.cuts.get())
                    .put("saturation_rps", Math.round(serverRps)).put("saturation_starts_per_s", Math.round(saturationStartsRps)).put("bare_insert_rps", Math.round(bareRps));
            System.out.println(line.encode());
            return lost == 0 && duplicated == 0 ? 0 : 1;
        } finally {
            if (admin != null) {
                admin.close().await(10, TimeUnit.SECONDS);
            }
            vertx.close().await(20, TimeUnit.SECONDS);
            if (app != null) {
                app.close().await(20, TimeUnit.SECONDS);
            }
            if (serverVertx != null) {
                serverVertx.close().await(20, TimeUnit.SECONDS);
            }
            if (url == null) {
                DatabaseBootstrap.drop(db);
            }
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    // ---- content

    /** What one virtual trainee types: a scenario's first test transcript (its good path), replies only. */
    record Script(String scenario, long seed, List<String> replies) {
    }

    static List<Script> scripts(CatalogSnapshot catalog) {
        List<Script> list = new ArrayList<>();
        for (Scenario s : catalog.scenarios().values()) {
            if (s.tests().isEmpty()) {
                continue;
            }
            TranscriptTest test = s.tests().get(0);
            List<String> replies = test.inputs().stream().filter(i -> !i.isSilence()).map(TranscriptTest.Input::text).toList();
            if (!replies.isEmpty()) {
                list.add(new Script(s.id(), test.seed(), replies));
            }
        }
        list.sort((a, b) -> a.scenario().compareTo(b.scenario()));
        return list;
    }

    // ---- accounts

    record Accounts(List<String> tokens) {
    }

    /** N trainee accounts in one statement (one argon2 hash shared by all), then their bearer tokens. */
    private Accounts accounts(Vertx vertx, Pool pool, String host, int port) throws Exception {
        String password = "bench-" + UUID.randomUUID();
        String hash = Passwords.hash(password);
        String[] names = new String[trainees];
        for (int i = 0; i < trainees; i++) {
            names[i] = "bench" + run + "_" + i;
        }
        List<Long> ids = new ArrayList<>();
        pool.preparedQuery("INSERT INTO users (username, display_name, role, password_hash)"
                        + " SELECT u, '压测学员' || right(u, 5), 'trainee', $2 FROM unnest($1::text[]) WITH ORDINALITY AS t(u, n)"
                        + " ORDER BY n RETURNING id")
                .execute(Tuple.of(names, hash)).await(60, TimeUnit.SECONDS).forEach(r -> ids.add(r.getLong(0)));
        long t0 = System.currentTimeMillis();
        int sample = Math.min(signInSample, trainees);
        List<String> tokens = new ArrayList<>();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port));
        for (int i = 0; i < sample; i++) {
            String body = new JsonObject().put("username", names[i]).put("password", password).encode();
            Buffer answer = client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/api/auth/token")
                            .putHeader("Content-Type", "application/json").setTimeout(30_000))
                    .compose(req -> req.send(body))
                    .compose(res -> res.statusCode() == 200 ? res.body()
                            : res.body().compose(b -> Future.failedFuture("sign-in answered " + res.statusCode() + " " + b)))
                    .await(60, TimeUnit.SECONDS);
            tokens.add(new JsonObject(answer).getString("token"));
        }
        client.close();
        long signInMs = System.currentTimeMillis() - t0;
        TokenStore store = new TokenStore(pool);
        List<Future<TokenStore.Issued>> minted = new ArrayList<>();
        for (int i = sample; i < trainees; i++) {
            minted.add(store.issue(ids.get(i), Duration.ofHours(2)));
        }
        Future.all(minted).await(120, TimeUnit.SECONDS);
        minted.forEach(f -> tokens.add(f.result().token()));
        System.out.printf("accounts: %d trainees; %d signed in through /api/auth/token (%.0f ms each), %d tokens minted%n",
                trainees, sample, sample == 0 ? 0.0 : (double) signInMs / sample, trainees - sample);
        return new Accounts(tokens);
    }

    // ---- the human-paced run

    /** Every virtual trainee; all callbacks run on one event loop (the context the run started on). */
    private final class Chat {
        private final Vertx vertx;
        private final HttpClient http;
        private final Accounts accounts;
        private final List<Script> scripts;
        private final long deadline;
        private final Promise<Void> done;
        private int running;

        Chat(Vertx vertx, HttpClient http, Accounts accounts, List<Script> scripts, long deadline, Promise<Void> done) {
            this.vertx = vertx;
            this.http = http;
            this.accounts = accounts;
            this.scripts = scripts;
            this.deadline = deadline;
            this.done = done;
        }

        void start() {
            running = trainees;
            // trainees arrive over a ramp (15 ms apart, at most half the run) rather than all in the same second
            long ramp = Math.max(1, Math.min(trainees * 15L, (deadline - System.currentTimeMillis()) / 2));
            for (int i = 0; i < trainees; i++) {
                Trainee t = new Trainee(i, accounts.tokens().get(i));
                vertx.setTimer(1 + ramp * i / trainees, x -> t.nextSession());
            }
        }

        void finished() {
            if (--running == 0) {
                done.complete();
            }
        }

        final class Trainee {
            final int index;
            final String token;
            final Random random;
            Script script;
            String session;
            int nextReply;
            /** The buyer's part is over and the session waits for the trainee's closing reply (结束语). */
            boolean closing;
            int replyCount;
            Sse sse;
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
                    if (ar.succeeded() && ar.result().status() == 201) {
                        stats.sessions.incrementAndGet();
                        JsonObject started = new JsonObject(ar.result().body());
                        session = started.getString("id");
                        sse = new Sse(http, token, session, this::onSse);
                        sse.open(0);
                        awaitThenReply(lastId(started.getJsonArray("messages")));
                    } else if (attempt < MAX_ATTEMPTS && System.currentTimeMillis() < deadline) {
                        vertx.setTimer(backoff(attempt), x -> startSession(attempt + 1));
                    } else {
                        stats.error("start " + (ar.succeeded() ? ar.result().status() : "no answer"));
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
                        stats.acked(clientId, System.nanoTime() - firstSentNs);
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
                    } else if ((status == -1 || status >= 500) && attempt + 1 < MAX_ATTEMPTS
                            && System.currentTimeMillis() < deadline + 60_000) {
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
    }

    /** The browser's live channel: GET …/events as text/event-stream, re-opened with Last-Event-ID when it drops. */
    private final class Sse {
        private final HttpClient http;
        private final String token;
        private final String session;
        private final java.util.function.IntConsumer onMessage;
        private final StringBuilder pending = new StringBuilder();
        private io.vertx.core.http.HttpClientRequest request;
        int lastId;
        boolean closed;

        Sse(HttpClient http, String token, String session, java.util.function.IntConsumer onMessage) {
            this.http = http;
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
                BenchChatCommand.this.timer(backoff(attempt), () -> open(attempt + 1));
            }
        }

        private void onData(Buffer data) {
            pending.append(data.toString(java.nio.charset.StandardCharsets.UTF_8));
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

    private Vertx timerVertx;
    /** Sessions started per second during the saturation run (each script's session ends after a few replies). */
    private double saturationStartsRps;

    private void timer(long ms, Runnable action) {
        timerVertx.setTimer(ms, x -> action.run());
    }

    // ---- saturation

    /** Closed-loop clients replying back to back (no think time, no SSE) to measure the reply path's throughput. */
    private final class Saturation {
        private final HttpClient http;
        private final Accounts accounts;
        private final List<Script> scripts;
        private final Promise<Double> result;
        private long measureFrom;
        private long measureTo;
        private long counted;
        private long starts;
        private int active;

        Saturation(HttpClient http, Accounts accounts, List<Script> scripts, Promise<Double> result) {
            this.http = http;
            this.accounts = accounts;
            this.scripts = scripts;
            this.result = result;
        }

        void start() {
            long now = System.currentTimeMillis();
            measureFrom = now + warmupS * 1000L; // warm-up
            measureTo = measureFrom + saturationS * 1000L;
            active = Math.min(concurrency, accounts.tokens().size());
            for (int i = 0; i < active; i++) {
                worker(i, accounts.tokens().get(i), new Random(i), new int[1]);
            }
        }

        private void worker(int index, String token, Random random, int[] count) {
            if (System.currentTimeMillis() >= measureTo) {
                if (--active == 0) {
                    saturationStartsRps = starts * 1000.0 / (measureTo - measureFrom);
                    result.complete(counted * 1000.0 / (measureTo - measureFrom));
                }
                return;
            }
            Script script = scripts.get(random.nextInt(scripts.size()));
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
            String body = new JsonObject().put("text", CLOSING_REPLY).put("clientId", clientId).encode();
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

        private void replies(int index, String token, Random random, int[] count, String session, Script script, int next) {
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

    /** The same rows (a reply and a buyer line per transaction) inserted with vertx-pg-client alone, same concurrency. */
    private Future<Double> bareInsert(Vertx vertx, DbConfig db) {
        Pool pool = pool(vertx, db, "kefu-bench-bare", 16);
        Promise<Double> result = Promise.promise();
        String table = "bench_bare_" + run;
        pool.query("CREATE TABLE " + table + " (LIKE session_events INCLUDING ALL)").execute()
                .compose(x -> pool.query("SELECT metrics::text, annotations::text FROM session_events WHERE sender = 'trainee'"
                        + " AND annotations IS NOT NULL AND metrics IS NOT NULL LIMIT 1").execute())
                .onSuccess(rows -> {
                    String stored = rows.size() == 0 ? null : rows.iterator().next().getString(0);
                    String metrics = stored == null ? "{\"committed\":10}" : stored;
                    String storedAnnotations = rows.size() == 0 ? null : rows.iterator().next().getString(1);
                    String annotations = storedAnnotations == null ? "{}" : storedAnnotations;
                    long measureFrom = System.currentTimeMillis() + warmupS * 1000L;
                    long measureTo = measureFrom + saturationS * 1000L;
                    long[] counted = {0};
                    int[] active = {concurrency};
                    String sql = "INSERT INTO " + table + " (session_id, seq, sender, kind, text, at, step, client_id,"
                            + " metrics, annotations, response_ms, silence_s) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
                    for (int w = 0; w < concurrency; w++) {
                        UUID session = UUID.randomUUID();
                        int[] seq = {0};
                        Runnable[] loop = new Runnable[1];
                        loop[0] = () -> {
                            if (System.currentTimeMillis() >= measureTo) {
                                if (--active[0] == 0) {
                                    result.complete(counted[0] * 1000.0 / (measureTo - measureFrom));
                                }
                                return;
                            }
                            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
                            List<Tuple> batch = List.of(
                                    Tuple.from(new Object[]{session, ++seq[0], "trainee", "reply", "亲 您好,建议您选M码哦", now, "ask",
                                            "bare-" + session + "-" + seq[0], new JsonObject(metrics), new JsonObject(annotations), 3000, null}),
                                    Tuple.from(new Object[]{session, ++seq[0], "buyer", "line", "好的 那我拍M码", now.plusSeconds(2), "ask",
                                            null, null, null, null, null}));
                            pool.withTransaction(tx -> tx.preparedQuery(sql).executeBatch(batch)).onComplete(ar -> {
                                long t = System.currentTimeMillis();
                                if (ar.succeeded() && t >= measureFrom && t < measureTo) {
                                    counted[0]++;
                                }
                                loop[0].run();
                            });
                        };
                        vertx.runOnContext(x -> loop[0].run());
                    }
                })
                .onFailure(result::fail);
        return result.future().eventually(() -> pool.query("DROP TABLE IF EXISTS " + table).execute()
                .eventually(pool::close));
    }

    // ---- fault and check

    private void cutConnections(Pool admin, DbConfig db) {
        admin.preparedQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = $1 AND application_name = $2 AND pid <> pg_backend_pid()")
                .execute(Tuple.of(db.database(), Db.APPLICATION_NAME))
                .onSuccess(rows -> {
                    stats.cuts.incrementAndGet();
                    stats.killed.addAndGet(rows.iterator().next().getLong(0));
                })
                .onFailure(e -> System.out.println("fault: could not cut connections: " + e.getMessage()));
    }

    /** [missing, duplicated]: every acknowledged clientId must be stored exactly once. */
    private long[] verify(Pool pool) throws Exception {
        List<String> ids = new ArrayList<>(stats.ackedIds);
        Set<String> found = new HashSet<>();
        for (int i = 0; i < ids.size(); i += 5000) {
            String[] chunk = ids.subList(i, Math.min(ids.size(), i + 5000)).toArray(new String[0]);
            pool.preparedQuery("SELECT client_id FROM session_events WHERE client_id = ANY($1)").execute(Tuple.of((Object) chunk))
                    .await(60, TimeUnit.SECONDS).forEach(r -> found.add(r.getString(0)));
        }
        long duplicated = pool.preparedQuery("SELECT count(*) FROM (SELECT client_id FROM session_events"
                        + " WHERE client_id LIKE $1 OR client_id LIKE $2 GROUP BY client_id HAVING count(*) > 1) d")
                .execute(Tuple.of("b" + run + "-%", "s" + run + "-%")).await(60, TimeUnit.SECONDS).iterator().next().getLong(0);
        return new long[]{ids.size() - found.size(), duplicated};
    }

    // ---- helpers

    record Answer(int status, String body) {
    }

    private static Future<Answer> call(HttpClient http, HttpMethod method, String uri, String token, String body) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(uri).setTimeout(REQUEST_TIMEOUT_MS)
                .putHeader("Authorization", "Bearer " + token).putHeader("Accept", "application/json");
        if (body != null) {
            options.putHeader("Content-Type", "application/json");
        }
        return http.request(options)
                .compose(req -> body == null ? req.send() : req.send(body))
                .compose(res -> res.body().map(b -> new Answer(res.statusCode(), b.toString())));
    }

    private static int lastId(JsonArray messages) {
        int last = 0;
        if (messages != null) {
            for (int i = 0; i < messages.size(); i++) {
                last = Math.max(last, messages.getJsonObject(i).getInteger("id", 0));
            }
        }
        return last;
    }

    static long backoff(int attempt) {
        return Math.min(4000, 200L << Math.min(attempt, 5)) + (long) (Math.random() * 100);
    }

    private static Pool pool(Vertx vertx, DbConfig db, String applicationName, int size) {
        PgConnectOptions connect = Db.connectOptions(db);
        connect.getProperties().put("application_name", applicationName);
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(Math.min(16, Math.max(2, size))).setMaxWaitQueueSize(-1))
                .connectingTo(connect).using(vertx).build();
    }

    static double percentile(long[] sortedNs, double q) {
        if (sortedNs.length == 0) {
            return 0;
        }
        return sortedNs[Math.min(sortedNs.length - 1, (int) (sortedNs.length * q))] / 1_000_000.0;
    }

    /** Counters shared by the run (updated on the client's event loop; read at the end). */
    private static final class Stats {
        final AtomicLong errors = new AtomicLong();
        final java.util.Map<String, AtomicLong> errorKinds = new java.util.concurrent.ConcurrentSkipListMap<>();

        void error(String kind) {
            errors.incrementAndGet();
            errorKinds.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        }
        final AtomicLong resends = new AtomicLong();
        final AtomicLong sessions = new AtomicLong();
        final AtomicLong sseMessages = new AtomicLong();
        final AtomicLong sseTimeouts = new AtomicLong();
        final AtomicLong sseReconnects = new AtomicLong();
        final AtomicLong cuts = new AtomicLong();
        final AtomicLong killed = new AtomicLong();
        final Set<String> ackedIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private long[] latencyNs = new long[1 << 16];
        private int count;

        synchronized void acked(String clientId, long ns) {
            ackedIds.add(clientId);
            if (count == latencyNs.length) {
                latencyNs = Arrays.copyOf(latencyNs, count * 2);
            }
            latencyNs[count++] = ns;
        }

        record Snapshot(int count, long acked) {
        }

        synchronized Snapshot snapshot() {
            return new Snapshot(count, count);
        }

        synchronized long[] latencies(int n) {
            long[] copy = Arrays.copyOf(latencyNs, n);
            Arrays.sort(copy);
            return copy;
        }
    }
}
