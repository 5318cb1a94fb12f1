package io.kefutrainer.quiz.exam;

import io.kefutrainer.quiz.Paper;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One stored exam attempt.
 *
 * @param passMark   percent needed to pass, fixed at start
 * @param percent    score in percent once submitted
 * @param passed     null while essays wait for grading
 * @param resultJson the result as shown to the trainee, fixed at submission; null while open
 */
public record AttemptRow(UUID id, long userId, String examId, String examTitle, Paper paper, double passMark, OffsetDateTime startedAt,
                         OffsetDateTime deadline, OffsetDateTime submittedAt, boolean autoSubmitted, Double percent,
                         Boolean passed, int pending, String resultJson) {

    public boolean submitted() {
        return submittedAt != null;
    }
}
