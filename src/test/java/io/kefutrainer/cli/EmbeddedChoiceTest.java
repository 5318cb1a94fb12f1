package io.kefutrainer.cli;

import io.kefutrainer.store.DbConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EmbeddedChoiceTest {
    private static final DbConfig NOTHING_SET = DbConfig.fromEnv(Map.of());
    private static final DbConfig CONFIGURED = DbConfig.fromEnv(Map.of("PGHOST", "db.example"));

    @Test
    @DisplayName("nothing configured and nothing on 127.0.0.1:5432 → embedded PostgreSQL")
    void fallsBackWhenNothingAnswers() {
        assertTrue(ServeCommand.useEmbedded(false, NOTHING_SET, () -> false));
    }

    @Test
    @DisplayName("nothing configured but a server answers → that server")
    void usesLocalServer() {
        assertFalse(ServeCommand.useEmbedded(false, NOTHING_SET, () -> true));
    }

    @Test
    @DisplayName("a configured address is never silently replaced, even when it does not answer")
    void configuredWins() {
        assertFalse(ServeCommand.useEmbedded(false, CONFIGURED, () -> false));
    }

    @Test
    @DisplayName("--embedded-db always uses the embedded PostgreSQL")
    void flagForces() {
        assertTrue(ServeCommand.useEmbedded(true, CONFIGURED, () -> true));
    }
}
