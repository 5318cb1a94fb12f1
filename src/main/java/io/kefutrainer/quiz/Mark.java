package io.kefutrainer.quiz;

import java.util.List;

/**
 * The grade of one answer.
 *
 * @param fraction 0..1 of the question's points
 * @param feedback the feedback texts of the answers the trainee gave
 */
public record Mark(Status status, double fraction, List<String> feedback) {

    public enum Status { correct, partial, wrong, unanswered, pending }

    public Mark {
        feedback = List.copyOf(feedback);
    }

    /** Weights are kept to 5 decimals (3 × 33.33333 %), so "full marks" allows that much rounding. */
    private static final double ROUNDING = 1e-4;

    static Mark of(double fraction, List<String> feedback) {
        double f = Math.max(0, Math.min(1, fraction));
        Status status = f >= 1 - ROUNDING ? Status.correct : f > ROUNDING ? Status.partial : Status.wrong;
        return new Mark(status, f >= 1 - ROUNDING ? 1 : f <= ROUNDING ? 0 : f, feedback.stream().filter(s -> !s.isEmpty()).toList());
    }

    /** A grade given by a trainer (essays): fraction 0..1 of the points. */
    public static Mark graded(double fraction) {
        return of(fraction, List.of());
    }

    public static Mark unanswered() {
        return new Mark(Status.unanswered, 0, List.of());
    }

    public static Mark pending() {
        return new Mark(Status.pending, 0, List.of());
    }
}
