package io.kefutrainer.store;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where the PostgreSQL database is. Read from DATABASE_URL, else the standard PG* variables, else defaults
 * (127.0.0.1:5432, user postgres, database kefu_trainer).
 *
 * @param configured true when the address came from the environment; the embedded fallback is only
 *                   taken when nothing was configured
 */
public record DbConfig(String host, int port, String user, String password, String database, boolean configured) {

    public static final String DEFAULT_DATABASE = "kefu_trainer";

    public static DbConfig fromEnv(Map<String, String> env) {
        String url = env.get("DATABASE_URL");
        if (url != null && !url.isBlank()) {
            return fromUrl(url.trim());
        }
        boolean configured = env.keySet().stream()
                .anyMatch(k -> k.equals("PGHOST") || k.equals("PGPORT") || k.equals("PGUSER") || k.equals("PGDATABASE"));
        return new DbConfig(
                env.getOrDefault("PGHOST", "127.0.0.1"),
                parsePort(env.getOrDefault("PGPORT", "5432"), "PGPORT"),
                env.getOrDefault("PGUSER", "postgres"),
                env.get("PGPASSWORD"),
                env.getOrDefault("PGDATABASE", DEFAULT_DATABASE),
                configured);
    }

    /** Accepts postgres://user:pass@host:port/db and postgresql://…, as Heroku-style platforms set them. */
    static DbConfig fromUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("DATABASE_URL is not a valid URL: " + e.getMessage());
        }
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new ConfigException("DATABASE_URL must start with postgres:// or postgresql://");
        }
        String user = "postgres";
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : null;
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new DbConfig(
                uri.getHost() == null ? "127.0.0.1" : uri.getHost(),
                uri.getPort() < 0 ? 5432 : uri.getPort(),
                user, password,
                path.isEmpty() ? DEFAULT_DATABASE : decode(path),
                true);
    }

    public DbConfig withDatabase(String name) {
        return new DbConfig(host, port, user, password, name, configured);
    }

    public DbConfig withAddress(String newHost, int newPort) {
        return new DbConfig(newHost, newPort, user, password, database, configured);
    }

    public String jdbcUrl(String db) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + db;
    }

    /** For messages: never includes the password. */
    public String describe() {
        return host + ":" + port + " (user " + user + ", database " + database + ")";
    }

    private static int parsePort(String value, String name) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " must be a port number, got '" + value + "'");
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
