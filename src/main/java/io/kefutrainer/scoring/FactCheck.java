package io.kefutrainer.scoring;

import java.util.List;

/**
 * Expected facts of a step (ids), which of them the reply contained, and which it missed; `said` lists the
 * step's must-not points (avoid) the reply made. Must-not points are never in expected, matched or missing.
 */
public record FactCheck(List<String> expected, List<String> matched, List<String> missing, List<String> said) {
    public FactCheck {
        expected = List.copyOf(expected);
        matched = List.copyOf(matched);
        missing = List.copyOf(missing);
        // annotations stored before must-not points existed have no "said"
        said = said == null ? List.of() : List.copyOf(said);
    }

    public FactCheck(List<String> expected, List<String> matched, List<String> missing) {
        this(expected, matched, missing, List.of());
    }

    public static FactCheck none() {
        return new FactCheck(List.of(), List.of(), List.of());
    }
}
