package io.kefutrainer.appeals;

import io.kefutrainer.practice.AnnotationsJson;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.Finding;
import io.kefutrainer.scoring.Politeness;
import io.kefutrainer.scoring.Rubric;
import io.kefutrainer.scoring.Verdict;
import io.kefutrainer.scoring.Violation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A reply's annotations with the targets a trainer overruled on appeal taken out: what the reply is re-graded on.
 * The politeness score stays the rubric's base plus the points of the findings that remain (as the scorer counts
 * it), and the verdict follows the rubric's bands. An overruled verdict moves the reply one band up (impolite →
 * neutral → polite): the trainer said the scorer judged the tone too harshly.
 */
public final class Overrule {
    private Overrule() {
    }

    public static Annotations apply(Annotations a, Set<String> overruled, Rubric.PolitenessParams params) {
        if (overruled.isEmpty()) {
            return a;
        }
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < a.violations().size(); i++) {
            if (!overruled.contains(AnnotationsJson.violationId(i))) {
                violations.add(a.violations().get(i));
            }
        }
        List<Finding> all = a.politeness().findings();
        List<Finding> findings = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!overruled.contains(AnnotationsJson.findingId(i))) {
                findings.add(all.get(i));
            }
        }
        Politeness politeness = a.politeness();
        if (findings.size() != all.size()) {
            int score = params.base();
            boolean severe = false;
            boolean positive = false;
            for (Finding f : findings) {
                score += f.points();
                severe |= f.points() <= params.severeAt();
                positive |= f.points() > 0;
            }
            score = Math.max(0, Math.min(100, score));
            Verdict verdict = severe || score < params.impoliteBelow() ? Verdict.impolite
                    : score >= params.politeFrom() && positive ? Verdict.polite : Verdict.neutral;
            politeness = new Politeness(score, verdict, findings);
        }
        if (overruled.contains(AnnotationsJson.VERDICT)) {
            politeness = switch (politeness.verdict()) {
                case impolite -> new Politeness(Math.max(politeness.score(), params.impoliteBelow()), Verdict.neutral, politeness.findings());
                case neutral -> new Politeness(Math.max(politeness.score(), params.politeFrom()), Verdict.polite, politeness.findings());
                case polite -> politeness;
            };
        }
        return new Annotations(politeness, violations, a.facts(), a.offerPrice(), a.speed());
    }
}
