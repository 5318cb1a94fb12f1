package io.kefutrainer.quiz;

import java.util.List;
import java.util.Set;

/**
 * What a trainee answered, in terms of the bank's own order (the web layer maps shuffled display positions
 * back to these before grading).
 */
public sealed interface Response {

    /** single: index into choices. */
    record Pick(int choice) implements Response {
    }

    /** multiple: indexes into choices. */
    record Picks(Set<Integer> choices) implements Response {
        public Picks {
            choices = Set.copyOf(choices);
        }
    }

    record Truth(boolean value) implements Response {
    }

    /** short_answer and essay. */
    record Text(String value) implements Response {
    }

    record Number(double value) implements Response {
    }

    /** matching: for each pair (bank order) the right-hand text chosen, null when left open. */
    record Matches(List<String> rights) implements Response {
    }
}
