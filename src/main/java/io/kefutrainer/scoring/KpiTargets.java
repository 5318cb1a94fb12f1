package io.kefutrainer.scoring;

import java.util.List;
import java.util.Map;

/**
 * scenarios/kpi.yaml: the shop's KPI targets that decide readiness ("可上岗").
 *
 * @param lastSessions readiness looks at this many most recent sessions
 * @param targets      KPI key -> target (a minimum, a maximum or both), in file order
 * @param preSales     scenario categories whose sessions count as 询单 (conversion rate)
 * @param afterSales   scenario categories whose sessions count as 售后 (resolution rate)
 */
public record KpiTargets(String version, int lastSessions, Map<String, Target> targets, List<String> preSales,
                         List<String> afterSales, String readinessExam) {
    public KpiTargets {
        targets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(targets));
        preSales = List.copyOf(preSales);
        afterSales = List.copyOf(afterSales);
    }

    public KpiTargets(String version, int lastSessions, Map<String, Target> targets) {
        this(version, lastSessions, targets, List.of(), List.of(), null);
    }

    public KpiTargets(String version, int lastSessions, Map<String, Target> targets, List<String> preSales,
                      List<String> afterSales) {
        this(version, lastSessions, targets, preSales, afterSales, null);
    }

    /** A KPI target: met when min <= value <= max (either bound may be null). */
    public record Target(String label, String unit, Double min, Double max) {
        public boolean met(double value) {
            return (min == null || value >= min) && (max == null || value <= max);
        }
    }
}
