package io.kefutrainer.progress;

/** Per trainee: whether the readiness exam was ever passed, and the mean percent of all submitted attempts. */
public record ExamFacts(boolean passed, Double quizScore) {
}
