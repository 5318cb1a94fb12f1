package io.kefutrainer.scoring;

import java.util.List;

/** Polite-wording result of one reply; the score is derived from the findings, never the other way round. */
public record Politeness(int score, Verdict verdict, List<Finding> findings) {
    public Politeness {
        findings = List.copyOf(findings);
    }
}
