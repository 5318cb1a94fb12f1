package io.kefutrainer.scoring;

import java.util.List;
import java.util.Map;

/**
 * scenarios/rubric.yaml: how reply findings become a politeness score and how a session is graded.
 *
 * @param weights          dimension -> weight (rules, politeness, speed, outcome)
 * @param passMark         total needed to pass (and no must-pass failure)
 * @param tiers            best first: name and minimum total
 * @param politeness       politeness score parameters
 * @param speed            speed dimension parameters
 * @param outcome          outcome dimension parameters
 * @param violationPenalty rules-dimension points lost per violation
 */
public record Rubric(String version, Map<String, Integer> weights, double passMark, List<Tier> tiers,
                     PolitenessParams politeness, SpeedParams speed, OutcomeParams outcome, int violationPenalty) {

    public Rubric {
        weights = Map.copyOf(weights);
        tiers = List.copyOf(tiers);
    }

    public record Tier(String name, double min) {
    }

    /**
     * @param base          score of a reply with no findings
     * @param politeFrom    score from which a reply is polite (it also needs a positive finding)
     * @param impoliteBelow score below which a reply is impolite
     * @param severeAt      a finding with this many points or fewer makes the reply impolite on its own
     * @param points        finding type -> default points
     * @param maxHits       finding type -> how many hits earn points (default 1; more of the same earn nothing)
     * @param advice        advice for findings about something missing (missing_greeting, missing_apology, ...)
     */
    public record PolitenessParams(int base, int politeFrom, int impoliteBelow, int severeAt,
                                   Map<String, Integer> points, Map<String, Integer> maxHits, Map<String, String> advice) {
        public PolitenessParams {
            points = Map.copyOf(points);
            maxHits = Map.copyOf(maxHits);
            advice = Map.copyOf(advice);
        }

        public int maxHits(String type) {
            return maxHits.getOrDefault(type, 1);
        }

        public int points(String type) {
            return points.getOrDefault(type, 0);
        }
    }

    /**
     * @param responseTargetS  full marks at or below this response time
     * @param responseZeroS    zero at or above this response time (linear in between)
     * @param typingTargetCpm  full typing marks at this typed 字/分钟
     * @param plausibleMaxCpm  typed speed above this (with no paste) is not believed
     * @param responseShare    share of the speed dimension from response time (the rest from typing)
     */
    public record SpeedParams(double responseTargetS, double responseZeroS, double typingTargetCpm,
                              double plausibleMaxCpm, double responseShare) {
    }

    /**
     * @param base              outcome -> score (converted, resolved, escalated, lost)
     * @param satisfactionShare share of the outcome dimension from the buyer's 1-5 satisfaction
     */
    public record OutcomeParams(Map<String, Integer> base, double satisfactionShare) {
        public OutcomeParams {
            base = Map.copyOf(base);
        }
    }
}
