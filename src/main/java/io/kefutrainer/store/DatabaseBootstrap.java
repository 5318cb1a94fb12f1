package io.kefutrainer.store;

import org.flywaydb.core.Flyway;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Start-up work that happens once, before the server takes requests, so it is plain blocking JDBC:
 * create the database if it is missing, then run the Flyway migrations.
 */
public final class DatabaseBootstrap {

    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private DatabaseBootstrap() {
    }

    /** True when something accepts TCP connections at host:port within the timeout. */
    public static boolean answers(String host, int port, int timeoutMs) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMs);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public static void prepare(DbConfig config) {
        createDatabaseIfMissing(config);
        migrate(config);
    }

    static void createDatabaseIfMissing(DbConfig config) {
        if (!SAFE_NAME.matcher(config.database()).matches()) {
            throw new ConfigException("database name '" + config.database()
                    + "' must be letters, digits and underscores (set PGDATABASE or the DATABASE_URL path)");
        }
        try (Connection c = connect(config, config.database())) {
            return; // it exists and we may use it
        } catch (SQLException e) {
            if (!"3D000".equals(e.getSQLState())) { // 3D000 = invalid_catalog_name: the database is missing
                throw unreachable(config, e);
            }
        }
        try (Connection c = connect(config, "postgres");
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, config.database());
            try (ResultSet rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (Statement st = c.createStatement()) {
                        st.execute("CREATE DATABASE \"" + config.database() + "\" ENCODING 'UTF8' TEMPLATE template0");
                    }
                }
            }
        } catch (SQLException e) {
            if ("42P04".equals(e.getSQLState())) { // duplicate_database: another instance created it first
                return;
            }
            throw new ConfigException("cannot create database " + config.database() + " at " + config.host() + ":"
                    + config.port() + ": " + e.getMessage() + " (create it yourself or grant CREATEDB to "
                    + config.user() + ")", e);
        }
    }

    static void migrate(DbConfig config) {
        Flyway.configure()
                .dataSource(config.jdbcUrl(config.database()), config.user(), config.password())
                .locations("classpath:db/migration")
                .connectRetries(2)
                .load()
                .migrate();
    }

    /** Drops a database (tests and benchmarks use throw-away databases). */
    public static void drop(DbConfig config) {
        try (Connection c = connect(config, "postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS \"" + config.database() + "\" WITH (FORCE)");
        } catch (SQLException e) {
            throw new ConfigException("cannot drop database " + config.database() + ": " + e.getMessage(), e);
        }
    }

    private static Connection connect(DbConfig config, String db) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", config.user());
        if (config.password() != null) {
            props.setProperty("password", config.password());
        }
        props.setProperty("connectTimeout", "5");
        props.setProperty("ApplicationName", "kefu-trainer");
        return DriverManager.getConnection(config.jdbcUrl(db), props);
    }

    private static ConfigException unreachable(DbConfig config, SQLException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
        return new ConfigException("cannot reach PostgreSQL at " + config.describe() + ": " + reason
                + ". Set DATABASE_URL=postgres://USER:PASSWORD@HOST:PORT/DB or PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE,"
                + " or start with --embedded-db", e);
    }
}
