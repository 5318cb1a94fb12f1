package io.kefutrainer.support;

import io.kefutrainer.store.DatabaseBootstrap;
import io.kefutrainer.store.DbConfig;

import java.util.UUID;

/** A throw-away database on the machine's PostgreSQL (or DATABASE_URL / PG*), migrated, dropped on close. */
public final class TestDatabase implements AutoCloseable {
    private final DbConfig config;

    private TestDatabase(DbConfig config) {
        this.config = config;
    }

    public static TestDatabase create() {
        DbConfig base = DbConfig.fromEnv(System.getenv());
        DbConfig config = base.withDatabase("kt_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
        DatabaseBootstrap.prepare(config);
        return new TestDatabase(config);
    }

    public DbConfig config() {
        return config;
    }

    @Override
    public void close() {
        DatabaseBootstrap.drop(config);
    }
}
