package io.kefutrainer.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A PostgreSQL started from binaries shipped in the jar, for a laptop without a server. Data is kept
 * under ~/.kefu-trainer/pgdata so the demo survives a restart.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static Path defaultDataDirectory() {
        return Path.of(System.getProperty("user.home"), ".kefu-trainer", "pgdata");
    }

    public static EmbeddedDatabase start(Path dataDirectory) {
        try {
            Files.createDirectories(dataDirectory.getParent());
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false)
                    .start();
            return new EmbeddedDatabase(pg);
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("cannot start the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    public DbConfig config() {
        return new DbConfig("127.0.0.1", postgres.getPort(), "postgres", null, DbConfig.DEFAULT_DATABASE, true);
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            // shutting down anyway; nothing more to do
        }
    }
}
