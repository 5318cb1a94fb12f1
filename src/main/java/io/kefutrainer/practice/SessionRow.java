package io.kefutrainer.practice;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A stored practice or exam session (one conversation with one scripted buyer). */
public record SessionRow(UUID id, long userId, String scenarioId, String scenarioTitle, String category,
                         int difficulty, long contentVersion, Mode mode, long seed, OffsetDateTime startedAt,
                         OffsetDateTime endedAt, String ending, String outcome, Integer satisfaction) {

    /** 练习 shows findings on every reply; 考核 shows nothing until the end. */
    public enum Mode { practice, exam }

    public boolean ended() {
        return endedAt != null;
    }
}
