package io.kefutrainer.scoring;

import java.util.Map;

/**
 * scenarios/kpi.yaml: the shop's KPI targets that decide readiness ("可上岗").
 *
 * @param lastSessions readiness looks at this many most recent sessions
 * @param targets      KPI key -> target (a minimum, a maximum or both)
 */
public record KpiTargets(String version, int lastSessions, Map<String, Target> targets) {
    public KpiTargets {
        targets = Map.copyOf(targets);
    }

    /** A KPI target: met when min <= value <= max (either bound may be null). */
    public record Target(String label, String unit, Double min, Double max) {
        public boolean met(double value) {
            return (min == null || value >= min) && (max == null || value <= max);
        }
    }
}
