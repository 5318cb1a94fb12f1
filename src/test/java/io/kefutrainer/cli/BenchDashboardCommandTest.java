package io.kefutrainer.cli;

import io.kefutrainer.store.DbConfig;
import io.kefutrainer.support.DbTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A small `bench dashboard` run: it builds its database, times the real server, prints its JSON line, drops the database. */
@DbTest
class BenchDashboardCommandTest {

    @Test
    @DisplayName("bench dashboard --trainees 3 --replies 400 prints the JSON line and drops its database")
    void smallRun() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try (PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            exit = new CommandLine(new Main()).execute("bench", "dashboard", "--trainees", "3", "--replies", "400", "--runs", "3");
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit, out);
        String[] lines = out.strip().split("\n");
        JsonObject last = new JsonObject(lines[lines.length - 1]);
        assertEquals("dashboard", last.getString("bench"));
        assertTrue(last.getLong("replies") >= 400, out);
        assertTrue(last.getDouble("p50_ms") > 0 && last.getDouble("p50_ms") <= last.getDouble("p95_ms"), out);
        assertTrue(out.contains("cohort 压测班: 3 trainees"), out);

        Matcher m = Pattern.compile("database (kt_bench_[0-9a-f]+)").matcher(out);
        assertTrue(m.find(), out);
        DbConfig db = DbConfig.fromEnv(System.getenv());
        Properties props = new Properties();
        props.setProperty("user", db.user());
        if (db.password() != null) {
            props.setProperty("password", db.password());
        }
        try (Connection c = DriverManager.getConnection(db.jdbcUrl("postgres"), props);
             PreparedStatement st = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            st.setString(1, m.group(1));
            try (ResultSet rs = st.executeQuery()) {
                assertFalse(rs.next(), "the bench database is dropped");
            }
        }
    }
}
