package io.kefutrainer.store;

import io.kefutrainer.progress.KpiQuery;
import io.kefutrainer.progress.KpiSource;
import io.kefutrainer.progress.Kpis;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * KPIs over the kpi_sessions / kpi_rounds / kpi_replies views (V5__progress.sql) and their roll-ups. Every ratio is
 * computed here in SQL from stored rows and returned with the counts it was computed from: from the day roll-up
 * (KpiDays) when a query covers whole shop days, else from the session roll-up, or from the events themselves
 * (live, which tests compare the roll-ups with).
 */
public final class KpiStore implements KpiSource {

    /** Up to this many trainees, day and cohort medians read each trainee's rows instead of a cohort index walk. */
    public static final int FEW_TRAINEES = 10;

    /**
     * All sessions of the period from the roll-up. Typing speed (a median, which no sum can give) is found in two
     * steps: here each group's histogram of typed speeds in 5 字/分 buckets (kpi_sessions.typed_hist, summed), then
     * TypingMedians reads only the replies of the bucket(s) holding the middle ranks.
     */
    private static final String PERIOD_ROWS = """
            w AS NOT MATERIALIZED (
                SELECT %1$s AS grp, k.* FROM kpi_sessions k
                WHERE %2$s AND $6::int IS NULL
            ), typed AS (
                SELECT w.grp, NULL::float8 AS c FROM w WHERE false
            )""";

    private static final String HIST_SUMS;

    static {
        StringBuilder sums = new StringBuilder(", ARRAY[");
        for (int i = 1; i <= TypingMedians.BUCKETS; i++) {
            sums.append(i > 1 ? ", " : "").append("sum(w.typed_hist[").append(i).append("])");
        }
        HIST_SUMS = sums.append("] AS typed_hist").toString();
    }

    /** Each trainee's $6 most recent sessions (readiness window): a few index rows per trainee. */
    private static final String WINDOW_ROWS = """
            w AS (
                SELECT %1$s AS grp, k.*
                FROM unnest($1::bigint[]) u(id)
                CROSS JOIN LATERAL (
                    SELECT * FROM kpi_sessions k
                    WHERE k.user_id = u.id AND %2$s
                    ORDER BY k.started_at DESC, k.session_id
                    LIMIT $6::int) k
            ), typed AS (
                SELECT w.grp, c FROM w, unnest(w.typed_cpm) c
            )""";

    /** The KPIs of each group, from the rows above ($7 pre-sales and $8 after-sales categories). */
    private static final String KPI_SQL = """
            WITH %s, t AS (
                SELECT grp, percentile_cont(0.5) WITHIN GROUP (ORDER BY c) AS typing_cpm, count(*) AS typed
                FROM typed GROUP BY grp
            ), a AS (
                SELECT w.grp,
                       """ + KpiSql.aggregates("$7", "$8") + """
                       %s
                FROM w GROUP BY w.grp
            )
            SELECT %s AS grp_key, a.*, t.typing_cpm, coalesce(t.typed, 0) AS typed
            FROM a LEFT JOIN t ON t.grp = a.grp
            ORDER BY a.grp""";

    /**
     * The same KPIs computed from the events through the V5 view (kpi_sessions_live), as before the roll-up:
     * kept so tests can check that the roll-up gives exactly the same figures.
     */
    private static final String LIVE_SQL = """
            f AS (
                SELECT k.*, %s AS grp,
                       row_number() OVER (PARTITION BY k.user_id ORDER BY k.started_at DESC, k.session_id) AS recent
                FROM kpi_sessions_live k
                WHERE %s
            ), w AS (
                SELECT * FROM f WHERE $6::int IS NULL OR f.recent <= $6::int
            ), typed AS (
                SELECT w.grp, c FROM w, unnest(w.typed_cpm) c
            )""";

    private final Pool pool;
    private final boolean live;
    private final TypingMedians medians;
    private final KpiDays days;

    public KpiStore(Pool pool) {
        this(pool, false);
    }

    /** @param live compute from the events through the live view instead of the roll-up (tests compare the two) */
    public KpiStore(Pool pool, boolean live) {
        this.pool = pool;
        this.live = live;
        this.medians = new TypingMedians(pool);
        this.days = new KpiDays(pool, medians);
    }

    /** Applies the queued KPI roll-up changes (V16); the server calls it every second, every KPI read before reading. */
    public Future<Integer> flushKpis() {
        return KpiQueue.flush(pool);
    }

    @Override
    public Future<Map<String, Kpis>> kpis(KpiQuery q) {
        return flushKpis().compose(x -> kpisFlushed(q));
    }

    private Future<Map<String, Kpis>> kpisFlushed(KpiQuery q) {
        if (q.userIds().isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        if (daysServe(q, List.of(q.groupBy()))) {
            return days.kpis(q, EnumSet.of(q.groupBy())).map(m -> m.get(q.groupBy()));
        }
        KpiSql.Key key = KpiSql.GROUP_KEY.get(q.groupBy());
        boolean histogram = !live && q.lastN() == null;
        String source = live ? LIVE_SQL.formatted(key.expr(), KpiSql.FILTER)
                : (histogram ? PERIOD_ROWS : WINDOW_ROWS).formatted(key.expr(), KpiSql.FILTER);
        String sql = KPI_SQL.formatted(source, histogram ? HIST_SUMS : "", key.name());
        Object[] params = {q.userIds().toArray(new Long[0]), q.from(), q.to(), q.category(),
                q.scenarioId(), q.lastN(), q.preSales().toArray(new String[0]), q.afterSales().toArray(new String[0])};
        return pool.preparedQuery(sql).execute(Tuple.from(params)).compose(rows -> {
            Map<String, Kpis> result = new LinkedHashMap<>();
            Map<String, long[]> histograms = new LinkedHashMap<>();
            rows.forEach(r -> {
                result.put(r.getString("grp_key"), KpiRows.toKpis(r));
                if (histogram) {
                    histograms.put(r.getString("grp_key"), KpiRows.histogram(r, "typed_hist"));
                }
            });
            return histogram ? medians.bySession(key, params, result, histograms) : Future.succeededFuture(result);
        });
    }

    /**
     * KPIs of the same sessions in several groupings (a cohort report: per trainee, in all, per day): from one scan
     * of the day roll-up when it serves them all, else one query per grouping. q.groupBy() is ignored.
     */
    @Override
    public Future<Map<KpiQuery.GroupBy, Map<String, Kpis>>> kpis(KpiQuery q, Set<KpiQuery.GroupBy> groupings) {
        return flushKpis().compose(x -> kpisFlushed(q, groupings));
    }

    private Future<Map<KpiQuery.GroupBy, Map<String, Kpis>>> kpisFlushed(KpiQuery q, Set<KpiQuery.GroupBy> groupings) {
        if (!q.userIds().isEmpty() && daysServe(q, groupings)) {
            return days.kpis(q, EnumSet.copyOf(groupings));
        }
        Map<KpiQuery.GroupBy, Future<Map<String, Kpis>>> each = new EnumMap<>(KpiQuery.GroupBy.class);
        for (KpiQuery.GroupBy g : groupings) {
            each.put(g, kpisFlushed(new KpiQuery(q.userIds(), q.from(), q.to(), q.category(), q.scenarioId(), q.lastN(), g,
                    q.preSales(), q.afterSales())));
        }
        return Future.all(List.copyOf(each.values())).map(x -> {
            Map<KpiQuery.GroupBy, Map<String, Kpis>> out = new EnumMap<>(KpiQuery.GroupBy.class);
            each.forEach((g, f) -> out.put(g, f.result()));
            return out;
        });
    }

    /** Whether the day roll-up gives these groupings (never in live mode, which reads the events). */
    private boolean daysServe(KpiQuery q, java.util.Collection<KpiQuery.GroupBy> groupings) {
        return !live && KpiDays.serve(q, groupings);
    }
}
