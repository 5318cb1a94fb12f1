package io.kefutrainer.scenario;

import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.ExpectedFact;
import io.kefutrainer.scoring.FactCheck;
import io.kefutrainer.scoring.Finding;
import io.kefutrainer.scoring.Politeness;
import io.kefutrainer.scoring.ReplyInput;
import io.kefutrainer.scoring.Scorer;
import io.kefutrainer.scoring.Verdict;
import io.kefutrainer.scoring.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test-only scorer driven by markers in the reply: [impolite] [apology] [forbidden:id] [violation:category]
 * [offer:123]; expected facts (and must-not points) match by substring of an accepted wording.
 */
public final class MarkerScorer implements Scorer {

    private static final Pattern MARKER = Pattern.compile("\\[(impolite|apology|forbidden|violation|offer)(?::([^\\]]+))?]");

    @Override
    public Annotations score(ReplyInput input) {
        String text = input.text();
        List<Finding> findings = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        Verdict verdict = Verdict.neutral;
        Double offer = null;
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            switch (m.group(1)) {
                case "impolite" -> verdict = Verdict.impolite;
                case "apology" -> findings.add(new Finding("apology", m.start(), m.end(), null, null, 5));
                case "forbidden" -> findings.add(new Finding("forbidden", m.start(), m.end(), m.group(2), "better", -10));
                case "violation" -> violations.add(new Violation(m.group(2), "rule", m.start(), m.end(), "don't"));
                case "offer" -> offer = Double.parseDouble(m.group(2));
                default -> throw new IllegalStateException();
            }
        }
        List<String> expected = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        List<String> said = new ArrayList<>();
        for (ExpectedFact f : input.expected()) {
            boolean found = f.any().stream().anyMatch(text::contains);
            if (f.avoid()) {
                if (found) {
                    said.add(f.fact());
                }
                continue;
            }
            expected.add(f.fact());
            (found ? matched : missing).add(f.fact());
        }
        return new Annotations(new Politeness(0, verdict, findings), violations, new FactCheck(expected, matched, missing, said),
                offer, null);
    }
}
