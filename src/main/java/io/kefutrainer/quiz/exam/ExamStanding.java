package io.kefutrainer.quiz.exam;

import io.kefutrainer.quiz.Exam;

import java.util.List;
import java.util.Optional;

/** An exam open to a trainee, with their attempts at it so far (oldest first). */
public record ExamStanding(Exam exam, List<AttemptRow> attempts) {
    public ExamStanding {
        attempts = List.copyOf(attempts);
    }

    /** The attempt still running, if any. */
    public Optional<AttemptRow> open() {
        return attempts.stream().filter(a -> !a.submitted()).findFirst();
    }

    public List<AttemptRow> submitted() {
        return attempts.stream().filter(AttemptRow::submitted).toList();
    }

    /** The best score of a submitted attempt; null before any. */
    public Double bestPercent() {
        return submitted().stream().map(AttemptRow::percent).filter(p -> p != null).max(Double::compare).orElse(null);
    }

    public boolean passed() {
        return attempts.stream().anyMatch(a -> Boolean.TRUE.equals(a.passed()));
    }
}
