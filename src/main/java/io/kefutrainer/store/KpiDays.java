package io.kefutrainer.store;

import io.kefutrainer.progress.KpiQuery;
import io.kefutrainer.progress.Kpis;
import io.kefutrainer.progress.Period;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KPIs from the per-trainee, per-shop-day roll-up (V9 kpi_days): a period of whole shop days, grouped per trainee,
 * per day and in all, in one scan however many sessions it covers.
 */
final class KpiDays {

    /** The grouping set over kpi_days rows of each grouping the day roll-up serves. */
    private static final Map<KpiQuery.GroupBy, String> DAY_SET = new EnumMap<>(Map.of(
            KpiQuery.GroupBy.trainee, "(d.user_id)",
            KpiQuery.GroupBy.day, "(d.day)",
            KpiQuery.GroupBy.all, "()"));

    /**
     * The KPIs of each group from the per-trainee, per-shop-day roll-up (V9 kpi_days) over whole shop days ($1
     * trainees, $2 first day, $3 day after the last): the same sums and counts as KpiSql.aggregates adds up per
     * session, added up per day first, for several groupings in one scan. %1$s the grouping sets, %2$s / %3$s the
     * sessions of the 询单 / 售后 categories not converted / not resolved (sums of kpi_days.not_converted /
     * not_resolved elements), %4$s the histogram sums, %5$s / %6$s the trainee and day keys (NULL when not a
     * grouping). A row's grouping shows in which key is null (user_id and day never are).
     */
    private static final String DAY_SQL = """
            WITH a AS (
                SELECT %5$s AS g_user, %6$s AS g_day,
                       sum(d.sessions) AS sessions,
                       sum(d.first_response_sum) / nullif(sum(d.first_responses), 0)   AS first_response_s,
                       sum(d.first_responses) AS first_responses,
                       sum(d.response_s_sum) / nullif(sum(d.answered), 0)               AS avg_response_s,
                       100.0 * sum(d.in_3m) / nullif(sum(d.rounds), 0)                  AS reply_rate_3m,
                       1.0 * sum(d.replies) / nullif(sum(d.buyer_messages), 0)          AS answer_ratio,
                       1.0 * sum(d.satisfaction_sum) / nullif(sum(d.rated), 0)          AS satisfaction,
                       100.0 * sum(d.violations) / nullif(sum(d.replies), 0)            AS violations_per_100,
                       100.0 * sum(d.forbidden) / nullif(sum(d.replies), 0)             AS forbidden_per_100,
                       sum(d.politeness_sum) / nullif(sum(d.politeness_n), 0)           AS politeness_score,
                       sum(d.rules_sum) / nullif(sum(d.rules_n), 0)                     AS rules_score,
                       sum(d.rounds) AS rounds, sum(d.in_3m) AS in_3m, sum(d.answered) AS answered,
                       sum(d.response_s_sum) AS response_s_sum, sum(d.replies) AS replies,
                       sum(d.buyer_messages) AS buyer_messages,
                       sum(d.converted + %2$s) AS pre_sales, sum(d.converted) AS converted,
                       sum(d.resolved + %3$s) AS after_sales, sum(d.resolved) AS resolved,
                       sum(d.rated) AS rated, sum(d.violations) AS violations, sum(d.forbidden) AS forbidden
                       %4$s
                FROM kpi_days d
                WHERE d.user_id = ANY($1)
                  AND ($2::date IS NULL OR d.day >= $2::date)
                  AND ($3::date IS NULL OR d.day < $3::date)
                GROUP BY GROUPING SETS (%1$s)
                HAVING count(*) > 0
            )
            SELECT coalesce(a.g_user::text, to_char(a.g_day, 'YYYY-MM-DD'), 'all') AS grp_key, a.*,
                   100.0 * a.converted / nullif(a.pre_sales, 0) AS conversion_rate,
                   100.0 * a.resolved / nullif(a.after_sales, 0) AS resolution_rate,
                   NULL::float8 AS typing_cpm, 0::bigint AS typed
            FROM a ORDER BY a.g_user, a.g_day""";

    private static final String DAY_HIST_SUMS;

    static {
        StringBuilder sums = new StringBuilder(", ARRAY[");
        for (int i = 0; i < TypingMedians.BUCKETS; i++) {
            sums.append(i > 0 ? ", " : "").append("sum(d.h").append(i).append(")");
        }
        DAY_HIST_SUMS = sums.append("] AS typed_hist").toString();
    }

    private final Pool pool;
    private final TypingMedians medians;

    KpiDays(Pool pool, TypingMedians medians) {
        this.pool = pool;
        this.medians = medians;
    }

    /** Whether the day roll-up gives these groupings: whole shop days, no window, no category or scenario filter. */
    static boolean serve(KpiQuery q, java.util.Collection<KpiQuery.GroupBy> groupings) {
        return q.lastN() == null && q.category() == null && q.scenarioId() == null
                && DAY_SET.keySet().containsAll(groupings) && !groupings.isEmpty() && shopDay(q.from()) && shopDay(q.to());
    }

    /** Whether a bound is the start of a shop day (or open), so whole kpi_days rows cover the period. */
    private static boolean shopDay(OffsetDateTime bound) {
        return bound == null || bound.atZoneSameInstant(Period.SHOP_ZONE).toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
    }

    private static java.time.LocalDate day(OffsetDateTime bound) {
        return bound == null ? null : bound.atZoneSameInstant(Period.SHOP_ZONE).toLocalDate();
    }

    /**
     * KPIs over whole shop days from the day roll-up (V9), then the typing median as for sessions: the summed
     * histogram locates the middle bucket, whose kpi_typed rows are read and ranked.
     */
    Future<Map<KpiQuery.GroupBy, Map<String, Kpis>>> kpis(KpiQuery q, EnumSet<KpiQuery.GroupBy> groupings) {
        List<String> names = new ArrayList<>(q.preSales());
        names.addAll(q.afterSales());
        return pool.preparedQuery("SELECT id, name FROM kpi_categories WHERE name = ANY($1) ORDER BY id")
                .execute(Tuple.of(names.toArray(new String[0]))).compose(ids -> {
                    StringBuilder notConverted = new StringBuilder("0");
                    StringBuilder notResolved = new StringBuilder("0");
                    ids.forEach(r -> {
                        int id = r.getInteger("id");
                        if (q.preSales().contains(r.getString("name"))) {
                            notConverted.append(" + coalesce(d.not_converted[").append(id).append("], 0)");
                        }
                        if (q.afterSales().contains(r.getString("name"))) {
                            notResolved.append(" + coalesce(d.not_resolved[").append(id).append("], 0)");
                        }
                    });
                    String sets = String.join(", ", groupings.stream().map(DAY_SET::get).toList());
                    String sql = DAY_SQL.formatted(sets, notConverted, notResolved, DAY_HIST_SUMS,
                            groupings.contains(KpiQuery.GroupBy.trainee) ? "d.user_id" : "NULL::bigint",
                            groupings.contains(KpiQuery.GroupBy.day) ? "d.day" : "NULL::date");
                    return pool.preparedQuery(sql).execute(Tuple.of(q.userIds().toArray(new Long[0]),
                            day(q.from()), day(q.to())));
                }).compose(rows -> {
                    Map<KpiQuery.GroupBy, Map<String, Kpis>> results = new EnumMap<>(KpiQuery.GroupBy.class);
                    Map<KpiQuery.GroupBy, Map<String, long[]>> histograms = new EnumMap<>(KpiQuery.GroupBy.class);
                    for (KpiQuery.GroupBy g : groupings) {
                        results.put(g, new LinkedHashMap<>());
                        histograms.put(g, new LinkedHashMap<>());
                    }
                    rows.forEach(r -> {
                        KpiQuery.GroupBy g = r.getValue("g_user") != null ? KpiQuery.GroupBy.trainee
                                : r.getValue("g_day") != null ? KpiQuery.GroupBy.day : KpiQuery.GroupBy.all;
                        results.get(g).put(r.getString("grp_key"), KpiRows.toKpis(r));
                        histograms.get(g).put(r.getString("grp_key"), KpiRows.histogram(r, "typed_hist"));
                    });
                    Map<KpiQuery.GroupBy, Future<Map<String, Kpis>>> done = new EnumMap<>(KpiQuery.GroupBy.class);
                    for (KpiQuery.GroupBy g : groupings) {
                        KpiQuery one = new KpiQuery(q.userIds(), q.from(), q.to(), null, null, null, g, q.preSales(), q.afterSales());
                        if (g != KpiQuery.GroupBy.trainee && q.userIds().size() <= KpiStore.FEW_TRAINEES) {
                            // a trainee's own report: their few typed rows are found by the (user, bucket) index
                            Object[] params = {q.userIds().toArray(new Long[0]), q.from(), q.to(), null, null, null,
                                    q.preSales().toArray(new String[0]), q.afterSales().toArray(new String[0])};
                            done.put(g, medians.bySession(KpiSql.GROUP_KEY.get(g), params, results.get(g), histograms.get(g)));
                        } else {
                            done.put(g, medians.byIndex(one, results.get(g), histograms.get(g)));
                        }
                    }
                    return Future.all(List.copyOf(done.values())).map(x -> {
                        Map<KpiQuery.GroupBy, Map<String, Kpis>> out = new EnumMap<>(KpiQuery.GroupBy.class);
                        done.forEach((g, f) -> out.put(g, f.result()));
                        return out;
                    });
                });
    }
}
