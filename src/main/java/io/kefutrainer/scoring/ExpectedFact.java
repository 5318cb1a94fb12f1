package io.kefutrainer.scoring;

import java.util.List;

/**
 * A fact a step expects the reply to contain, with its accepted wordings (from the scenario file); or, with
 * `avoid`, a point the reply must not make (the file's `avoid:` list): never "missing", found when said.
 *
 * @param label   what the trainee is told when a reply misses it (or, for avoid, says it), or null
 * @param avoid   true for a must-not point
 * @param because why it must not be said (avoid only), or null
 */
public record ExpectedFact(String fact, List<String> any, int points, String label, boolean avoid, String because) {
    public ExpectedFact {
        any = List.copyOf(any);
    }

    public ExpectedFact(String fact, List<String> any, int points, String label) {
        this(fact, any, points, label, false, null);
    }

    public ExpectedFact(String fact, List<String> any, int points) {
        this(fact, any, points, null);
    }

    /** The trainer's words for this fact: the label, else the first accepted wordings. */
    public String display() {
        String words = String.join(" / ", any.subList(0, Math.min(3, any.size())));
        if (avoid) {
            String what = label != null && !label.isBlank() ? label : "不要说:" + words;
            return because == null || because.isBlank() ? what : what + ",因为" + because;
        }
        if (label != null && !label.isBlank()) {
            return label;
        }
        return any.isEmpty() ? fact : "应提到:" + words;
    }
}
