package io.kefutrainer.quiz.exam;

import java.util.Map;

/**
 * What grading an attempt produced, for the store to write in the submitting transaction.
 *
 * @param mastery question id → answered fully right (for 错题本); essays and unanswered descriptions are absent
 */
public record Graded(double percent, Boolean passed, int pending, String resultJson, Map<String, Boolean> mastery) {
    public Graded {
        mastery = Map.copyOf(mastery);
    }
}
