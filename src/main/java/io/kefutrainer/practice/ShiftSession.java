package io.kefutrainer.practice;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One buyer of a shift as the conversation list shows it: the last message shown so far, and since when the
 * buyer has been waiting for an answer (null when nothing is unanswered).
 */
public record ShiftSession(UUID id, int arrival, String scenarioId, String title, String category, int difficulty,
                           OffsetDateTime startedAt, OffsetDateTime endedAt, String outcome, String lastFrom,
                           String lastText, OffsetDateTime lastAt, OffsetDateTime waitingSince) {

    public boolean ended() {
        return endedAt != null;
    }
}
