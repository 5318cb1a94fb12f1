package io.kefutrainer.progress;

import io.vertx.core.Future;

import java.util.Map;
import java.util.Set;

/**
 * Where the KPIs come from (the KPI roll-ups in PostgreSQL): every ratio with the counts it was computed from, so a
 * report can show what a figure adds up.
 */
public interface KpiSource {

    /** KPIs per group, keyed by the group (user id as text, category, scenario id, yyyy-MM-dd, or "all"). */
    Future<Map<String, Kpis>> kpis(KpiQuery q);

    /** KPIs of the same sessions in several groupings (a cohort report: per trainee, in all, per day); q.groupBy() is ignored. */
    Future<Map<KpiQuery.GroupBy, Map<String, Kpis>>> kpis(KpiQuery q, Set<KpiQuery.GroupBy> groupings);
}
