package io.kefutrainer.store;

import io.kefutrainer.progress.ExamFacts;
import io.kefutrainer.progress.SessionFacts;
import io.kefutrainer.progress.TraineeHistory;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A trainee's history as the progress pages show it: ended sessions with their KPI facts, rules broken, exams sat. */
public final class TraineeHistoryStore implements TraineeHistory {

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

    public TraineeHistoryStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<Map<Long, ExamFacts>> examResults(List<Long> userIds, String examId) {
        return pool.preparedQuery("""
                        SELECT user_id, coalesce(bool_or(passed) FILTER (WHERE exam_id = $2), false), avg(percent)
                        FROM exam_attempts
                        WHERE user_id = ANY($1) AND submitted_at IS NOT NULL
                        GROUP BY user_id""")
                .execute(Tuple.of(userIds.toArray(new Long[0]), examId == null ? "" : examId))
                .map(rows -> {
                    Map<Long, ExamFacts> map = new java.util.HashMap<>();
                    rows.forEach(r -> map.put(r.getLong(0), new ExamFacts(r.getBoolean(1), r.getDouble(2))));
                    return map;
                });
    }

    /** Platform rules the trainee's replies broke in their last `sessions` ended sessions: rule id -> times. */
    @Override
    public Future<Map<String, Long>> violatedRules(long userId, int sessions) {
        return KpiQueue.flush(pool).compose(x -> pool.preparedQuery("""
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
    @Override
    public Future<List<SessionFacts>> sessions(long userId, OffsetDateTime from, OffsetDateTime to, int limit) {
        return KpiQueue.flush(pool).compose(x -> pool.preparedQuery(SESSION_SQL).execute(Tuple.of(userId, from, to, limit)).map(rows -> {
            List<SessionFacts> list = new ArrayList<>();
            rows.forEach(r -> list.add(KpiRows.toFacts(r)));
            return list;
        }));
    }

    /** The KPI facts of one ended session, if it ended. */
    @Override
    public Future<java.util.Optional<SessionFacts>> session(UUID id) {
        return KpiQueue.flush(pool).compose(x -> pool.preparedQuery("SELECT * FROM kpi_sessions WHERE session_id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? java.util.Optional.<SessionFacts>empty() : java.util.Optional.of(KpiRows.toFacts(rows.iterator().next()))));
    }
}
