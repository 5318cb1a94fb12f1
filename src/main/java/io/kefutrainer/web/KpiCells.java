package io.kefutrainer.web;

import io.kefutrainer.progress.Kpis;
import io.kefutrainer.progress.Readiness;
import io.kefutrainer.scoring.KpiTargets;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The KPI cells of the progress pages: each KPI as text, with its state against the kpi.yaml target. */
final class KpiCells {
    private KpiCells() {
    }

    /** A KPI cell of a page: value as text and its state against the target (ok, warn, bad, none). */
    public record Cell(String key, String label, String unit, String text, String state, String target) {
    }

    /** The KPI columns of the pages, by API name; each one's label and unit come from kpi.yaml (KpiTargets.names). */
    static final List<String> COLUMNS = List.of("firstResponseS", "avgResponseS", "replyRate3m", "typingCpm",
            "answerRatio", "conversionRate", "resolutionRate", "satisfaction", "violationsPer100", "forbiddenPer100",
            "politenessScore", "rulesScore", "quizScore");

    static List<Cell> cells(Kpis k, KpiTargets targets) {
        Map<String, KpiTargets.Target> byKpi = new HashMap<>();
        targets.targets().forEach((key, t) -> {
            String kpi = Readiness.KPI_OF_KEY.get(key);
            if (kpi != null) {
                byKpi.put(kpi, t);
            }
        });
        Map<String, Double> values = k.values();
        List<Cell> cells = new ArrayList<>();
        for (String c : COLUMNS) {
            Double v = values.get(c);
            KpiTargets.Target t = byKpi.get(c);
            cells.add(new Cell(c, targets.label(c), targets.unit(c), v == null ? "—" : format(v), state(v, t), t == null ? "" : Readiness.describe(t)));
        }
        return cells;
    }

    /** A column header: the KPI's label with its unit (a label that already says its unit, e.g. 礼貌分, keeps it bare). */
    static String header(KpiTargets targets, String kpi) {
        String label = targets.label(kpi);
        String unit = targets.unit(kpi);
        return unit.isEmpty() || label.endsWith(unit) ? label : label + "(" + unit + ")";
    }

    /** Green when the target is met, amber within 10 % of it (or of 10 units for a zero target), red beyond. */
    static String state(Double v, KpiTargets.Target t) {
        if (v == null) {
            return "none";
        }
        if (t == null) {
            return "plain";
        }
        if (t.met(v)) {
            return "ok";
        }
        double bound = t.min() != null && v < t.min() ? t.min() : t.max();
        double slack = Math.max(Math.abs(bound) * 0.1, bound == 0 ? 1 : 0);
        return Math.abs(v - bound) <= slack ? "warn" : "bad";
    }

    static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.valueOf((long) v) : String.format(java.util.Locale.ROOT, "%.1f", v);
    }
}
