package io.kefutrainer.store;

import io.kefutrainer.practice.SessionRow;
import io.kefutrainer.practice.ShiftBook;
import io.kefutrainer.practice.ShiftPlan;
import io.kefutrainer.practice.ShiftRow;
import io.kefutrainer.practice.ShiftSession;
import io.kefutrainer.progress.Kpis;
import io.kefutrainer.progress.SessionFacts;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Shifts (班次模拟, V7__shifts.sql) and their report. The report reads the same KPI views as the progress
 * pages (V5__progress.sql), restricted to the shift's sessions.
 */
public final class ShiftStore implements ShiftBook {

    private static final String COLUMNS = "id, user_id, seed, minutes, mode, level, started_at, ends_at, ended_at, plan, surge";

    private static final String SESSIONS_SQL = """
            SELECT s.id, s.shift_arrival, s.scenario_id, s.scenario_title, s.category, s.difficulty, s.started_at,
                   s.ended_at, s.outcome, l.sender AS last_from, l.text AS last_text, l.at AS last_at, w.waiting_since
            FROM practice_sessions s
            LEFT JOIN LATERAL (
                SELECT e.sender, e.text, e.at FROM session_events e
                WHERE e.session_id = s.id AND e.sender <> 'system' AND e.at <= now()
                ORDER BY e.seq DESC LIMIT 1) l ON true
            LEFT JOIN LATERAL (
                SELECT min(e.at) AS waiting_since FROM session_events e
                WHERE e.session_id = s.id AND e.sender = 'buyer' AND e.kind IN ('line', 'retry', 'nudge') AND e.at <= now()
                  AND e.seq > coalesce((SELECT max(t.seq) FROM session_events t
                                        WHERE t.session_id = s.id AND t.sender = 'trainee'), 0)) w ON true
            WHERE s.shift_id = $1
            ORDER BY s.shift_arrival""";

    /** The shop KPIs over one shift's sessions (KpiSql's definitions, as the progress pages), with the shift's own counts. */
    private static final String KPI_SQL = """
            WITH w AS (
                SELECT k.* FROM kpi_sessions k JOIN practice_sessions s ON s.id = k.session_id WHERE s.shift_id = $1
            )
            SELECT (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY c) FROM w, unnest(w.typed_cpm) c) AS typing_cpm,
                   (SELECT count(*) FROM w, unnest(w.typed_cpm) c)                  AS typed,
                   count(*) FILTER (WHERE w.outcome = 'escalated')                       AS escalated,
                   count(*) FILTER (WHERE w.outcome = 'lost')                            AS lost,
                   count(*) FILTER (WHERE w.outcome IS NULL)                             AS unfinished,
                   count(*) FILTER (WHERE w.replies = 0)                                 AS unanswered,
                   avg(w.total) AS avg_total,
                   count(*) FILTER (WHERE w.passed) AS sessions_passed,
                   """ + KpiSql.aggregates("$2", "$3") + """

            FROM w""";

    /**
     * The shift-level figures: the KPIs and what they are counted from, plus outcomes and session grades.
     *
     * @param unanswered buyers the trainee never replied to: they have no politeness, rules or total (so avgTotal and
     *                   礼貌分 are over the answered buyers only) and count here and in the reply rate instead
     */
    public record Figures(Kpis kpis, long escalated, long lost, long unfinished, long unanswered, Double avgTotal,
                          long sessionsPassed) {
    }

    private final Pool pool;

    public ShiftStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Stores a new shift; false when the trainee already has one running (a unique index, so two simultaneous
     * starts from two tabs or instances cannot both win).
     */
    public Future<Boolean> create(ShiftRow s) {
        return pool.preparedQuery("INSERT INTO shifts (" + COLUMNS + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                        + " ON CONFLICT (user_id) WHERE ended_at IS NULL DO NOTHING")
                .execute(Tuple.from(new Object[]{s.id(), s.userId(), s.seed(), s.minutes(), s.mode().name(), s.level(),
                        s.startedAt(), s.endsAt(), s.endedAt(), planJson(s.plan()), s.surge()}))
                .map(rows -> rows.rowCount() == 1);
    }

    public Future<Optional<ShiftRow>> shift(UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM shifts WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toShift(rows.iterator().next())));
    }

    /** The user's shifts, newest first. */
    public Future<List<ShiftRow>> forUser(long userId, int limit) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM shifts WHERE user_id = $1 ORDER BY started_at DESC LIMIT $2")
                .execute(Tuple.of(userId, limit)).map(ShiftStore::toShifts);
    }

    /** Shifts not closed yet (the ticker's work list). */
    public Future<List<ShiftRow>> running() {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM shifts WHERE ended_at IS NULL ORDER BY ends_at LIMIT 500")
                .execute().map(ShiftStore::toShifts);
    }

    /** Marks the shift closed; false when it already was (another instance, or handed over twice). */
    public Future<Boolean> close(UUID id, OffsetDateTime at) {
        return pool.preparedQuery("UPDATE shifts SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL")
                .execute(Tuple.of(id, at)).map(rows -> rows.rowCount() > 0);
    }

    public Future<List<ShiftSession>> sessions(UUID shiftId) {
        return pool.preparedQuery(SESSIONS_SQL).execute(Tuple.of(shiftId)).map(rows -> {
            List<ShiftSession> list = new ArrayList<>();
            for (Row r : rows) {
                list.add(new ShiftSession(r.getUUID("id"), r.getInteger("shift_arrival"), r.getString("scenario_id"),
                        r.getString("scenario_title"), r.getString("category"), r.getInteger("difficulty"),
                        r.get(OffsetDateTime.class, "started_at"), r.get(OffsetDateTime.class, "ended_at"),
                        r.getString("outcome"), r.getString("last_from"), r.getString("last_text"),
                        r.get(OffsetDateTime.class, "last_at"), r.get(OffsetDateTime.class, "waiting_since")));
            }
            return list;
        });
    }

    /** The hardest scenario difficulty the user has passed, or null (for ShiftPlan.level). */
    public Future<Integer> hardestPassed(long userId) {
        return pool.preparedQuery("SELECT max(difficulty) FROM practice_sessions WHERE user_id = $1 AND ended_at IS NOT NULL"
                        + " AND (scorecard ->> 'passed')::boolean")
                .execute(Tuple.of(userId)).map(rows -> rows.iterator().next().getInteger(0));
    }

    public Future<Figures> figures(UUID shiftId, List<String> preSales, List<String> afterSales) {
        return KpiQueue.flush(pool).compose(x -> pool.preparedQuery(KPI_SQL)
                .execute(Tuple.of(shiftId, preSales.toArray(new String[0]), afterSales.toArray(new String[0])))
                .map(rows -> {
                    Row r = rows.iterator().next();
                    Object total = r.getValue("avg_total");
                    return new Figures(KpiRows.toKpis(r), r.getLong("escalated"), r.getLong("lost"),
                            r.getLong("unfinished"), r.getLong("unanswered"), total == null ? null : ((Number) total).doubleValue(),
                            r.getLong("sessions_passed"));
                }));
    }

    /** The KPI facts of each ended session of the shift, in arrival order. */
    public Future<List<SessionFacts>> facts(UUID shiftId) {
        return KpiQueue.flush(pool).compose(x -> pool.preparedQuery("SELECT k.* FROM kpi_sessions k JOIN practice_sessions s ON s.id = k.session_id"
                        + " WHERE s.shift_id = $1 ORDER BY s.shift_arrival")
                .execute(Tuple.of(shiftId)).map(rows -> {
                    List<SessionFacts> list = new ArrayList<>();
                    rows.forEach(r -> list.add(KpiRows.toFacts(r)));
                    return list;
                }));
    }

    private static JsonArray planJson(ShiftPlan plan) {
        JsonArray array = new JsonArray();
        // seeds are 63-bit: kept as text so no JSON reader rounds them
        plan.arrivals().forEach(a -> array.add(new JsonObject().put("no", a.no()).put("atMs", a.atMs())
                .put("scenario", a.scenarioId()).put("seed", Long.toString(a.seed()))));
        return array;
    }

    private static ShiftPlan plan(Object value) {
        JsonArray array = value instanceof JsonArray a ? a : new JsonArray(String.valueOf(value));
        List<ShiftPlan.Arrival> arrivals = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            JsonObject o = array.getJsonObject(i);
            arrivals.add(new ShiftPlan.Arrival(o.getInteger("no"), o.getLong("atMs"), o.getString("scenario"),
                    Long.parseLong(o.getString("seed"))));
        }
        return new ShiftPlan(arrivals);
    }

    private static List<ShiftRow> toShifts(io.vertx.sqlclient.RowSet<Row> rows) {
        List<ShiftRow> list = new ArrayList<>();
        rows.forEach(r -> list.add(toShift(r)));
        return list;
    }

    private static ShiftRow toShift(Row r) {
        return new ShiftRow(r.getUUID("id"), r.getLong("user_id"), r.getLong("seed"), r.getInteger("minutes"),
                SessionRow.Mode.valueOf(r.getString("mode")), r.getInteger("level"),
                r.get(OffsetDateTime.class, "started_at"), r.get(OffsetDateTime.class, "ends_at"),
                r.get(OffsetDateTime.class, "ended_at"), plan(r.getValue("plan")), r.getBoolean("surge"));
    }
}
