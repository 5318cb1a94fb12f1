package io.kefutrainer.progress;

import io.kefutrainer.content.ScoringFiles;
import io.kefutrainer.scoring.KpiTargets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@DisplayName("Readiness: every 未达标 says why — how far from its target, which way, in the KPI's unit")
class ReadinessReasonsTest {

    @Test
    @DisplayName("a missed target names the gap (比目标低 7.5 分, 比目标高 5 秒); no reason is a bare 未达标")
    void gaps() {
        KpiTargets targets = ScoringFiles.kpi(Path.of("scenarios/kpi.yaml"));
        Kpis k = new Kpis(12, 20.0, 25.0, 95.0, 70.0, 1.0, 60.0, 90.0, 4.5, 0.0, 0.0, 72.5, 90.0, null, Kpis.NONE.counts());
        Readiness r = Readiness.judge(targets, k, new Readiness.Exam(true, true, ""));
        Map<String, String> reasons = r.unmet().stream().collect(Collectors.toMap(Readiness.Unmet::key, Readiness.Unmet::reason));
        assertEquals(Map.of("first_response_s", "比目标高 5 秒", "politeness_score", "比目标低 7.5 分"), reasons);
        r.unmet().forEach(u -> assertFalse(u.reason().equals("未达标") || u.reason().isBlank(), u.toString()));
    }
}
