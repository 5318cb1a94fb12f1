package io.kefutrainer.quiz;

import java.nio.file.Path;
import java.util.List;

/**
 * An exam definition: what it draws, how long it runs and who may take it.
 *
 * @param passMark percent needed to pass
 * @param attempts attempts allowed per trainee
 * @param cohorts  批次 names allowed to take it; empty = every trainee
 */
public record Exam(Path file, String id, String title, String description, int timeLimitMinutes, double passMark,
                   int attempts, boolean shuffleQuestions, boolean shuffleOptions, List<String> cohorts,
                   List<DrawRule> draw) {
    public Exam {
        cohorts = List.copyOf(cohorts);
        draw = List.copyOf(draw);
    }

    public int questionCount() {
        return draw.stream().mapToInt(DrawRule::count).sum();
    }

    public boolean openTo(List<String> traineeCohorts) {
        return cohorts.isEmpty() || traineeCohorts.stream().anyMatch(cohorts::contains);
    }
}
