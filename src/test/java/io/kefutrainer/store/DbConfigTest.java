package io.kefutrainer.store;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DbConfigTest {
    @Test
    @DisplayName("nothing set: 127.0.0.1:5432, user postgres, database kefu_trainer, not configured")
    void defaults() {
        DbConfig c = DbConfig.fromEnv(Map.of());
        assertEquals(new DbConfig("127.0.0.1", 5432, "postgres", null, "kefu_trainer", false), c);
    }

    @Test
    @DisplayName("DATABASE_URL wins over PG* and decodes user, password and database")
    void databaseUrl() {
        DbConfig c = DbConfig.fromEnv(Map.of("DATABASE_URL", "postgres://kefu:p%40ss@db.internal:6543/training", "PGHOST", "ignored"));
        assertEquals(new DbConfig("db.internal", 6543, "kefu", "p@ss", "training", true), c);
        assertFalse(c.describe().contains("p@ss"), "messages never show the password");
    }

    @Test
    @DisplayName("the standard PG* variables are read and count as configured")
    void pgVariables() {
        DbConfig c = DbConfig.fromEnv(Map.of("PGHOST", "10.0.0.5", "PGPORT", "5433", "PGUSER", "app", "PGDATABASE", "kt"));
        assertEquals("10.0.0.5", c.host());
        assertEquals(5433, c.port());
        assertEquals("app", c.user());
        assertNull(c.password());
        assertTrue(c.configured());
    }

    @Test
    @DisplayName("a malformed address is a configuration error with a clear message")
    void malformed() {
        assertTrue(assertThrows(ConfigException.class, () -> DbConfig.fromEnv(Map.of("DATABASE_URL", "mysql://x/y")))
                .getMessage().contains("postgres://"));
        assertTrue(assertThrows(ConfigException.class, () -> DbConfig.fromEnv(Map.of("PGPORT", "abc")))
                .getMessage().contains("PGPORT"));
    }
}
