package io.kefutrainer.progress;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** One ended session as the KPIs see it (a row of the kpi_sessions view): what each KPI adds up. */
public record SessionFacts(UUID id, long userId, String scenarioId, String title, String category, String mode,
                           OffsetDateTime startedAt, OffsetDateTime endedAt, String outcome, Integer satisfaction,
                           Double politeness, Double rules, Double total, Boolean passed, String tier,
                           long rounds, long answered, long in3m, Double responseSSum, Double firstResponseS,
                           long buyerMessages, long replies, long violations, long forbidden, List<Double> typedCpm) {
}
