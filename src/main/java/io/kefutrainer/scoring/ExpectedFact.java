package io.kefutrainer.scoring;

import java.util.List;

/** A fact a step expects the reply to contain, with its accepted wordings (from the scenario file). */
public record ExpectedFact(String fact, List<String> any, int points) {
    public ExpectedFact {
        any = List.copyOf(any);
    }
}
