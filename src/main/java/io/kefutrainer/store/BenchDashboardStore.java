package io.kefutrainer.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The `bench dashboard` data: a cohort 压测班 of trainees bench1…benchN (with manager1) and their history, written
 * set-based by bench-dashboard.sql (no row-by-row inserts), over one plain JDBC connection in autocommit.
 */
public final class BenchDashboardStore implements AutoCloseable {

    private static final String GENERATOR = "/io/kefutrainer/store/bench-dashboard.sql";

    private final Connection c;
    private String[] generator;

    private BenchDashboardStore(Connection c) {
        this.c = c;
    }

    public static BenchDashboardStore connect(DbConfig db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", db.user());
        if (db.password() != null) {
            props.setProperty("password", db.password());
        }
        Connection c = DriverManager.getConnection(db.jdbcUrl(db.database()), props);
        c.setAutoCommit(true);
        return new BenchDashboardStore(c);
    }

    /** The cohort an earlier run built. */
    public long cohortId() throws SQLException {
        return count("SELECT id FROM cohorts WHERE name = '压测班'");
    }

    /** The cohort, `trainees` trainee accounts bench1…benchN and their memberships (manager1 runs it); the cohort id. */
    public long createCohort(int trainees) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("INSERT INTO cohorts (name, description) VALUES ('压测班', 'bench dashboard')");
            st.execute("INSERT INTO users (username, display_name, role, password_hash)"
                    + " SELECT 'bench' || g, '学员' || lpad(g::text, 3, '0'), 'trainee', 'x' FROM generate_series(1, " + trainees + ") g");
            st.execute("INSERT INTO cohort_members (cohort_id, user_id) SELECT c.id, u.id FROM cohorts c, users u"
                    + " WHERE c.name = '压测班' AND (u.username LIKE 'bench%' OR u.username = 'manager1')");
        }
        return cohortId();
    }

    /** The bench trainees' user ids, in order. */
    public List<Long> traineeIds() throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT id FROM users WHERE username LIKE 'bench%' ORDER BY id")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        return ids;
    }

    /** `sessionsEach` ended sessions with their events for each of these users (bench-dashboard.sql). */
    public void writeHistory(List<Long> userIds, int sessionsEach) throws SQLException, IOException {
        String array = "ARRAY" + userIds + "::bigint[]";
        try (Statement st = c.createStatement()) {
            for (String sql : generator()) {
                st.execute(sql.replace("{USERS}", array).replace("{SESSIONS}", String.valueOf(sessionsEach)));
            }
        }
    }

    public void vacuumAnalyze() throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("VACUUM ANALYZE");
        }
    }

    /** Replies (trainee events) stored. */
    public long traineeReplies() throws SQLException {
        return count("SELECT count(*) FROM session_events WHERE sender = 'trainee'");
    }

    /** All session events stored. */
    public long events() throws SQLException {
        return count("SELECT count(*) FROM session_events");
    }

    /** Computes the KPI roll-ups of the sessions just built (V16 queues them). */
    public void flushKpis() throws SQLException {
        count("SELECT kpi_flush()");
    }

    /** Ended sessions with a KPI roll-up. */
    public long rolledUpSessions() throws SQLException {
        return count("SELECT count(*) FROM kpi_sessions");
    }

    private String[] generator() throws IOException {
        if (generator == null) {
            try (InputStream in = BenchDashboardStore.class.getResourceAsStream(GENERATOR)) {
                if (in == null) {
                    throw new IOException("missing resource " + GENERATOR);
                }
                generator = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("(?m)^-- next$");
            }
        }
        return generator;
    }

    private long count(String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() throws SQLException {
        c.close();
    }
}
