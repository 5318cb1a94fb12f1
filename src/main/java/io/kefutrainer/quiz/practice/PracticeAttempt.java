package io.kefutrainer.quiz.practice;

import io.kefutrainer.quiz.Paper;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One practice run through a bank (or one category of it): untimed, each answer graded when given.
 *
 * @param category the category path it was narrowed to, or "" for the whole bank
 * @param correct  sum of the answered questions' fractions (a half-right multiple choice counts 0.5)
 */
public record PracticeAttempt(UUID id, long userId, String bank, String category, String title, Paper paper, int questions,
                              int answered, double correct, OffsetDateTime startedAt, OffsetDateTime finishedAt) {

    public boolean finished() {
        return finishedAt != null;
    }

    /** Percent right of the whole paper (unanswered questions count as wrong). */
    public double percent() {
        return questions == 0 ? 0 : Math.round(1000.0 * correct / questions) / 10.0;
    }
}
