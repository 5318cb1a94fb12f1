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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * KPIs over the kpi_sessions / kpi_rounds / kpi_replies views (V5__progress.sql). Every ratio is computed
 * here in SQL from stored rows and returned with the counts it was computed from.
 */
public final class ProgressStore {

    /** Days are the shop's days (China), whatever the server's zone. */
    private static final String SHOP_ZONE = io.kefutrainer.progress.Period.SHOP_ZONE.getId();

    private static final Map<KpiQuery.GroupBy, String> GROUP_KEY = new EnumMap<>(Map.of(
            KpiQuery.GroupBy.trainee, "k.user_id::text",
            KpiQuery.GroupBy.category, "k.category",
            KpiQuery.GroupBy.scenario, "k.scenario_id",
            KpiQuery.GroupBy.day, "to_char(k.started_at AT TIME ZONE '" + SHOP_ZONE + "', 'YYYY-MM-DD')",
            KpiQuery.GroupBy.all, "'all'"));

    private static final String KPI_SQL = """
            WITH f AS (
                SELECT k.*, %s AS grp,
                       row_number() OVER (PARTITION BY k.user_id ORDER BY k.started_at DESC, k.session_id) AS recent
                FROM kpi_sessions k
                WHERE k.user_id = ANY($1)
                  AND ($2::timestamptz IS NULL OR k.started_at >= $2::timestamptz)
                  AND ($3::timestamptz IS NULL OR k.started_at < $3::timestamptz)
                  AND ($4::text IS NULL OR k.category = $4::text)
                  AND ($5::text IS NULL OR k.scenario_id = $5::text)
            ), w AS (
                SELECT * FROM f WHERE $6::int IS NULL OR f.recent <= $6::int
            ), t AS (
                SELECT w.grp, percentile_cont(0.5) WITHIN GROUP (ORDER BY c) AS typing_cpm, count(*) AS typed
                FROM w, unnest(w.typed_cpm) c GROUP BY w.grp
            )
            SELECT w.grp,
                   count(*)                                                         AS sessions,
                   avg(w.first_response_s)                                          AS first_response_s,
                   count(w.first_response_s)                                        AS first_responses,
                   sum(w.response_s_sum) / nullif(sum(w.answered), 0)               AS avg_response_s,
                   100.0 * sum(w.in_3m) / nullif(sum(w.rounds), 0)                  AS reply_rate_3m,
                   min(t.typing_cpm)                                                AS typing_cpm,
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
                   sum(w.buyer_messages) AS buyer_messages, coalesce(min(t.typed), 0) AS typed,
                   count(*) FILTER (WHERE w.category = ANY($7) OR w.outcome = 'converted') AS pre_sales,
                   count(*) FILTER (WHERE w.outcome = 'converted')                       AS converted,
                   count(*) FILTER (WHERE w.category = ANY($8) OR w.outcome = 'resolved')  AS after_sales,
                   count(*) FILTER (WHERE w.outcome = 'resolved')                        AS resolved,
                   count(w.satisfaction) AS rated,
                   sum(w.violations) AS violations, sum(w.forbidden) AS forbidden
            FROM w LEFT JOIN t ON t.grp = w.grp
            GROUP BY w.grp
            ORDER BY w.grp""";

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

    public ProgressStore(Pool pool) {
        this.pool = pool;
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

    public Future<Map<String, Kpis>> kpis(KpiQuery q) {
        if (q.userIds().isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        String sql = KPI_SQL.formatted(GROUP_KEY.get(q.groupBy()));
        return pool.preparedQuery(sql)
                .execute(Tuple.from(new Object[]{q.userIds().toArray(new Long[0]), q.from(), q.to(), q.category(),
                        q.scenarioId(), q.lastN(), q.preSales().toArray(new String[0]), q.afterSales().toArray(new String[0])}))
                .map(rows -> {
                    Map<String, Kpis> result = new LinkedHashMap<>();
                    rows.forEach(r -> result.put(r.getString("grp"), toKpis(r)));
                    return result;
                });
    }

    /** A trainee's ended sessions with their KPI facts, newest first. */
    public Future<List<SessionFacts>> sessions(long userId, OffsetDateTime from, OffsetDateTime to, int limit) {
        return pool.preparedQuery(SESSION_SQL).execute(Tuple.of(userId, from, to, limit)).map(rows -> {
            List<SessionFacts> list = new ArrayList<>();
            rows.forEach(r -> list.add(toFacts(r)));
            return list;
        });
    }

    /** The KPI facts of one ended session, if it ended. */
    public Future<java.util.Optional<SessionFacts>> session(UUID id) {
        return pool.preparedQuery("SELECT * FROM kpi_sessions WHERE session_id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? java.util.Optional.empty() : java.util.Optional.of(toFacts(rows.iterator().next())));
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
