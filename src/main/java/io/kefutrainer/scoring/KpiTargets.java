package io.kefutrainer.scoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * scenarios/kpi.yaml: the shop's KPI targets that decide readiness ("可上岗"), and the one place where every KPI is
 * named: pages, the CSV export and the browser (through the vocabulary's kinds {@code kpi} and {@code kpi_unit}) all
 * read a KPI's label and unit from here, so 首次响应时间 never reads 首次响应 elsewhere.
 *
 * @param lastSessions readiness looks at this many most recent sessions
 * @param targets      KPI key -> target (a minimum, a maximum or both), in file order
 * @param preSales     scenario categories whose sessions count as 询单 (conversion rate)
 * @param afterSales   scenario categories whose sessions count as 售后 (resolution rate)
 * @param measures     KPI key -> label and unit of figures shown without a target (kpi.yaml {@code measures:})
 */
public record KpiTargets(String version, int lastSessions, Map<String, Target> targets, List<String> preSales,
                         List<String> afterSales, String readinessExam, Map<String, Target> measures) {

    /** kpi.yaml keys and the KPI (API name, Kpis.values()) each one names. */
    public static final Map<String, String> KPI_OF_KEY = Map.ofEntries(
            Map.entry("sessions", "sessions"),
            Map.entry("first_response_s", "firstResponseS"),
            Map.entry("avg_response_s", "avgResponseS"),
            Map.entry("reply_in_3min_rate", "replyRate3m"),
            Map.entry("typing_cpm", "typingCpm"),
            Map.entry("answer_ratio", "answerRatio"),
            Map.entry("conversion_rate", "conversionRate"),
            Map.entry("resolution_rate", "resolutionRate"),
            Map.entry("satisfaction", "satisfaction"),
            Map.entry("violations_per_100", "violationsPer100"),
            Map.entry("forbidden_per_100", "forbiddenPer100"),
            Map.entry("politeness_score", "politenessScore"),
            Map.entry("rules_score", "rulesScore"),
            Map.entry("quiz_score", "quizScore"));

    public KpiTargets {
        targets = Collections.unmodifiableMap(new LinkedHashMap<>(targets));
        preSales = List.copyOf(preSales);
        afterSales = List.copyOf(afterSales);
        measures = Collections.unmodifiableMap(new LinkedHashMap<>(measures));
    }

    public KpiTargets(String version, int lastSessions, Map<String, Target> targets) {
        this(version, lastSessions, targets, List.of(), List.of(), null, Map.of());
    }

    public KpiTargets(String version, int lastSessions, Map<String, Target> targets, List<String> preSales,
                      List<String> afterSales) {
        this(version, lastSessions, targets, preSales, afterSales, null, Map.of());
    }

    /**
     * Every KPI's label and unit, keyed by its API name (firstResponseS) where it has one, else by its kpi.yaml key
     * (quiz_passed): targets first, then measures.
     */
    public Map<String, Target> names() {
        Map<String, Target> names = new LinkedHashMap<>();
        targets.forEach((key, t) -> names.putIfAbsent(KPI_OF_KEY.getOrDefault(key, key), t));
        measures.forEach((key, t) -> names.putIfAbsent(KPI_OF_KEY.getOrDefault(key, key), t));
        return names;
    }

    /** A KPI's label by its API name or kpi.yaml key; the name itself when kpi.yaml has none. */
    public String label(String kpi) {
        Target t = names().get(kpi);
        return t == null || t.label() == null ? kpi : t.label();
    }

    /** A KPI's unit by its API name or kpi.yaml key; "" when it has none. */
    public String unit(String kpi) {
        Target t = names().get(kpi);
        return t == null || t.unit() == null ? "" : t.unit();
    }

    /** A KPI target: met when min <= value <= max (either bound may be null). */
    public record Target(String label, String unit, Double min, Double max) {
        public boolean met(double value) {
            return (min == null || value >= min) && (max == null || value <= max);
        }
    }
}
