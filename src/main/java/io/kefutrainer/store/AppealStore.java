package io.kefutrainer.store;

import io.kefutrainer.problem.Problem;
import io.kefutrainer.appeals.AppealLog;
import io.kefutrainer.appeals.AppealRow;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Appeals (申诉) and their decisions; an accepted appeal re-grades its session in the decision's transaction. */
public final class AppealStore implements AppealLog {

    private static final String SELECT = """
            SELECT a.id, a.status, a.session_id, a.reply_seq, a.target, a.reason, a.user_id, u.display_name AS trainee_name,
                   a.created_at, a.finding::text AS finding, a.content_version, d.display_name AS decided_by_name,
                   a.decided_at, a.comment, e.text AS reply_text, s.scenario_title, s.mode, s.ended_at IS NOT NULL AS ended,
                   ARRAY(SELECT b.text FROM session_events b
                         WHERE b.session_id = a.session_id AND b.sender = 'buyer' AND b.seq < a.reply_seq
                           AND b.seq > coalesce((SELECT max(t.seq) FROM session_events t WHERE t.session_id = a.session_id
                                                 AND t.sender = 'trainee' AND t.seq < a.reply_seq), 0)
                         ORDER BY b.seq) AS buyer
            FROM appeals a
            JOIN users u ON u.id = a.user_id
            JOIN practice_sessions s ON s.id = a.session_id
            JOIN session_events e ON e.session_id = a.session_id AND e.seq = a.reply_seq
            LEFT JOIN users d ON d.id = a.decided_by
            """;

    private final Pool pool;

    public AppealStore(Pool pool) {
        this.pool = pool;
    }

    /** Files an appeal; a second appeal for the same target is a {@link Problem} of kind conflict. */
    @Override
    public Future<Long> insert(UUID sessionId, int replySeq, String target, long userId, String reason, String findingJson,
                               long contentVersion) {
        return pool.preparedQuery("""
                        INSERT INTO appeals (session_id, reply_seq, target, user_id, reason, finding, content_version)
                        VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7)
                        ON CONFLICT (session_id, reply_seq, target) DO NOTHING RETURNING id""")
                .execute(Tuple.from(new Object[]{sessionId, replySeq, target, userId, reason, findingJson, contentVersion}))
                .compose(rows -> rows.size() == 0
                        ? Future.failedFuture(Problem.conflict("this target of the reply has been appealed already"))
                        : Future.succeededFuture(rows.iterator().next().getLong(0)));
    }

    /**
     * @param traineeId only this trainee's appeals, or null
     * @param staffId   only appeals of trainees in the cohorts this trainer or manager belongs to, or null
     * @param status    open / accepted / rejected, or null for all
     * @param ruleOrEntry only appeals on this rule or lexicon entry, or null
     */
    @Override
    public Future<List<AppealRow>> list(Long traineeId, Long staffId, String status, String ruleOrEntry, int limit) {
        return pool.preparedQuery(SELECT + """
                        WHERE ($1::bigint IS NULL OR a.user_id = $1)
                          AND ($2::bigint IS NULL OR a.user_id IN (SELECT t.user_id FROM cohort_members t
                                                                   JOIN cohort_members m ON m.cohort_id = t.cohort_id
                                                                   WHERE m.user_id = $2))
                          AND ($3::text IS NULL OR a.status = $3)
                          AND ($4::text IS NULL OR a.finding ->> 'rule' = $4 OR a.finding ->> 'entry' = $4)
                        ORDER BY (a.status = 'open') DESC, a.created_at DESC, a.id DESC
                        LIMIT $5""")
                .execute(Tuple.of(traineeId, staffId, status, ruleOrEntry, limit))
                .map(AppealStore::rows);
    }

    @Override
    public Future<Optional<AppealRow>> byId(long id) {
        return pool.preparedQuery(SELECT + " WHERE a.id = $1").execute(Tuple.of(id))
                .map(rows -> rows(rows).stream().findFirst());
    }

    /** The appeals of one session (any status), for the scorecard and transcript views. */
    @Override
    public Future<List<AppealRow>> forSession(UUID sessionId) {
        return pool.preparedQuery(SELECT + " WHERE a.session_id = $1 ORDER BY a.reply_seq, a.id").execute(Tuple.of(sessionId))
                .map(AppealStore::rows);
    }

    /** Reply seq -> the targets overruled by accepted appeals. */
    @Override
    public Future<Map<Integer, Set<String>>> overruled(UUID sessionId) {
        return pool.preparedQuery("SELECT reply_seq, target FROM appeals WHERE session_id = $1 AND status = 'accepted'")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    Map<Integer, Set<String>> map = new HashMap<>();
                    rows.forEach(r -> map.computeIfAbsent(r.getInteger(0), k -> new HashSet<>()).add(r.getString(1)));
                    return map;
                });
    }

    /**
     * Decides an open appeal. Rejecting changes only its status. Accepting re-grades the session in the same
     * transaction: the appeal and the session rows are locked, the new grade is computed from the stored replies
     * with every accepted target (this one included) taken out, and stored on the session; the V6/V9 triggers
     * refresh the KPI roll-ups before the commit. The grade before and after stay on the appeal (audit).
     * A decided appeal, or accepting while the session still runs, is a {@link Problem} of kind conflict.
     */
    @Override
    public Future<Void> decide(long id, long deciderId, boolean accept, String comment, Regrade regrade) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                        SELECT a.status, a.session_id, s.ended_at IS NOT NULL AS ended, s.outcome, s.satisfaction
                        FROM appeals a JOIN practice_sessions s ON s.id = a.session_id
                        WHERE a.id = $1""" + " " + PracticeStore.SESSION_LOCK + " OF a, s")
                .execute(Tuple.of(id))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.failedFuture(Problem.conflict("no such appeal"));
                    }
                    Row r = rows.iterator().next();
                    if (!AppealRow.OPEN.equals(r.getString("status"))) {
                        return Future.failedFuture(Problem.conflict("this appeal has been decided already"));
                    }
                    if (!accept) {
                        return tx.preparedQuery("UPDATE appeals SET status = 'rejected', decided_by = $2, decided_at = now(),"
                                + " comment = $3 WHERE id = $1").execute(Tuple.of(id, deciderId, comment)).<Void>mapEmpty();
                    }
                    if (!r.getBoolean("ended")) {
                        return Future.failedFuture(Problem.conflict("the session is still running: accept the appeal after it has ended"));
                    }
                    UUID sessionId = r.getUUID("session_id");
                    String outcome = r.getString("outcome");
                    Integer satisfaction = r.getInteger("satisfaction");
                    return tx.preparedQuery("UPDATE appeals SET status = 'accepted', decided_by = $2, decided_at = now(), comment = $3"
                                    + " WHERE id = $1").execute(Tuple.of(id, deciderId, comment))
                            .compose(x -> replies(tx, sessionId))
                            .compose(replies -> overruled(tx, sessionId).compose(overruled -> {
                                String after = regrade.scorecard(outcome, satisfaction, replies, overruled);
                                return tx.preparedQuery("""
                                                WITH before AS (SELECT scorecard FROM practice_sessions WHERE id = $2)
                                                UPDATE appeals SET scorecard_before = (SELECT scorecard FROM before),
                                                                   scorecard_after = $3::text::jsonb
                                                WHERE id = $1""")
                                        .execute(Tuple.of(id, sessionId, after))
                                        // the session's UPDATE fires the KPI roll-up triggers, which see the accepted appeal
                                        .compose(y -> tx.preparedQuery("UPDATE practice_sessions SET scorecard = $2::text::jsonb WHERE id = $1")
                                                .execute(Tuple.of(sessionId, after)))
                                        .<Void>mapEmpty();
                            }));
                }));
    }

    private static Future<List<StoredReply>> replies(SqlConnection tx, UUID sessionId) {
        return tx.preparedQuery("SELECT seq, annotations::text FROM session_events WHERE session_id = $1 AND sender = 'trainee'"
                        + " AND annotations IS NOT NULL ORDER BY seq")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    List<StoredReply> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new StoredReply(r.getInteger(0), r.getString(1))));
                    return list;
                });
    }

    private static Future<Map<Integer, Set<String>>> overruled(SqlConnection tx, UUID sessionId) {
        return tx.preparedQuery("SELECT reply_seq, target FROM appeals WHERE session_id = $1 AND status = 'accepted'")
                .execute(Tuple.of(sessionId))
                .map(rows -> {
                    Map<Integer, Set<String>> map = new HashMap<>();
                    rows.forEach(r -> map.computeIfAbsent(r.getInteger(0), k -> new HashSet<>()).add(r.getString(1)));
                    return map;
                });
    }

    /** Decided appeals the trainee has not been shown in 我的进步 yet; showing them marks them seen. */
    @Override
    public Future<List<AppealRow>> takeUnseenDecisions(long traineeId) {
        return pool.preparedQuery(SELECT + " WHERE a.user_id = $1 AND a.status <> 'open' AND a.seen_at IS NULL ORDER BY a.decided_at DESC")
                .execute(Tuple.of(traineeId))
                .compose(rows -> {
                    List<AppealRow> list = rows(rows);
                    if (list.isEmpty()) {
                        return Future.succeededFuture(list);
                    }
                    Long[] ids = list.stream().map(AppealRow::id).toArray(Long[]::new);
                    return pool.preparedQuery("UPDATE appeals SET seen_at = now() WHERE id = ANY ($1)").execute(Tuple.of(ids))
                            .map(x -> list);
                });
    }

    @Override
    public Future<List<Count>> counts(List<Long> traineeIds) {
        return pool.preparedQuery("""
                        SELECT a.user_id, coalesce(a.finding ->> 'rule', a.finding ->> 'entry', a.finding ->> 'type', a.target) AS key,
                               a.status, count(*) AS n
                        FROM appeals a WHERE a.user_id = ANY ($1) GROUP BY 1, 2, 3""")
                .execute(Tuple.of(traineeIds.toArray(new Long[0])))
                .map(rows -> {
                    List<Count> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new Count(r.getLong(0), r.getString(1), r.getString(2), r.getLong(3))));
                    return list;
                });
    }

    /**
     * The calibration set's replies with what labels them: the accepted targets of their decided appeals and the
     * rule / lexicon entry each appeal was about, and a trainer's direct label when there is one.
     * @param staffId only replies of trainees in this trainer's cohorts, or null for all (admin)
     */
    @Override
    public Future<List<CalibrationRow>> calibrationRows(Long staffId) {
        return pool.preparedQuery("""
                        WITH items AS (SELECT session_id, reply_seq FROM appeals WHERE status <> 'open'
                                       UNION SELECT session_id, reply_seq FROM calibration_labels)
                        SELECT i.session_id, i.reply_seq, e.text, e.annotations::text AS annotations,
                               NOT EXISTS (SELECT 1 FROM session_events t WHERE t.session_id = i.session_id
                                           AND t.sender = 'trainee' AND t.seq < i.reply_seq) AS first,
                               ARRAY(SELECT b.text FROM session_events b
                                     WHERE b.session_id = i.session_id AND b.sender = 'buyer' AND b.seq < i.reply_seq
                                       AND b.seq > coalesce((SELECT max(t.seq) FROM session_events t WHERE t.session_id = i.session_id
                                                             AND t.sender = 'trainee' AND t.seq < i.reply_seq), 0)
                                     ORDER BY b.seq) AS buyer,
                               ARRAY(SELECT a.target FROM appeals a WHERE a.session_id = i.session_id AND a.reply_seq = i.reply_seq
                                     AND a.status = 'accepted') AS overruled,
                               ARRAY(SELECT coalesce(a.finding ->> 'rule', a.finding ->> 'entry', a.finding ->> 'type', a.target)
                                     FROM appeals a WHERE a.session_id = i.session_id AND a.reply_seq = i.reply_seq
                                     AND a.status <> 'open' ORDER BY a.id) AS keys,
                               l.verdict, l.violations
                        FROM items i
                        JOIN session_events e ON e.session_id = i.session_id AND e.seq = i.reply_seq AND e.annotations IS NOT NULL
                        JOIN practice_sessions s ON s.id = i.session_id
                        LEFT JOIN calibration_labels l ON l.session_id = i.session_id AND l.reply_seq = i.reply_seq
                        WHERE $1::bigint IS NULL OR s.user_id IN (SELECT t.user_id FROM cohort_members t
                                                                  JOIN cohort_members m ON m.cohort_id = t.cohort_id
                                                                  WHERE m.user_id = $1)
                        ORDER BY s.started_at, i.session_id, i.reply_seq""")
                .execute(Tuple.of(staffId))
                .map(rows -> {
                    List<CalibrationRow> list = new ArrayList<>();
                    for (Row r : rows) {
                        String[] violations = r.getArrayOfStrings("violations");
                        list.add(new CalibrationRow(r.getUUID("session_id"), r.getInteger("reply_seq"), r.getString("text"),
                                r.getString("annotations"), r.getBoolean("first"), Arrays.asList(r.getArrayOfStrings("buyer")),
                                new HashSet<>(Arrays.asList(r.getArrayOfStrings("overruled"))), Arrays.asList(r.getArrayOfStrings("keys")),
                                r.getString("verdict"), violations == null ? null : Arrays.asList(violations)));
                    }
                    return list;
                });
    }

    /** A trainer's own label for a reply (replaces an earlier one); the reply must be a trainee's scored reply. */
    @Override
    public Future<Void> label(UUID sessionId, int seq, String verdict, List<String> violations, long trainerId) {
        return pool.preparedQuery("""
                        INSERT INTO calibration_labels (session_id, reply_seq, verdict, violations, labelled_by)
                        SELECT $1, $2, $3, $4, $5 FROM session_events
                        WHERE session_id = $1 AND seq = $2 AND sender = 'trainee' AND annotations IS NOT NULL
                        ON CONFLICT (session_id, reply_seq) DO UPDATE
                        SET verdict = EXCLUDED.verdict, violations = EXCLUDED.violations, labelled_by = EXCLUDED.labelled_by,
                            labelled_at = now()""")
                .execute(Tuple.of(sessionId, seq, verdict, violations.toArray(new String[0]), trainerId))
                .compose(rows -> rows.rowCount() == 0 ? Future.failedFuture(Problem.conflict("no scored reply " + seq + " in that session"))
                        : Future.succeededFuture());
    }

    private static List<AppealRow> rows(io.vertx.sqlclient.RowSet<Row> rows) {
        List<AppealRow> list = new ArrayList<>();
        for (Row r : rows) {
            String[] buyer = r.getArrayOfStrings("buyer");
            list.add(new AppealRow(r.getLong("id"), r.getString("status"), r.getUUID("session_id"), r.getInteger("reply_seq"),
                    r.getString("target"), r.getString("reason"), r.getLong("user_id"), r.getString("trainee_name"),
                    r.get(OffsetDateTime.class, "created_at"), r.getString("finding"), r.getLong("content_version"),
                    r.getString("decided_by_name"), r.get(OffsetDateTime.class, "decided_at"), r.getString("comment"),
                    r.getString("reply_text"), buyer == null ? List.of() : Arrays.asList(buyer), r.getString("scenario_title"),
                    r.getString("mode"), r.getBoolean("ended")));
        }
        return list;
    }

    static JsonObject json(String text) {
        return text == null ? null : new JsonObject(text);
    }
}
