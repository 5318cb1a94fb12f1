package io.kefutrainer.scoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Grades a whole session from its replies' annotations, its outcome and the buyer's satisfaction, with the
 * weights, pass mark, tiers and must-pass criteria of scenarios/rubric.yaml (a scenario may pass its own weights).
 */
public final class SessionRubric {

    private final Rubric rubric;

    public SessionRubric(Rubric rubric) {
        this.rubric = rubric;
    }

    /** The total a session needs to pass (when no must-pass item failed). */
    public double passMark() {
        return rubric.passMark();
    }

    public static SessionRubric of(ScoringContent content) {
        return new SessionRubric(content.rubric());
    }

    /**
     * @param replies      annotations of the trainee's replies, in order
     * @param outcome      how the session ended, or null when it did not end
     * @param satisfaction buyer satisfaction 1..5 at the end, or null
     * @param weights      per-scenario weights, or null for the rubric's
     */
    public SessionResult grade(List<Annotations> replies, Outcome outcome, Integer satisfaction, Map<String, Integer> weights) {
        Map<String, Integer> w = weights == null || weights.isEmpty() ? rubric.weights() : weights;
        // one failure per reply and rule: two phrases of the same rule in one reply (微信 … 私聊) are one broken rule
        java.util.Set<MustPass> failed = new java.util.LinkedHashSet<>();
        for (int i = 0; i < replies.size(); i++) {
            for (Violation v : replies.get(i).violations()) {
                failed.add(MustPass.violation(i + 1, v));
            }
        }
        List<MustPass> failures = new ArrayList<>(failed);
        Map<String, Double> dims = new LinkedHashMap<>();
        if (replies.isEmpty()) {
            // a buyer nobody answered: no politeness, rules or speed to grade (not a polite 0 nor a perfect 100)
            dims.put("outcome", outcome(outcome, satisfaction));
            return new SessionResult(dims, null, false, null, failures);
        }
        dims.put("rules", rules(replies));
        dims.put("politeness", politeness(replies));
        dims.put("speed", speed(replies));
        dims.put("outcome", outcome(outcome, satisfaction));
        double weighted = 0;
        double weightSum = 0;
        for (var e : w.entrySet()) {
            Double score = dims.get(e.getKey());
            if (score == null) continue;
            weighted += score * e.getValue();
            weightSum += e.getValue();
        }
        double total = weightSum == 0 ? 0 : round(weighted / weightSum);
        boolean passed = failures.isEmpty() && total >= rubric.passMark();
        String tier = null;
        if (failures.isEmpty()) {
            for (Rubric.Tier t : rubric.tiers()) {
                if (total >= t.min()) {
                    tier = t.name();
                    break;
                }
            }
        }
        return new SessionResult(dims, total, passed, tier, failures);
    }

    /** Expected facts found, minus a penalty per violation and per must-not point said. */
    private double rules(List<Annotations> replies) {
        int expected = 0;
        int matched = 0;
        int violations = 0;
        for (Annotations a : replies) {
            expected += a.facts().expected().size();
            matched += a.facts().matched().size();
            // a must-not point said (a step's avoid:) costs what a violation costs, without failing the session
            violations += a.violations().size() + a.facts().said().size();
        }
        double facts = expected == 0 ? 100 : 100.0 * matched / expected;
        return round(Math.max(0, facts - violations * rubric.violationPenalty()));
    }

    private double politeness(List<Annotations> replies) {
        return round(replies.stream().mapToInt(a -> a.politeness().score()).average().orElse(0));
    }

    /**
     * Response time (server clock) against the target, linear to zero at the cut-off; typing speed against the
     * target, with implausible replies earning nothing for typing.
     */
    private double speed(List<Annotations> replies) {
        Rubric.SpeedParams p = rubric.speed();
        double responseSum = 0;
        int responses = 0;
        double typingSum = 0;
        int typed = 0;
        for (Annotations a : replies) {
            Speed s = a.speed();
            if (s == null) continue;
            if (s.responseMs() != null) {
                double seconds = s.responseMs() / 1000.0;
                double score = seconds <= p.responseTargetS() ? 100
                        : seconds >= p.responseZeroS() ? 0
                        : 100 * (p.responseZeroS() - seconds) / (p.responseZeroS() - p.responseTargetS());
                responseSum += score;
                responses++;
            }
            if (!s.plausible()) {
                typed++;
            } else if (s.typedCpm() != null) {
                typingSum += Math.min(100, 100 * s.typedCpm() / p.typingTargetCpm());
                typed++;
            }
        }
        if (responses == 0 && typed == 0) return 100;   // nothing measured: speed does not count against the trainee
        double response = responses == 0 ? 100 : responseSum / responses;
        double typing = typed == 0 ? 100 : typingSum / typed;
        return round(p.responseShare() * response + (1 - p.responseShare()) * typing);
    }

    private double outcome(Outcome outcome, Integer satisfaction) {
        Rubric.OutcomeParams p = rubric.outcome();
        double base = outcome == null ? 0 : p.base().getOrDefault(outcome.name(), 0);
        if (satisfaction == null) return round(base);
        int s = Math.max(1, Math.min(5, satisfaction));
        double sat = (s - 1) * 25.0;
        return round((1 - p.satisfactionShare()) * base + p.satisfactionShare() * sat);
    }

    private static double round(double x) {
        return Math.round(x * 10) / 10.0;
    }
}
