package io.kefutrainer.quiz;

import java.nio.file.Path;
import java.util.List;

/**
 * An exam definition: what it draws, how long it runs and who may take it.
 *
 * @param passMark percent needed to pass
 * @param attempts attempts allowed per trainee
 * @param cohorts  批次 names allowed to take it; empty = every trainee
 * @param fixed    the question ids of a bank published as 考试 (every one is asked); empty = drawn by `draw`
 */
public record Exam(Path file, String id, String title, String description, int timeLimitMinutes, double passMark,
                   int attempts, boolean shuffleQuestions, boolean shuffleOptions, List<String> cohorts,
                   List<DrawRule> draw, List<String> fixed) {
    public Exam {
        cohorts = List.copyOf(cohorts);
        draw = List.copyOf(draw);
        fixed = List.copyOf(fixed);
    }

    /** An exam file's exam: questions drawn by its rules. */
    public Exam(Path file, String id, String title, String description, int timeLimitMinutes, double passMark,
                int attempts, boolean shuffleQuestions, boolean shuffleOptions, List<String> cohorts, List<DrawRule> draw) {
        this(file, id, title, description, timeLimitMinutes, passMark, attempts, shuffleQuestions, shuffleOptions, cohorts,
                draw, List.of());
    }

    public int questionCount() {
        return fixed.isEmpty() ? draw.stream().mapToInt(DrawRule::count).sum() : fixed.size();
    }

    public boolean openTo(List<String> traineeCohorts) {
        return cohorts.isEmpty() || traineeCohorts.stream().anyMatch(cohorts::contains);
    }
}
