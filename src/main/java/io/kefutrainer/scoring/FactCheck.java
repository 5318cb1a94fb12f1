package io.kefutrainer.scoring;

import java.util.List;

/** Expected facts of a step (ids), which of them the reply contained, and which it missed. */
public record FactCheck(List<String> expected, List<String> matched, List<String> missing) {
    /** No facts expected (the learned layer reads the rules' other findings only). */
    static final FactCheck NONE = new FactCheck(List.of(), List.of(), List.of());

    public FactCheck {
        expected = List.copyOf(expected);
        matched = List.copyOf(matched);
        missing = List.copyOf(missing);
    }

    public static FactCheck none() {
        return new FactCheck(List.of(), List.of(), List.of());
    }
}
