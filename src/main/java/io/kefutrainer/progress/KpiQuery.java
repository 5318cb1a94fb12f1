package io.kefutrainer.progress;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Which ended sessions a KPI covers and how they are grouped.
 *
 * @param userIds     the trainees
 * @param from        sessions started at or after this (null: no bound)
 * @param to          sessions started before this (null: no bound)
 * @param category    only this scenario category, or null
 * @param scenarioId  only this scenario, or null
 * @param lastN       only each trainee's N most recent sessions (readiness), or null
 * @param groupBy     one result per trainee, category, scenario, day, or one for all
 * @param preSales    categories counted as 询单 (kpi.yaml)
 * @param afterSales  categories counted as 售后 (kpi.yaml)
 */
public record KpiQuery(List<Long> userIds, OffsetDateTime from, OffsetDateTime to, String category, String scenarioId,
                       Integer lastN, GroupBy groupBy, List<String> preSales, List<String> afterSales) {

    public enum GroupBy { trainee, category, scenario, day, all }

    public KpiQuery {
        userIds = List.copyOf(userIds);
        preSales = List.copyOf(preSales);
        afterSales = List.copyOf(afterSales);
    }
}
