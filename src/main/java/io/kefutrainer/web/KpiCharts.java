package io.kefutrainer.web;

import io.kefutrainer.progress.Kpis;
import io.kefutrainer.progress.Progress;
import io.kefutrainer.progress.Readiness;
import io.kefutrainer.scoring.KpiTargets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The data of the progress pages' charts (drawn by the browser): KPI trends per day, the cohort's score spread. */
final class KpiCharts {
    private KpiCharts() {
    }

    /** Trend chart data: per day, each charted KPI, with its kpi.yaml target line. */
    static JsonObject trend(Map<String, Kpis> trend, KpiTargets targets) {
        JsonArray days = new JsonArray();
        Map<String, JsonArray> series = new LinkedHashMap<>();
        List<String> charted = List.of("avgResponseS", "replyRate3m", "typingCpm", "politenessScore", "rulesScore", "satisfaction");
        charted.forEach(k -> series.put(k, new JsonArray()));
        trend.forEach((day, k) -> {
            days.add(day);
            Map<String, Double> v = k.values();
            charted.forEach(key -> series.get(key).add(v.get(key) == null ? null : Math.round(v.get(key) * 10) / 10.0));
        });
        JsonObject targetsJson = new JsonObject();
        JsonObject labels = new JsonObject();
        for (String c : KpiCells.COLUMNS) {
            labels.put(c, targets.label(c));
        }
        targets.targets().forEach((key, t) -> {
            String kpi = Readiness.KPI_OF_KEY.get(key);
            if (kpi != null && charted.contains(kpi)) {
                targetsJson.put(kpi, t.min() != null ? t.min() : t.max());
            }
        });
        JsonObject seriesJson = new JsonObject();
        series.forEach(seriesJson::put);
        return new JsonObject().put("days", days).put("series", seriesJson).put("targets", targetsJson).put("labels", labels);
    }

    /** Distribution of trainees' rules scores (cohort page): counts per 10-point bucket. */
    static JsonObject distribution(Progress.CohortReport r) {
        int[] buckets = new int[10];
        for (Progress.TraineeRow row : r.trainees()) {
            Double v = row.kpis().rulesScore();
            if (v != null) {
                buckets[Math.min(9, Math.max(0, (int) (v / 10)))]++;
            }
        }
        JsonArray labels = new JsonArray();
        JsonArray counts = new JsonArray();
        for (int i = 0; i < 10; i++) {
            labels.add(i * 10 + "–" + (i == 9 ? 100 : i * 10 + 9));
            counts.add(buckets[i]);
        }
        return new JsonObject().put("labels", labels).put("counts", counts);
    }
}
