package io.kefutrainer.scoring;

import java.util.List;

/**
 * A fact a step expects the reply to contain, with its accepted wordings (from the scenario file).
 *
 * @param label what the trainee is told when a reply misses it (the file's `label`), or null
 */
public record ExpectedFact(String fact, List<String> any, int points, String label) {
    public ExpectedFact {
        any = List.copyOf(any);
    }

    public ExpectedFact(String fact, List<String> any, int points) {
        this(fact, any, points, null);
    }

    /** The trainer's words for this fact: the label, else the first accepted wordings. */
    public String display() {
        if (label != null && !label.isBlank()) {
            return label;
        }
        return any.isEmpty() ? fact : "应提到:" + String.join(" / ", any.subList(0, Math.min(3, any.size())));
    }
}
