package io.kefutrainer.store;

import io.kefutrainer.progress.KpiQuery;
import io.kefutrainer.progress.Kpis;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The typing speed KPI: a median, which no sum of a roll-up can give. Each group's histogram of typed speeds (5 字/分
 * buckets, summed by the KPI query) locates the bucket(s) holding the middle ranks; only the kpi_typed rows of those
 * buckets are read, and the median is computed from the two middle values as PostgreSQL's percentile_cont does.
 */
final class TypingMedians {

    /** Histogram buckets: typed speed 0–4.99 字/分 is bucket 0 ... 150 and over is bucket 30 (as in V6). */
    static final int BUCKETS = 31;
    static final double BUCKET_WIDTH = 5;

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

    /**
     * Per grouping the day roll-up serves (KpiDays): the kpi_typed rows of that group ($1 trainees, $2/$3 the period) in the
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

    /** Fills each group's typing median over whole shop days (the day roll-up's groups), by an ordered index walk. */
    Future<Map<String, Kpis>> byIndex(KpiQuery q, Map<String, Kpis> result, Map<String, long[]> histograms) {
        Map<String, Long> typed = new java.util.HashMap<>();
        Map<String, MiddleBuckets> located = locate(histograms, typed);
        List<String> groups = List.copyOf(located.keySet());
        List<Integer> lo = located.values().stream().map(MiddleBuckets::lo).toList();
        List<Integer> hi = located.values().stream().map(MiddleBuckets::hi).toList();
        List<Long> skip = located.values().stream().map(m -> m.rankLo() - m.below() - 1).toList();
        List<Integer> take = located.values().stream().map(m -> (int) (m.rankHi() - m.rankLo() + 1)).toList();
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

    private final Pool pool;

    /**
     * Locates each group's middle ranks in its histogram (both median walks start here); `typed` receives every
     * group's count of typed replies, the result only the groups that have some, in the histograms' order.
     */
    private static Map<String, MiddleBuckets> locate(Map<String, long[]> histograms, Map<String, Long> typed) {
        Map<String, MiddleBuckets> located = new LinkedHashMap<>();
        histograms.forEach((grp, hist) -> {
            MiddleBuckets m = MiddleBuckets.locate(hist);
            typed.put(grp, m.typed());
            if (m.typed() > 0) {
                located.put(grp, m);
            }
        });
        return located;
    }

    TypingMedians(Pool pool) {
        this.pool = pool;
    }

    /** Rank positions of percentile_cont(0.5) over n sorted values (1-based), as PostgreSQL computes it. */
    static long[] middleRanks(long n) {
        double position = 0.5 * (n - 1);
        return new long[]{(long) Math.floor(position) + 1, (long) Math.ceil(position) + 1};
    }

    /**
     * Fills each group's typing median: the middle ranks located in the histogram, then read from kpi_typed.
     * params: the KPI query's $1–$8 (KpiStore), whose filter the rows read here must match.
     */
    Future<Map<String, Kpis>> bySession(KpiSql.Key key, Object[] params, Map<String, Kpis> result, Map<String, long[]> histograms) {
        Map<String, Long> typed = new LinkedHashMap<>();
        Map<String, MiddleBuckets> located = locate(histograms, typed);
        List<String> groups = List.copyOf(located.keySet());
        List<Integer> lo = located.values().stream().map(MiddleBuckets::lo).toList();
        List<Integer> hi = located.values().stream().map(MiddleBuckets::hi).toList();
        List<Long> below = located.values().stream().map(MiddleBuckets::below).toList();
        List<Long> rankLo = located.values().stream().map(MiddleBuckets::rankLo).toList();
        List<Long> rankHi = located.values().stream().map(MiddleBuckets::rankHi).toList();
        boolean byHash = key.text() != null;
        Future<Map<String, double[]>> values = groups.isEmpty() ? Future.succeededFuture(Map.of())
                : pool.preparedQuery(byHash ? MEDIAN_BY_HASH_SQL.formatted(key.text(), KpiSql.FILTER) + MEDIAN_PICK
                        : MEDIAN_SQL.formatted(key.join(), KpiSql.FILTER) + MEDIAN_PICK)
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
}
