package io.kefutrainer.store;

import io.kefutrainer.progress.KpiQuery;
import io.kefutrainer.progress.Kpis;
import io.kefutrainer.progress.SessionFacts;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * KPIs over the kpi_sessions / kpi_rounds / kpi_replies views (V5__progress.sql). Every ratio is computed
 * here in SQL from stored rows and returned with the counts it was computed from.
 */
public final class ProgressStore {

    /** Days are the shop's days (China), whatever the server's zone. */
    private static final String SHOP_ZONE = io.kefutrainer.progress.Period.SHOP_ZONE.getId();

    /** Group key per grouping: the expression over a kpi_sessions / kpi_typed row, and how the result names it. */
    private record Key(String expr, String name, String join, String text) {
    }

    private static final Map<KpiQuery.GroupBy, Key> GROUP_KEY = new EnumMap<>(Map.of(
            KpiQuery.GroupBy.trainee, new Key("k.user_id", "a.grp::text", "k.user_id = want.grp::bigint", null),
            KpiQuery.GroupBy.category, new Key("k.category", "a.grp", "k.category = want.grp", "k.category"),
            KpiQuery.GroupBy.scenario, new Key("k.scenario_id", "a.grp", "k.scenario_id = want.grp", "k.scenario_id"),
            KpiQuery.GroupBy.day, new Key("(k.started_at AT TIME ZONE '" + SHOP_ZONE + "')::date", "to_char(a.grp, 'YYYY-MM-DD')",
                    "(k.started_at AT TIME ZONE '" + SHOP_ZONE + "')::date = want.grp::date",
                    "to_char(k.started_at AT TIME ZONE '" + SHOP_ZONE + "', 'YYYY-MM-DD')"),
            KpiQuery.GroupBy.all, new Key("'all'::text", "a.grp", "want.grp = 'all'", "'all'")));

    /** Which sessions a query covers: $1 trainees, $2 from, $3 to, $4 category, $5 scenario. */
    private static final String FILTER = """
            k.user_id = ANY($1)
                  AND ($2::timestamptz IS NULL OR k.started_at >= $2::timestamptz)
                  AND ($3::timestamptz IS NULL OR k.started_at < $3::timestamptz)
                  AND ($4::text IS NULL OR k.category = $4::text)
                  AND ($5::text IS NULL OR k.scenario_id = $5::text)""";

    /**
     * All sessions of the period from the roll-up. Typing speed (a median, which no sum can give) is found in two
     * steps: here each group's histogram of typed speeds in 5 字/分 buckets (kpi_sessions.typed_hist, summed), then
     * {@link #MEDIAN_SQL} reads only the replies of the bucket(s) holding the middle ranks.
     */
    private static final String PERIOD_ROWS = """
            w AS NOT MATERIALIZED (
                SELECT %1$s AS grp, k.* FROM kpi_sessions k
                WHERE %2$s AND $6::int IS NULL
            ), typed AS (
                SELECT w.grp, NULL::float8 AS c FROM w WHERE false
            )""";

    /** Histogram buckets: typed speed 0–4.99 字/分 is bucket 0 ... 150 and over is bucket 30 (as in V6). */
    static final int BUCKETS = 31;
    static final double BUCKET_WIDTH = 5;

    private static final String HIST_SUMS;

    static {
        StringBuilder sums = new StringBuilder(", ARRAY[");
        for (int i = 1; i <= BUCKETS; i++) {
            sums.append(i > 1 ? ", " : "").append("sum(w.typed_hist[").append(i).append("])");
        }
        HIST_SUMS = sums.append("] AS typed_hist").toString();
    }

    /**
     * The typed speeds at the middle ranks of each group ($9 group keys as text, $10/$11 the buckets holding the
     * lower and upper middle rank, $12 how many speeds lie below the lower bucket, $13/$14 the two ranks): a
     * narrow index range of kpi_typed per group.
     */
    private static final String MEDIAN_SQL = """
            WITH want AS (
                SELECT * FROM unnest($9::text[], $10::int[], $11::int[], $12::bigint[], $13::bigint[], $14::bigint[])
                    AS x(grp, b_lo, b_hi, below, r_lo, r_hi)
            ), ranked AS (
                SELECT want.grp, want.r_lo, want.r_hi, k.cpm,
                       want.below + row_number() OVER (PARTITION BY want.grp ORDER BY k.cpm) AS rn
                FROM want JOIN kpi_typed k ON %1$s AND k.bucket BETWEEN want.b_lo AND want.b_hi
                WHERE %2$s AND $6::int IS NULL AND $7::text[] IS NOT NULL AND $8::text[] IS NOT NULL
            )
            """;

    /**
     * The same for groups that are not trainees (day, category, scenario, all): the replies of the buckets any
     * group needs ($15–$16) are read once by the (user, bucket) index and matched to their group by hash, instead
     * of one index pass per group.
     */
    private static final String MEDIAN_BY_HASH_SQL = """
            WITH want AS (
                SELECT * FROM unnest($9::text[], $10::int[], $11::int[], $12::bigint[], $13::bigint[], $14::bigint[])
                    AS x(grp, b_lo, b_hi, below, r_lo, r_hi)
            ), candidate AS MATERIALIZED (
                SELECT (%1$s)::text AS grp, k.bucket, k.cpm FROM kpi_typed k
                WHERE %2$s AND k.bucket BETWEEN $15::int AND $16::int
                  AND $6::int IS NULL AND $7::text[] IS NOT NULL AND $8::text[] IS NOT NULL
            ), ranked AS (
                SELECT want.grp, want.r_lo, want.r_hi, c.cpm,
                       want.below + row_number() OVER (PARTITION BY want.grp ORDER BY c.cpm) AS rn
                FROM candidate c JOIN want ON want.grp = c.grp AND c.bucket BETWEEN want.b_lo AND want.b_hi
            )
            """;

    private static final String MEDIAN_PICK = "SELECT grp, rn, cpm FROM ranked WHERE rn = r_lo OR rn = r_hi";

    /** The grouping set over kpi_days rows of each grouping the day roll-up serves. */
    private static final Map<KpiQuery.GroupBy, String> DAY_SET = new EnumMap<>(Map.of(
            KpiQuery.GroupBy.trainee, "(d.user_id)",
            KpiQuery.GroupBy.day, "(d.day)",
            KpiQuery.GroupBy.all, "()"));

    /**
     * The KPIs of each group from the per-trainee, per-shop-day roll-up (V9 kpi_days) over whole shop days ($1
     * trainees, $2 first day, $3 day after the last): the same sums and counts as {@link #KPI_SQL} adds up per
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
        for (int i = 0; i < BUCKETS; i++) {
            sums.append(i > 0 ? ", " : "").append("sum(d.h").append(i).append(")");
        }
        DAY_HIST_SUMS = sums.append("] AS typed_hist").toString();
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
                       count(*)                                                         AS sessions,
                       avg(w.first_response_s)                                          AS first_response_s,
                       count(w.first_response_s)                                        AS first_responses,
                       sum(w.response_s_sum) / nullif(sum(w.answered), 0)               AS avg_response_s,
                       100.0 * sum(w.in_3m) / nullif(sum(w.rounds), 0)                  AS reply_rate_3m,
                       1.0 * sum(w.replies) / nullif(sum(w.buyer_messages), 0)          AS answer_ratio,
                       100.0 * count(*) FILTER (WHERE w.outcome = 'converted')
                             / nullif(count(*) FILTER (WHERE w.category = ANY($7) OR w.outcome = 'converted'), 0) AS conversion_rate,
                       100.0 * count(*) FILTER (WHERE w.outcome = 'resolved')
                             / nullif(count(*) FILTER (WHERE w.category = ANY($8) OR w.outcome = 'resolved'), 0)  AS resolution_rate,
                       avg(w.satisfaction)                                              AS satisfaction,
                       100.0 * sum(w.violations) / nullif(sum(w.replies), 0)            AS violations_per_100,
                       100.0 * sum(w.forbidden) / nullif(sum(w.replies), 0)             AS forbidden_per_100,
                       avg(w.politeness)                                                AS politeness_score,
                       avg(w.rules)                                                     AS rules_score,
                       sum(w.rounds) AS rounds, sum(w.in_3m) AS in_3m, sum(w.answered) AS answered,
                       sum(w.response_s_sum) AS response_s_sum, sum(w.replies) AS replies,
                       sum(w.buyer_messages) AS buyer_messages,
                       count(*) FILTER (WHERE w.category = ANY($7) OR w.outcome = 'converted') AS pre_sales,
                       count(*) FILTER (WHERE w.outcome = 'converted')                       AS converted,
                       count(*) FILTER (WHERE w.category = ANY($8) OR w.outcome = 'resolved')  AS after_sales,
                       count(*) FILTER (WHERE w.outcome = 'resolved')                        AS resolved,
                       count(w.satisfaction) AS rated,
                       sum(w.violations) AS violations, sum(w.forbidden) AS forbidden
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

    private static final String SESSION_SQL = """
            SELECT session_id, user_id, scenario_id, scenario_title, category, mode, started_at, ended_at, outcome,
                   satisfaction, politeness, rules, total, passed, tier, rounds, answered, in_3m, response_s_sum,
                   first_response_s, buyer_messages, replies, violations, forbidden, typed_cpm
            FROM kpi_sessions k
            WHERE k.user_id = $1
              AND ($2::timestamptz IS NULL OR k.started_at >= $2::timestamptz)
              AND ($3::timestamptz IS NULL OR k.started_at < $3::timestamptz)
            ORDER BY k.started_at DESC, k.session_id
            LIMIT $4""";

    private final Pool pool;
    private final boolean live;

    public ProgressStore(Pool pool) {
        this(pool, false);
    }

    /** @param live compute from the events through the live view instead of the roll-up (tests compare the two) */
    public ProgressStore(Pool pool, boolean live) {
        this.pool = pool;
        this.live = live;
    }

    /** KPIs per group, keyed by the group (user id as text, category, scenario id, yyyy-MM-dd, or "all"). */
    /** Per trainee: whether the given exam was ever passed, and the mean percent of all submitted attempts. */
    public record ExamFacts(boolean passed, Double quizScore) {
    }

    public Future<Map<Long, ExamFacts>> examResults(List<Long> userIds, String examId) {
        return pool.preparedQuery("""
                        SELECT user_id, coalesce(bool_or(passed) FILTER (WHERE exam_id = $2), false), avg(percent)
                        FROM exam_attempts
                        WHERE user_id = ANY($1) AND submitted_at IS NOT NULL
                        GROUP BY user_id""")
                .execute(io.vertx.sqlclient.Tuple.of(userIds.toArray(new Long[0]), examId == null ? "" : examId))
                .map(rows -> {
                    Map<Long, ExamFacts> map = new java.util.HashMap<>();
                    rows.forEach(r -> map.put(r.getLong(0), new ExamFacts(r.getBoolean(1), r.getDouble(2))));
                    return map;
                });
    }

    /** Applies the queued KPI roll-up changes (V16); the server calls it every second, every KPI read before reading. */
    public Future<Integer> flushKpis() {
        return KpiQueue.flush(pool);
    }

    public Future<Map<String, Kpis>> kpis(KpiQuery q) {
        return flushKpis().compose(x -> kpisFlushed(q));
    }

    private Future<Map<String, Kpis>> kpisFlushed(KpiQuery q) {
        if (q.userIds().isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        if (daysServe(q, List.of(q.groupBy()))) {
            return byDays(q, EnumSet.of(q.groupBy())).map(m -> m.get(q.groupBy()));
        }
        Key key = GROUP_KEY.get(q.groupBy());
        boolean histogram = !live && q.lastN() == null;
        String source = live ? LIVE_SQL.formatted(key.expr(), FILTER)
                : (histogram ? PERIOD_ROWS : WINDOW_ROWS).formatted(key.expr(), FILTER);
        String sql = KPI_SQL.formatted(source, histogram ? HIST_SUMS : "", key.name());
        Object[] params = {q.userIds().toArray(new Long[0]), q.from(), q.to(), q.category(),
                q.scenarioId(), q.lastN(), q.preSales().toArray(new String[0]), q.afterSales().toArray(new String[0])};
        return pool.preparedQuery(sql).execute(Tuple.from(params)).compose(rows -> {
            Map<String, Kpis> result = new LinkedHashMap<>();
            Map<String, long[]> histograms = new LinkedHashMap<>();
            rows.forEach(r -> {
                result.put(r.getString("grp_key"), toKpis(r));
                if (histogram) {
                    histograms.put(r.getString("grp_key"), longs(r.getValue("typed_hist")));
                }
            });
            return histogram ? medians(key, params, result, histograms) : Future.succeededFuture(result);
        });
    }

    /**
     * KPIs of the same sessions in several groupings (a cohort report: per trainee, in all, per day): from one scan
     * of the day roll-up when it serves them all, else one query per grouping. q.groupBy() is ignored.
     */
    public Future<Map<KpiQuery.GroupBy, Map<String, Kpis>>> kpis(KpiQuery q, Set<KpiQuery.GroupBy> groupings) {
        return flushKpis().compose(x -> kpisFlushed(q, groupings));
    }

    private Future<Map<KpiQuery.GroupBy, Map<String, Kpis>>> kpisFlushed(KpiQuery q, Set<KpiQuery.GroupBy> groupings) {
        if (!q.userIds().isEmpty() && daysServe(q, groupings)) {
            return byDays(q, EnumSet.copyOf(groupings));
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

    /** Whether the day roll-up gives these groupings: whole shop days, no window, no category or scenario filter. */
    private boolean daysServe(KpiQuery q, java.util.Collection<KpiQuery.GroupBy> groupings) {
        return !live && q.lastN() == null && q.category() == null && q.scenarioId() == null
                && DAY_SET.keySet().containsAll(groupings) && !groupings.isEmpty() && shopDay(q.from()) && shopDay(q.to());
    }

    /** Whether a bound is the start of a shop day (or open), so whole kpi_days rows cover the period. */
    private static boolean shopDay(OffsetDateTime bound) {
        return bound == null || bound.atZoneSameInstant(io.kefutrainer.progress.Period.SHOP_ZONE).toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
    }

    private static java.time.LocalDate day(OffsetDateTime bound) {
        return bound == null ? null : bound.atZoneSameInstant(io.kefutrainer.progress.Period.SHOP_ZONE).toLocalDate();
    }

    /**
     * KPIs over whole shop days from the day roll-up (V9), then the typing median as for sessions: the summed
     * histogram locates the middle bucket, whose kpi_typed rows are read and ranked.
     */
    private Future<Map<KpiQuery.GroupBy, Map<String, Kpis>>> byDays(KpiQuery q, EnumSet<KpiQuery.GroupBy> groupings) {
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
                        results.get(g).put(r.getString("grp_key"), toKpis(r));
                        histograms.get(g).put(r.getString("grp_key"), longs(r.getValue("typed_hist")));
                    });
                    Map<KpiQuery.GroupBy, Future<Map<String, Kpis>>> done = new EnumMap<>(KpiQuery.GroupBy.class);
                    for (KpiQuery.GroupBy g : groupings) {
                        KpiQuery one = new KpiQuery(q.userIds(), q.from(), q.to(), null, null, null, g, q.preSales(), q.afterSales());
                        if (g != KpiQuery.GroupBy.trainee && q.userIds().size() <= FEW_TRAINEES) {
                            // a trainee's own report: their few typed rows are found by the (user, bucket) index
                            Object[] params = {q.userIds().toArray(new Long[0]), q.from(), q.to(), null, null, null,
                                    q.preSales().toArray(new String[0]), q.afterSales().toArray(new String[0])};
                            done.put(g, medians(GROUP_KEY.get(g), params, results.get(g), histograms.get(g)));
                        } else {
                            done.put(g, mediansByIndex(one, results.get(g), histograms.get(g)));
                        }
                    }
                    return Future.all(List.copyOf(done.values())).map(x -> {
                        Map<KpiQuery.GroupBy, Map<String, Kpis>> out = new EnumMap<>(KpiQuery.GroupBy.class);
                        done.forEach((g, f) -> out.put(g, f.result()));
                        return out;
                    });
                });
    }

    /**
     * Per group of {@link #DAY_SET}: the kpi_typed rows of that group ($1 trainees, $2/$3 the period) in the
     * bucket(s) holding the middle ranks, walked in (bucket, cpm) order — which is cpm order, buckets being
     * ranges of cpm — by an index, skipping the rows before the lower middle rank: no sort, no window.
     */
    private static final Map<KpiQuery.GroupBy, String> MEDIAN_GROUP = new EnumMap<>(Map.of(
            KpiQuery.GroupBy.trainee, """
                    k.user_id = want.grp::bigint AND ($2::timestamptz IS NULL OR k.started_at >= $2::timestamptz)
                      AND ($3::timestamptz IS NULL OR k.started_at < $3::timestamptz)""",
            // a day group is inside the period already. "user_id + 0": a cohort's rows of a bucket are walked by
            // the (day, bucket, cpm) or (bucket, cpm) index, never by the (user, bucket) one, whatever the plan's
            // estimate of how many users the array holds (a generic plan guesses few)
            KpiQuery.GroupBy.day, "kpi_day(k.started_at) = want.grp::date AND k.user_id + 0 = ANY($1)",
            KpiQuery.GroupBy.all, """
                    k.user_id + 0 = ANY($1) AND ($2::timestamptz IS NULL OR k.started_at >= $2::timestamptz)
                      AND ($3::timestamptz IS NULL OR k.started_at < $3::timestamptz)"""));

    /** Up to this many trainees, day and cohort medians read each trainee's rows instead of a cohort index walk. */
    public static final int FEW_TRAINEES = 10;

    private static final String MEDIAN_BY_INDEX_SQL = """
            SELECT want.grp, min(x.cpm) AS lo, max(x.cpm) AS hi, count(*) AS n
            FROM unnest($4::text[], $5::int[], $6::int[], $7::bigint[], $8::int[]) AS want(grp, b_lo, b_hi, skip, take)
            CROSS JOIN LATERAL (
                SELECT k.cpm FROM kpi_typed k
                WHERE %s AND k.bucket BETWEEN want.b_lo AND want.b_hi
                  AND $1::bigint[] IS NOT NULL AND ($2::timestamptz IS NULL OR true) AND ($3::timestamptz IS NULL OR true)
                ORDER BY k.bucket, k.cpm
                OFFSET want.skip LIMIT want.take) x
            GROUP BY want.grp""";

    private Future<Map<String, Kpis>> mediansByIndex(KpiQuery q, Map<String, Kpis> result, Map<String, long[]> histograms) {
        List<String> groups = new ArrayList<>();
        List<Integer> lo = new ArrayList<>();
        List<Integer> hi = new ArrayList<>();
        List<Long> skip = new ArrayList<>();
        List<Integer> take = new ArrayList<>();
        Map<String, Long> typed = new java.util.HashMap<>();
        histograms.forEach((grp, hist) -> {
            MiddleBuckets m = MiddleBuckets.locate(hist);
            typed.put(grp, m.typed());
            if (m.typed() == 0) {
                return;
            }
            groups.add(grp);
            lo.add(m.lo());
            hi.add(m.hi());
            skip.add(m.rankLo() - m.below() - 1);
            take.add((int) (m.rankHi() - m.rankLo() + 1));
        });
        Future<Map<String, double[]>> values = groups.isEmpty() ? Future.succeededFuture(Map.of())
                // a generic plan, guessing a few rows per group, would fetch them by bitmap and sort them: the ordered
                // index walk with OFFSET reads about half a bucket and sorts nothing. A custom plan sees the trainee
                // array as a constant, which PostgreSQL tests by hash (a parameter array is searched linearly per row).
                : pool.withTransaction(conn -> conn.query("SET LOCAL enable_bitmapscan = off; SET LOCAL plan_cache_mode = force_custom_plan").execute()
                        .compose(v -> conn.preparedQuery(MEDIAN_BY_INDEX_SQL.formatted(MEDIAN_GROUP.get(q.groupBy())))
                                .execute(Tuple.from(new Object[]{q.userIds().toArray(new Long[0]), q.from(), q.to(),
                                        groups.toArray(new String[0]), lo.toArray(new Integer[0]), hi.toArray(new Integer[0]),
                                        skip.toArray(new Long[0]), take.toArray(new Integer[0])}))))
                .map(rows -> {
                    Map<String, double[]> found = new java.util.HashMap<>();
                    rows.forEach(r -> {
                        int i = groups.indexOf(r.getString("grp"));
                        if (r.getLong("n") == take.get(i).longValue()) {
                            found.put(r.getString("grp"), new double[]{r.getDouble("lo"), r.getDouble("hi")});
                        }
                    });
                    return found;
                });
        return values.map(found -> withMedians(result, typed, found));
    }

    /** Rank positions of percentile_cont(0.5) over n sorted values (1-based), as PostgreSQL computes it. */
    static long[] middleRanks(long n) {
        double position = 0.5 * (n - 1);
        return new long[]{(long) Math.floor(position) + 1, (long) Math.ceil(position) + 1};
    }

    /** Fills each group's typing median: the middle ranks located in the histogram, then read from kpi_typed. */
    private Future<Map<String, Kpis>> medians(Key key, Object[] params, Map<String, Kpis> result, Map<String, long[]> histograms) {
        List<String> groups = new ArrayList<>();
        List<Integer> lo = new ArrayList<>();
        List<Integer> hi = new ArrayList<>();
        List<Long> below = new ArrayList<>();
        List<Long> rankLo = new ArrayList<>();
        List<Long> rankHi = new ArrayList<>();
        Map<String, Long> typed = new LinkedHashMap<>();
        histograms.forEach((grp, hist) -> {
            MiddleBuckets m = MiddleBuckets.locate(hist);
            typed.put(grp, m.typed());
            if (m.typed() == 0) {
                return;
            }
            groups.add(grp);
            lo.add(m.lo());
            hi.add(m.hi());
            below.add(m.below());
            rankLo.add(m.rankLo());
            rankHi.add(m.rankHi());
        });
        boolean byHash = key.text() != null;
        Future<Map<String, double[]>> values = groups.isEmpty() ? Future.succeededFuture(Map.of())
                : pool.preparedQuery(byHash ? MEDIAN_BY_HASH_SQL.formatted(key.text(), FILTER) + MEDIAN_PICK
                        : MEDIAN_SQL.formatted(key.join(), FILTER) + MEDIAN_PICK)
                .execute(Tuple.from(java.util.stream.Stream.concat(
                        java.util.Arrays.stream(params), java.util.stream.Stream.concat(java.util.stream.Stream.of(groups.toArray(new String[0]),
                                lo.toArray(new Integer[0]), hi.toArray(new Integer[0]), below.toArray(new Long[0]),
                                rankLo.toArray(new Long[0]), rankHi.toArray(new Long[0])), byHash
                                ? java.util.stream.Stream.of(lo.stream().min(Integer::compare).orElse(0),
                                        hi.stream().max(Integer::compare).orElse(0))
                                : java.util.stream.Stream.empty())).toArray()))
                .map(rows -> {
                    Map<String, double[]> found = new java.util.HashMap<>();
                    rows.forEach(r -> {
                        double[] pair = found.computeIfAbsent(r.getString("grp"), g -> new double[]{Double.NaN, Double.NaN});
                        int i = groups.indexOf(r.getString("grp"));
                        long rn = r.getLong("rn");
                        if (rn == rankLo.get(i)) {
                            pair[0] = r.getDouble("cpm");
                        }
                        if (rn == rankHi.get(i)) {
                            pair[1] = r.getDouble("cpm");
                        }
                    });
                    return found;
                });
        return values.map(found -> withMedians(result, typed, found));
    }

    /**
     * Where the middle ranks of one group's typed speeds fall in its 5 字/分 histogram: the buckets holding the two
     * ranks percentile_cont(0.5) interpolates between, and how many values lie below the first of them.
     */
    record MiddleBuckets(long typed, long rankLo, long rankHi, int lo, int hi, long below) {
        static MiddleBuckets locate(long[] hist) {
            long n = 0;
            for (long c : hist) {
                n += c;
            }
            if (n == 0) {
                return new MiddleBuckets(0, 0, 0, -1, -1, 0);
            }
            long[] ranks = middleRanks(n);
            long before = 0;
            int bucketLo = -1;
            int bucketHi = -1;
            long belowLo = 0;
            for (int b = 0; b < hist.length; b++) {
                if (bucketLo < 0 && before + hist[b] >= ranks[0]) {
                    bucketLo = b;
                    belowLo = before;
                }
                if (before + hist[b] >= ranks[1]) {
                    bucketHi = b;
                    break;
                }
                before += hist[b];
            }
            return new MiddleBuckets(n, ranks[0], ranks[1], bucketLo, bucketHi, belowLo);
        }
    }

    /** Each group's KPIs with its typing median: PostgreSQL's percentile_cont from the two middle values found. */
    private static Map<String, Kpis> withMedians(Map<String, Kpis> result, Map<String, Long> typed, Map<String, double[]> found) {
        Map<String, Kpis> out = new LinkedHashMap<>();
        result.forEach((grp, k) -> {
            long n = typed.getOrDefault(grp, 0L);
            Double median = null;
            if (n > 0) {
                double[] pair = found.get(grp);
                if (pair == null || Double.isNaN(pair[0]) || Double.isNaN(pair[1])) {
                    throw new IllegalStateException("typing median of " + grp + ": middle ranks not found in kpi_typed");
                }
                // lo + (hi - lo) * fraction
                median = pair[0] + (pair[1] - pair[0]) * (0.5 * (n - 1) - Math.floor(0.5 * (n - 1)));
            }
            out.put(grp, k.withTyping(median, n));
        });
        return out;
    }

    private static long[] longs(Object value) {
        long[] out = new long[BUCKETS];
        if (value instanceof Object[] array) {
            for (int i = 0; i < array.length && i < BUCKETS; i++) {
                out[i] = array[i] == null ? 0 : ((Number) array[i]).longValue();
            }
        }
        return out;
    }

    /** Platform rules the trainee's replies broke in their last `sessions` ended sessions: rule id -> times. */
    public Future<Map<String, Long>> violatedRules(long userId, int sessions) {
        return flushKpis().compose(x -> pool.preparedQuery("""
                        SELECT v ->> 'rule' AS rule, count(*) AS times
                        FROM (SELECT session_id FROM kpi_sessions WHERE user_id = $1 ORDER BY started_at DESC LIMIT $2) s
                        JOIN session_events e ON e.session_id = s.session_id AND e.sender = 'trainee'
                        CROSS JOIN LATERAL jsonb_array_elements(coalesce(e.annotations -> 'violations', '[]'::jsonb)) WITH ORDINALITY x (v, n)
                        WHERE v ->> 'rule' IS NOT NULL
                          -- a violation overruled on appeal (V12) was not one
                          AND NOT EXISTS (SELECT 1 FROM appeals a WHERE a.session_id = e.session_id AND a.reply_seq = e.seq
                                          AND a.status = 'accepted' AND a.target = 'v' || x.n)
                        GROUP BY 1 ORDER BY 2 DESC, 1""")
                .execute(Tuple.of(userId, sessions))
                .map(rows -> {
                    Map<String, Long> map = new LinkedHashMap<>();
                    rows.forEach(r -> map.put(r.getString("rule"), r.getLong("times")));
                    return map;
                }));
    }

    /** A trainee's ended sessions with their KPI facts, newest first. */
    public Future<List<SessionFacts>> sessions(long userId, OffsetDateTime from, OffsetDateTime to, int limit) {
        return flushKpis().compose(x -> pool.preparedQuery(SESSION_SQL).execute(Tuple.of(userId, from, to, limit)).map(rows -> {
            List<SessionFacts> list = new ArrayList<>();
            rows.forEach(r -> list.add(toFacts(r)));
            return list;
        }));
    }

    /** The KPI facts of one ended session, if it ended. */
    public Future<java.util.Optional<SessionFacts>> session(UUID id) {
        return flushKpis().compose(x -> pool.preparedQuery("SELECT * FROM kpi_sessions WHERE session_id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? java.util.Optional.<SessionFacts>empty() : java.util.Optional.of(toFacts(rows.iterator().next()))));
    }

    static Kpis toKpis(Row r) {
        Kpis.Counts counts = new Kpis.Counts(l(r, "rounds"), l(r, "in_3m"), l(r, "answered"), d(r, "response_s_sum"),
                l(r, "first_responses"), l(r, "replies"), l(r, "buyer_messages"), l(r, "typed"), l(r, "pre_sales"),
                l(r, "converted"), l(r, "after_sales"), l(r, "resolved"), l(r, "rated"), l(r, "violations"), l(r, "forbidden"));
        return new Kpis(l(r, "sessions"), d(r, "first_response_s"), d(r, "avg_response_s"), d(r, "reply_rate_3m"),
                d(r, "typing_cpm"), d(r, "answer_ratio"), d(r, "conversion_rate"), d(r, "resolution_rate"),
                d(r, "satisfaction"), d(r, "violations_per_100"), d(r, "forbidden_per_100"), d(r, "politeness_score"),
                d(r, "rules_score"), null, counts);
    }

    static SessionFacts toFacts(Row r) {
        List<Double> cpm = new ArrayList<>();
        Object arr = r.getValue("typed_cpm");
        if (arr instanceof Object[] values) {
            for (Object v : values) {
                cpm.add(((Number) v).doubleValue());
            }
        }
        return new SessionFacts(r.getUUID("session_id"), r.getLong("user_id"), r.getString("scenario_id"),
                r.getString("scenario_title"), r.getString("category"), r.getString("mode"),
                r.get(OffsetDateTime.class, "started_at"), r.get(OffsetDateTime.class, "ended_at"), r.getString("outcome"),
                r.getInteger("satisfaction"), d(r, "politeness"), d(r, "rules"), d(r, "total"), r.getBoolean("passed"),
                r.getString("tier"), l(r, "rounds"), l(r, "answered"), l(r, "in_3m"), d(r, "response_s_sum"),
                d(r, "first_response_s"), l(r, "buyer_messages"), l(r, "replies"), l(r, "violations"), l(r, "forbidden"), cpm);
    }

    private static long l(Row r, String column) {
        Object v = r.getValue(column);
        return v == null ? 0 : ((Number) v).longValue();
    }

    private static Double d(Row r, String column) {
        Object v = r.getValue(column);
        return v == null ? null : ((Number) v).doubleValue();
    }
}
