package io.kefutrainer.progress;

import io.kefutrainer.scoring.KpiTargets;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A shift's KPIs against the targets of scenarios/kpi.yaml. Only targets of chat KPIs apply (the quiz is not
 * part of a shift). A KPI without data (e.g. no typed reply) is shown as such and neither passes nor fails;
 * the shift passes when it had at least one buyer and every KPI with data meets its target.
 */
public record ShiftGrade(boolean passed, List<Check> checks) {

    /** One target: its kpi.yaml key and label, the KPI's API name, the target as text, the value, and whether met. */
    public record Check(String key, String label, String kpi, String target, Double value, Boolean met) {
    }

    public static ShiftGrade judge(KpiTargets targets, Kpis kpis) {
        Map<String, Double> values = kpis.values();
        List<Check> checks = new ArrayList<>();
        boolean passed = kpis.sessions() > 0;
        for (Map.Entry<String, KpiTargets.Target> e : targets.targets().entrySet()) {
            String kpi = Readiness.KPI_OF_KEY.get(e.getKey());
            if (kpi == null || kpi.equals("quizScore")) {
                continue;
            }
            Double value = values.get(kpi);
            Boolean met = value == null ? null : e.getValue().met(value);
            if (Boolean.FALSE.equals(met)) {
                passed = false;
            }
            checks.add(new Check(e.getKey(), e.getValue().label(), kpi, Readiness.describe(e.getValue()).trim(), value, met));
        }
        return new ShiftGrade(passed, List.copyOf(checks));
    }
}
