package io.kefutrainer.bench;

import io.kefutrainer.Application;
import io.kefutrainer.scenario.ScenarioCatalog;
import io.kefutrainer.store.BenchChatStore;
import io.kefutrainer.store.DatabaseBootstrap;
import io.kefutrainer.store.DbConfig;
import io.kefutrainer.web.ServerOptions;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * bench chat: virtual trainees play real scenarios through the same live channel as the browser (POST replies,
 * buyer messages over SSE) at a human pace, optionally while the server's database connections are cut every
 * 10 s; then the server's reply path at saturation and a bare vertx-pg-client insert of the same rows at the
 * same concurrency; then every acknowledged reply is looked up in the database. Bounded in count and time,
 * 127.0.0.1 only unless a URL is given. The last line is JSON for scripts; the exit code is 1 when a reply was
 * lost or duplicated.
 */
public final class ChatBench {

    private final ChatBenchOptions options;
    /** Tags this run's usernames, clientIds and scratch table, so runs on one database never mix. */
    private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    private final ChatStats stats = new ChatStats();

    public ChatBench(ChatBenchOptions options) {
        this.options = options;
    }

    /** 0 when every acknowledged reply is stored exactly once, else 1. */
    public int run() throws Exception {
        List<ChatScript> scripts = ChatScript.fromTests(ScenarioCatalog.load(options.scenarios()));
        if (scripts.isEmpty()) {
            throw new IllegalArgumentException("no scenario in " + options.scenarios() + " has a test transcript to play");
        }
        String url = options.url();
        DbConfig base = DbConfig.fromEnv(System.getenv());
        DbConfig db = url != null ? base : base.withDatabase("kt_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10));
        Vertx serverVertx = null;
        Application app = null;
        Vertx vertx = Vertx.vertx();
        BenchChatStore store = null;
        try {
            String host;
            int port;
            if (url == null) {
                System.out.println("database " + db.database() + " (throw-away) on " + db.host() + ":" + db.port());
                DatabaseBootstrap.prepare(db);
                serverVertx = Vertx.vertx();
                app = Application.start(serverVertx, db,
                        new ServerOptions(0, false, options.scenarios(), false, false), pw -> { }).await(60, TimeUnit.SECONDS);
                host = "127.0.0.1";
                port = app.port();
            } else {
                URI target = URI.create(url);
                host = target.getHost();
                port = target.getPort() < 0 ? 80 : target.getPort();
            }
            store = BenchChatStore.open(vertx, db, "kefu-bench", options.concurrency());
            System.out.printf("server http://%s:%d, %d trainees, %d s%s%n", host, port, options.trainees(), options.duration(),
                    options.fault() == null ? "" : ", fault " + options.fault());

            List<String> tokens = TraineeAccounts.create(vertx, store, host, port, run, options.trainees(), options.signInSample());
            int maxPool = options.trainees() + options.concurrency() + 64;
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port)
                            .setKeepAlive(true).setConnectTimeout(5000),
                    new PoolOptions().setHttp1MaxSize(maxPool).setMaxWaitQueueSize(-1));

            Context ctx = vertx.getOrCreateContext();
            ConnectionCutter cutter = new ConnectionCutter(store, db.database(), stats);
            long faultTimer = options.fault() == null ? -1 : vertx.setPeriodic(ConnectionCutter.PERIOD_MS, t -> cutter.cut());
            Promise<Void> chatDone = Promise.promise();
            long startedAt = System.currentTimeMillis();
            if (options.saturationOnly()) {
                chatDone.complete();
            } else {
                ctx.runOnContext(v -> new HumanPacedChat(vertx, http, stats, run, tokens, scripts, options.thinkMs(),
                        startedAt + options.duration() * 1000L, chatDone).start());
            }
            chatDone.future().await(options.duration() + 180L, TimeUnit.SECONDS);
            if (faultTimer >= 0) {
                vertx.cancelTimer(faultTimer);
            }
            int acked = stats.ackedCount();
            ChatReport.chat(stats, acked);

            SaturationRun.Result server = new SaturationRun.Result(0, 0);
            double bareRps = 0;
            int saturationS = options.saturationS();
            if (saturationS > 0) {
                Promise<SaturationRun.Result> saturated = Promise.promise();
                ctx.runOnContext(v -> new SaturationRun(http, stats, run, tokens, scripts, options.concurrency(),
                        options.warmupS(), saturationS, saturated).start());
                server = saturated.future().await(saturationS + 120L, TimeUnit.SECONDS);
                bareRps = new BareInsertBaseline(vertx, db, run, options.concurrency(), options.warmupS(), saturationS).run()
                        .await(saturationS + 120L, TimeUnit.SECONDS);
                ChatReport.saturation(server, bareRps, options.concurrency());
            }
            http.close().await(10, TimeUnit.SECONDS);

            DeliveryCheck.Result check = DeliveryCheck.verify(store, stats.ackedIds, run);
            ChatReport.result(options, stats, acked, stats.latencies(acked), check, server, bareRps);
            return check.lost() == 0 && check.duplicated() == 0 ? 0 : 1;
        } finally {
            if (store != null) {
                store.close().await(10, TimeUnit.SECONDS);
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
}
