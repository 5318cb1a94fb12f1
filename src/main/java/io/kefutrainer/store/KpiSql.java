package io.kefutrainer.store;

import io.kefutrainer.progress.KpiQuery;
import io.kefutrainer.progress.Period;

import java.util.EnumMap;
import java.util.Map;

/**
 * The SQL the KPI readers share: which sessions a query covers, how a grouping names its groups, and the one
 * definition of every KPI over kpi_sessions rows, which the progress reports (KpiStore) and the shift report
 * (ShiftStore) both select, so the two cannot drift apart.
 */
final class KpiSql {
    private KpiSql() {
    }

    /** Days are the shop's days (China), whatever the server's zone. */
    static final String SHOP_ZONE = Period.SHOP_ZONE.getId();

    /** Group key per grouping: the expression over a kpi_sessions / kpi_typed row, and how the result names it. */
    record Key(String expr, String name, String join, String text) {
    }

    static final Map<KpiQuery.GroupBy, Key> GROUP_KEY = new EnumMap<>(Map.of(
            KpiQuery.GroupBy.trainee, new Key("k.user_id", "a.grp::text", "k.user_id = want.grp::bigint", null),
            KpiQuery.GroupBy.category, new Key("k.category", "a.grp", "k.category = want.grp", "k.category"),
            KpiQuery.GroupBy.scenario, new Key("k.scenario_id", "a.grp", "k.scenario_id = want.grp", "k.scenario_id"),
            KpiQuery.GroupBy.day, new Key("(k.started_at AT TIME ZONE '" + SHOP_ZONE + "')::date", "to_char(a.grp, 'YYYY-MM-DD')",
                    "(k.started_at AT TIME ZONE '" + SHOP_ZONE + "')::date = want.grp::date",
                    "to_char(k.started_at AT TIME ZONE '" + SHOP_ZONE + "', 'YYYY-MM-DD')"),
            KpiQuery.GroupBy.all, new Key("'all'::text", "a.grp", "want.grp = 'all'", "'all'")));

    /** Which sessions a query covers: $1 trainees, $2 from, $3 to, $4 category, $5 scenario. */
    static final String FILTER = """
            k.user_id = ANY($1)
                  AND ($2::timestamptz IS NULL OR k.started_at >= $2::timestamptz)
                  AND ($3::timestamptz IS NULL OR k.started_at < $3::timestamptz)
                  AND ($4::text IS NULL OR k.category = $4::text)
                  AND ($5::text IS NULL OR k.scenario_id = $5::text)""";

    /**
     * Every KPI and the counts it is computed from, aggregated over kpi_sessions rows named w (all but the typing
     * median, which each reader finds its own way). %1$s / %2$s: the parameters holding the 询单 (pre-sales) and
     * 售后 (after-sales) categories, whose sessions count towards conversion and resolution even when not won.
     */
    private static final String AGGREGATES = """
            count(*)                                                         AS sessions,
                   avg(w.first_response_s)                                          AS first_response_s,
                   count(w.first_response_s)                                        AS first_responses,
                   sum(w.response_s_sum) / nullif(sum(w.answered), 0)               AS avg_response_s,
                   100.0 * sum(w.in_3m) / nullif(sum(w.rounds), 0)                  AS reply_rate_3m,
                   1.0 * sum(w.replies) / nullif(sum(w.buyer_messages), 0)          AS answer_ratio,
                   100.0 * count(*) FILTER (WHERE w.outcome = 'converted')
                         / nullif(count(*) FILTER (WHERE w.category = ANY(%1$s) OR w.outcome = 'converted'), 0) AS conversion_rate,
                   100.0 * count(*) FILTER (WHERE w.outcome = 'resolved')
                         / nullif(count(*) FILTER (WHERE w.category = ANY(%2$s) OR w.outcome = 'resolved'), 0)  AS resolution_rate,
                   avg(w.satisfaction)                                              AS satisfaction,
                   100.0 * sum(w.violations) / nullif(sum(w.replies), 0)            AS violations_per_100,
                   100.0 * sum(w.forbidden) / nullif(sum(w.replies), 0)             AS forbidden_per_100,
                   avg(w.politeness)                                                AS politeness_score,
                   avg(w.rules)                                                     AS rules_score,
                   sum(w.rounds) AS rounds, sum(w.in_3m) AS in_3m, sum(w.answered) AS answered,
                   sum(w.response_s_sum) AS response_s_sum, sum(w.replies) AS replies,
                   sum(w.buyer_messages) AS buyer_messages,
                   count(*) FILTER (WHERE w.category = ANY(%1$s) OR w.outcome = 'converted') AS pre_sales,
                   count(*) FILTER (WHERE w.outcome = 'converted')                       AS converted,
                   count(*) FILTER (WHERE w.category = ANY(%2$s) OR w.outcome = 'resolved')  AS after_sales,
                   count(*) FILTER (WHERE w.outcome = 'resolved')                        AS resolved,
                   count(w.satisfaction) AS rated,
                   sum(w.violations) AS violations, sum(w.forbidden) AS forbidden""";

    /** The KPI select list over rows w, with the category arrays in these parameters (e.g. "$7", "$8"). */
    static String aggregates(String preSales, String afterSales) {
        return AGGREGATES.formatted(preSales, afterSales);
    }
}
