package io.kefutrainer.bench;

import io.kefutrainer.Application;
import io.kefutrainer.store.BenchDashboardStore;
import io.kefutrainer.store.DatabaseBootstrap;
import io.kefutrainer.store.DbConfig;
import io.kefutrainer.web.ServerOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * bench dashboard: builds, in a throw-away database, a cohort of trainees with a realistic history of at least
 * `replies` replies (set-based SQL, see store/bench-dashboard.sql), starts the real server on it and times, through
 * HTTP as a manager's browser or script would call them, the cohort KPI API (/api/cohorts/:id/kpis) and the
 * 团队看板 page. The database is dropped at the end unless kept. The last line is JSON for scripts.
 */
public final class DashboardBench {

    private final int trainees;
    private final long replies;
    private final int runs;
    private final Path scenarios;
    private final boolean keep;
    private final String reuse;

    /** `reuse`: the name of a database an earlier kept run built (then nothing is built or dropped), or null. */
    public DashboardBench(int trainees, long replies, int runs, Path scenarios, boolean keep, String reuse) {
        this.trainees = trainees;
        this.replies = replies;
        this.runs = runs;
        this.scenarios = scenarios;
        this.keep = keep || reuse != null;
        this.reuse = reuse;
    }

    public int run() throws Exception {
        DbConfig db = DbConfig.fromEnv(System.getenv())
                .withDatabase(reuse != null ? reuse : "kt_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        System.out.println("database " + db.describe() + (keep ? " (kept: drop it by hand)" : " (dropped at the end)"));
        DatabaseBootstrap.prepare(db);
        Vertx vertx = Vertx.vertx();
        Application app = null;
        try {
            // the demo accounts give a manager (manager1 / demo1234) to sign in as; no demo history
            app = Application.start(vertx, db, new ServerOptions(0, true, scenarios, false, false), p -> { })
                    .toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
            long cohortId;
            long stored;
            long built = System.nanoTime();
            try (BenchDashboardStore store = BenchDashboardStore.connect(db)) {
                cohortId = reuse != null ? store.cohortId() : new DashboardData(store).build(trainees, replies);
                stored = store.traineeReplies();
                store.flushKpis();
                long sessions = store.rolledUpSessions();
                double buildS = (System.nanoTime() - built) / 1e9;
                System.out.printf("built %d trainees, %d ended sessions, %d replies (%d events) in %.1f s%n", trainees,
                        sessions, stored, store.events(), buildS);
            }
            String base = "http://127.0.0.1:" + app.port();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String token = token(http, base);
            String api = base + "/api/cohorts/" + cohortId + "/kpis";
            String page = base + "/dashboard?cohort=" + cohortId;
            JsonObject body = new JsonObject(get(http, api, token));
            System.out.printf("cohort %s: %d trainees, %d sessions in the report%n",
                    body.getJsonObject("cohort").getString("name"), body.getJsonArray("trainees").size(),
                    body.getJsonObject("total").getLong("sessions"));
            int warm = Math.max(3, runs / 10);
            double[] apiMs = time(http, api, token, warm, runs);
            double[] pageMs = time(http, page, token, warm, runs);
            double[] monthMs = time(http, api + "?from=" + java.time.LocalDate.now(io.kefutrainer.progress.Period.SHOP_ZONE).minusDays(29),
                    token, warm, runs);
            print("GET /api/cohorts/:id/kpis (all time)", apiMs);
            print("GET /dashboard?cohort=:id (page, all time)", pageMs);
            print("GET /api/cohorts/:id/kpis?from=<30 days ago>", monthMs);
            System.out.printf("load average %.2f on %d cpus%n",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf(java.util.Locale.ROOT,
                    "{\"bench\":\"dashboard\",\"replies\":%d,\"p50_ms\":%.1f,\"p95_ms\":%.1f,\"page_p50_ms\":%.1f,\"page_p95_ms\":%.1f}%n",
                    stored, pct(apiMs, 0.50), pct(apiMs, 0.95), pct(pageMs, 0.50), pct(pageMs, 0.95));
            return 0;
        } finally {
            if (app != null) {
                app.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (!keep) {
                DatabaseBootstrap.drop(db);
            }
        }
    }

    private static String token(HttpClient http, String base) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject().put("username", "manager1")
                        .put("password", io.kefutrainer.account.AccountSetup.DEMO_PASSWORD).encode())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed: " + r.statusCode() + " " + r.body());
        }
        return new JsonObject(r.body()).getString("token");
    }

    private static String get(HttpClient http, String url, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    /** Milliseconds per request, sequential, after `warm` untimed requests. */
    private static double[] time(HttpClient http, String url, String token, int warm, int runs)
            throws IOException, InterruptedException {
        for (int i = 0; i < warm; i++) {
            get(http, url, token);
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            get(http, url, token);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms;
    }

    /** Nearest-rank percentile of sorted values. */
    static double pct(double[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private static void print(String what, double[] ms) {
        System.out.printf(java.util.Locale.ROOT, "%s: %d runs, p50 %.1f ms, p95 %.1f ms, min %.1f ms, max %.1f ms%n",
                what, ms.length, pct(ms, 0.50), pct(ms, 0.95), ms[0], ms[ms.length - 1]);
    }
}
