package io.kefutrainer.quiz.practice;

import java.time.OffsetDateTime;

/**
 * A bank published to an audience as 练习 or 考试.
 *
 * @param cohortId   null = every trainee
 * @param cohortName the cohort's name, or null for every trainee
 */
public record Publication(String bank, Long cohortId, String cohortName, Mode mode, int timeLimitMinutes, double passMark,
                          int attempts, String publishedBy, OffsetDateTime publishedAt) {

    public enum Mode {
        practice, exam;

        public String label() {
            return this == practice ? "练习" : "考试";
        }
    }

    public boolean everyone() {
        return cohortId == null;
    }

    /** Who sees it, as the trainer page says it. */
    public String audience() {
        return everyone() ? "全部学员" : cohortName;
    }
}
