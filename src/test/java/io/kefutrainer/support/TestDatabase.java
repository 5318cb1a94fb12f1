package io.kefutrainer.support;

import io.kefutrainer.store.DatabaseBootstrap;
import io.kefutrainer.store.DbConfig;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

/**
 * A throw-away database on the machine's PostgreSQL (or DATABASE_URL / PG*), migrated, dropped on close.
 * The migrations run once per JVM, into a template database that each test database is copied from (a copy takes a
 * fraction of the fourteen migrations' time); the template is dropped when the JVM ends.
 */
public final class TestDatabase implements AutoCloseable {
    private static DbConfig template;

    private final DbConfig config;

    private TestDatabase(DbConfig config) {
        this.config = config;
    }

    public static TestDatabase create() {
        DbConfig base = DbConfig.fromEnv(System.getenv());
        DbConfig config = base.withDatabase(uniqueName("kt_test_"));
        copy(template(base), config);
        return new TestDatabase(config);
    }

    private static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static synchronized DbConfig template(DbConfig base) {
        if (template == null) {
            DbConfig t = base.withDatabase(uniqueName("kt_template_"));
            DatabaseBootstrap.prepare(t);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> DatabaseBootstrap.drop(t)));
            template = t;
        }
        return template;
    }

    /** CREATE DATABASE … TEMPLATE; one at a time, as PostgreSQL refuses a copy while another session uses the source. */
    private static synchronized void copy(DbConfig from, DbConfig to) {
        Properties props = new Properties();
        props.setProperty("user", to.user());
        if (to.password() != null) {
            props.setProperty("password", to.password());
        }
        props.setProperty("connectTimeout", "5");
        try (Connection c = DriverManager.getConnection(to.jdbcUrl("postgres"), props); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE \"" + to.database() + "\" TEMPLATE \"" + from.database() + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + to.database() + " at " + to.describe()
                    + ": " + e.getMessage(), e);
        }
    }

    public DbConfig config() {
        return config;
    }

    @Override
    public void close() {
        DatabaseBootstrap.drop(config);
    }
}
