package io.kefutrainer.cli;

import io.kefutrainer.Application;
import io.kefutrainer.store.DatabaseBootstrap;
import io.kefutrainer.store.DbConfig;
import io.kefutrainer.web.ServerOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * bench dashboard: builds, in a throw-away database, a cohort of trainees with a realistic history of at least
 * --replies replies (set-based SQL, see bench-dashboard.sql), starts the real server on it and times, through
 * HTTP as a manager's browser or script would call them, the cohort KPI API (/api/cohorts/:id/kpis) and the
 * 团队看板 page. The database is dropped at the end. The last line is JSON for scripts.
 */
@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Benchmark the cohort KPI query and page on a database of ≥ 1,000,000 replies.")
public final class BenchDashboardCommand implements Callable<Integer> {

    private static final String GENERATOR = "/io/kefutrainer/cli/bench-dashboard.sql";
    /** Replies per session the generator writes on average (4–12 rounds, a few last rounds left unanswered). */
    private static final double REPLIES_PER_SESSION = 7.9;

    @Option(names = "--trainees", defaultValue = "200", description = "trainees in the cohort (default 200)")
    int trainees;

    @Option(names = "--replies", defaultValue = "1000000", description = "at least this many replies in all (default 1,000,000)")
    long replies;

    @Option(names = "--runs", defaultValue = "60", description = "timed requests per measure (default 60)")
    int runs;

    @Option(names = "--quick", description = "small run for tests: 20 trainees, 20,000 replies, 10 runs")
    boolean quick;

    @Option(names = "--scenarios", defaultValue = "scenarios", description = "content folder")
    Path scenarios;

    @Option(names = "--keep", description = "keep the built database instead of dropping it (for profiling; drop it by hand)")
    boolean keep;

    @Option(names = "--reuse", paramLabel = "DB", description = "time on a database an earlier --keep run built (migrated, not rebuilt, not dropped)")
    String reuse;

    @Override
    public Integer call() throws Exception {
        if (quick) {
            trainees = 20;
            replies = 20_000;
            runs = 10;
        }
        if (trainees < 1 || replies < 1 || runs < 1) {
            throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                    "--trainees, --replies and --runs must be positive");
        }
        if (reuse != null) {
            keep = true;
        }
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
            try (Connection c = connect(db)) {
                cohortId = reuse != null ? count(c, "SELECT id FROM cohorts WHERE name = '压测班'") : build(c);
                stored = count(c, "SELECT count(*) FROM session_events WHERE sender = 'trainee'");
                count(c, "SELECT kpi_flush()"); // the roll-ups of the sessions just built (V16 queues them)
                long sessions = count(c, "SELECT count(*) FROM kpi_sessions");
                double buildS = (System.nanoTime() - built) / 1e9;
                System.out.printf("built %d trainees, %d ended sessions, %d replies (%d events) in %.1f s%n", trainees,
                        sessions, stored, count(c, "SELECT count(*) FROM session_events"), buildS);
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

    /** Writes the trainees, the cohort (manager1 runs it) and their history; returns the cohort id. */
    private long build(Connection c) throws SQLException, IOException {
        String[] statements = generator();
        int perTrainee = (int) Math.ceil(replies / REPLIES_PER_SESSION / trainees);
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO cohorts (name, description) VALUES ('压测班', 'bench dashboard')");
            st.execute("INSERT INTO users (username, display_name, role, password_hash)"
                    + " SELECT 'bench' || g, '学员' || lpad(g::text, 3, '0'), 'trainee', 'x' FROM generate_series(1, " + trainees + ") g");
            st.execute("INSERT INTO cohort_members (cohort_id, user_id) SELECT c.id, u.id FROM cohorts c, users u"
                    + " WHERE c.name = '压测班' AND (u.username LIKE 'bench%' OR u.username = 'manager1')");
        }
        long cohort = count(c, "SELECT id FROM cohorts WHERE name = '压测班'");
        List<Long> ids = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM users WHERE username LIKE 'bench%' ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        int chunk = 20;
        for (int i = 0; i < ids.size(); i += chunk) {
            List<Long> part = ids.subList(i, Math.min(ids.size(), i + chunk));
            String array = "ARRAY" + part + "::bigint[]";
            long t0 = System.nanoTime();
            try (Statement st = c.createStatement()) {
                for (String sql : statements) {
                    st.execute(sql.replace("{USERS}", array).replace("{SESSIONS}", String.valueOf(perTrainee)));
                }
            }
            System.out.printf("  trainees %d–%d: %d sessions each, %.1f s%n", i + 1, i + part.size(), perTrainee,
                    (System.nanoTime() - t0) / 1e9);
        }
        // the generator rounds down a little (unanswered last rounds): top up one session per trainee until enough
        try (Statement st = c.createStatement()) {
            while (count(c, "SELECT count(*) FROM session_events WHERE sender = 'trainee'") < replies) {
                String array = "ARRAY" + ids + "::bigint[]";
                for (String sql : statements) {
                    st.execute(sql.replace("{USERS}", array).replace("{SESSIONS}", "1"));
                }
            }
            st.execute("VACUUM ANALYZE");
        }
        return cohort;
    }

    private static String[] generator() throws IOException {
        try (InputStream in = BenchDashboardCommand.class.getResourceAsStream(GENERATOR)) {
            if (in == null) {
                throw new IOException("missing resource " + GENERATOR);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).split("(?m)^-- next$");
        }
    }

    private static Connection connect(DbConfig db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", db.user());
        if (db.password() != null) {
            props.setProperty("password", db.password());
        }
        Connection c = DriverManager.getConnection(db.jdbcUrl(db.database()), props);
        c.setAutoCommit(true);
        return c;
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
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
