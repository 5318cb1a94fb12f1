package io.kefutrainer.scoring;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What the scorer says about one reply. This record is the contract between the scorer (which fills it),
 * the dialogue engine (which branches on it) and the scorecard (which renders each finding on its span).
 * Keep it small: a new field here is a new promise to all three.
 *
 * @param politeness  polite-wording score, verdict and the findings behind them
 * @param violations  platform-rule violations (must-pass); empty when none
 * @param facts       expected facts of the step: expected / matched / missing
 * @param offerPrice  a price the trainee offered in the reply (bargaining), or null when none was named
 * @param speed       typing and response speed, or null when the reply came without metrics
 */
public record Annotations(Politeness politeness, List<Violation> violations, FactCheck facts,
                          Double offerPrice, Speed speed) {

    public Annotations {
        violations = List.copyOf(violations);
    }

    public boolean impolite() {
        return politeness.verdict() == Verdict.impolite;
    }

    /** True when any politeness finding has this type (e.g. "apology", "greeting", "forbidden"). */
    public boolean hasFinding(String type) {
        return politeness.findings().stream().anyMatch(f -> f.type().equals(type));
    }

    /** Lexicon ids of the forbidden phrases found (a finding of type "forbidden" names its entry). */
    public Set<String> forbiddenIds() {
        Set<String> ids = new LinkedHashSet<>();
        politeness.findings().stream().filter(f -> f.type().equals("forbidden")).forEach(f -> ids.add(f.entry()));
        return ids;
    }

    public Set<String> violationCategories() {
        Set<String> categories = new LinkedHashSet<>();
        violations.forEach(v -> categories.add(v.category()));
        return categories;
    }

    /** True when the expected fact (or must-not point) with this id was found in the reply. */
    public boolean has(String fact) {
        return facts.matched().contains(fact) || facts.said().contains(fact);
    }
}
