package io.kefutrainer.store;

import io.kefutrainer.quiz.Paper;
import io.kefutrainer.quiz.exam.AttemptRow;
import io.kefutrainer.quiz.exam.ExamAttempts;
import io.kefutrainer.quiz.exam.MistakeLog;
import io.kefutrainer.problem.Problem;
import io.kefutrainer.quiz.exam.Graded;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Exam attempts, their answers and 错题本 mastery. JSON goes in as text cast to jsonb ($n::text::jsonb): a Java
 * String bound straight to a jsonb parameter would be stored as one JSON string, not as the document. Every change to an attempt locks its row, so an answer
 * saved while the attempt is being submitted is either in the result or refused, never lost in between.
 */
public final class QuizStore implements ExamAttempts, MistakeLog {

    private static final String COLUMNS = "id, user_id, exam_id, exam_title, paper::text AS paper, pass_mark, started_at, deadline,"
            + " submitted_at, auto_submitted, percent, passed, pending";

    private final Pool pool;

    public QuizStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Future<List<String>> cohortNames(long userId) {
        return pool.preparedQuery("SELECT c.name FROM cohort_members m JOIN cohorts c ON c.id = m.cohort_id WHERE m.user_id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    List<String> names = new ArrayList<>();
                    rows.forEach(r -> names.add(r.getString(0)));
                    return names;
                });
    }

    /** Every attempt of a trainee, oldest first, without the result bodies. */
    @Override
    public Future<List<AttemptRow>> attempts(long userId) {
        return pool.preparedQuery("SELECT " + COLUMNS + ", NULL::text AS result FROM exam_attempts WHERE user_id = $1 ORDER BY started_at, id")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    List<AttemptRow> list = new ArrayList<>();
                    rows.forEach(r -> list.add(toAttempt(r)));
                    return list;
                });
    }

    @Override
    public Future<Optional<AttemptRow>> attempt(UUID id) {
        return attempt(pool, id, false);
    }

    private Future<Optional<AttemptRow>> attempt(SqlClient client, UUID id, boolean lock) {
        return client.preparedQuery("SELECT " + COLUMNS + ", result::text AS result FROM exam_attempts WHERE id = $1" + (lock ? " FOR UPDATE" : ""))
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toAttempt(rows.iterator().next())));
    }

    /**
     * Resumes the trainee's open attempt at this exam, or creates `fresh` when attempts are left; fails with
     * {@link Problem.Kind#noAttemptsLeft} otherwise.
     */
    @Override
    public Future<Started> openOrCreate(AttemptRow fresh, int allowed) {
        return pool.withTransaction(tx -> openAttempt(tx, fresh.userId(), fresh.examId()).compose(open -> {
            if (open.isPresent()) {
                return Future.succeededFuture(new Started(open.get(), true));
            }
            return tx.preparedQuery("SELECT count(*) FROM exam_attempts WHERE user_id = $1 AND exam_id = $2")
                    .execute(Tuple.of(fresh.userId(), fresh.examId()))
                    .compose(rows -> {
                        long used = rows.iterator().next().getLong(0);
                        if (used >= allowed) {
                            return Future.failedFuture(new Problem(Problem.Kind.conflict,
                                    "all " + allowed + " attempt(s) at this exam are used"));
                        }
                        return tx.preparedQuery("INSERT INTO exam_attempts (id, user_id, exam_id, exam_title, paper, pass_mark, started_at, deadline)"
                                        + " VALUES ($1, $2, $3, $4, $5::text::jsonb, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id")
                                .execute(Tuple.from(new Object[]{fresh.id(), fresh.userId(), fresh.examId(), fresh.examTitle(),
                                        paperJson(fresh.paper()), fresh.passMark(), fresh.startedAt(), fresh.deadline()}))
                                // a second tab inserted first: resume that one
                                .compose(inserted -> inserted.size() == 1 ? Future.succeededFuture(new Started(fresh, false))
                                        : openAttempt(tx, fresh.userId(), fresh.examId()).map(o -> new Started(o.orElseThrow(), true)));
                    });
        }));
    }

    private Future<Optional<AttemptRow>> openAttempt(SqlClient client, long userId, String examId) {
        return client.preparedQuery("SELECT " + COLUMNS + ", NULL::text AS result FROM exam_attempts"
                        + " WHERE user_id = $1 AND exam_id = $2 AND submitted_at IS NULL")
                .execute(Tuple.of(userId, examId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toAttempt(rows.iterator().next())));
    }

    /** Saved answers by question id, as JSON text. */
    @Override
    public Future<Map<String, String>> answers(UUID attemptId) {
        return answers(pool, attemptId);
    }

    private Future<Map<String, String>> answers(SqlClient client, UUID attemptId) {
        return client.preparedQuery("SELECT question_id, answer::text FROM attempt_answers WHERE attempt_id = $1")
                .execute(Tuple.of(attemptId))
                .map(rows -> {
                    Map<String, String> map = new LinkedHashMap<>();
                    rows.forEach(r -> map.put(r.getString(0), r.getString(1)));
                    return map;
                });
    }

    /**
     * Stores the answer if the attempt belongs to the user, is open, and its deadline (plus grace) has not
     * passed; returns when it was stored, or empty when it was refused (the caller finds out why).
     */
    @Override
    public Future<Optional<OffsetDateTime>> saveAnswer(UUID attemptId, long userId, String questionId, String answerJson, long graceMs) {
        return pool.preparedQuery("""
                        WITH a AS (
                            SELECT id FROM exam_attempts
                            WHERE id = $1 AND user_id = $2 AND submitted_at IS NULL
                              AND now() <= deadline + $5::bigint * interval '1 millisecond'
                            FOR UPDATE)
                        INSERT INTO attempt_answers (attempt_id, question_id, answer, saved_at)
                        SELECT id, $3, $4::text::jsonb, now() FROM a
                        ON CONFLICT (attempt_id, question_id) DO UPDATE SET answer = EXCLUDED.answer, saved_at = EXCLUDED.saved_at
                        RETURNING saved_at""")
                .execute(Tuple.of(attemptId, userId, questionId, answerJson, graceMs))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getOffsetDateTime(0)));
    }

    /**
     * Submits the attempt once: grades it with the answers stored at that moment and records the result and
     * 错题本 mastery in one transaction. Submitting again returns the stored attempt unchanged.
     */
    @Override
    public Future<AttemptRow> submit(UUID attemptId, boolean auto, BiFunction<AttemptRow, Map<String, String>, Graded> grading) {
        return pool.withTransaction(tx -> attempt(tx, attemptId, true).compose(found -> {
            if (found.isEmpty()) {
                return Future.failedFuture(new Problem(Problem.Kind.not_found, "no such attempt"));
            }
            AttemptRow row = found.get();
            if (row.submitted()) {
                return Future.succeededFuture(row);
            }
            return answers(tx, attemptId).compose(answers -> {
                Graded g = grading.apply(row, answers);
                return tx.preparedQuery("UPDATE exam_attempts SET submitted_at = now(), auto_submitted = $2, percent = $3,"
                                + " passed = $4, pending = $5, result = $6::text::jsonb WHERE id = $1")
                        .execute(Tuple.of(attemptId, auto, g.percent(), g.passed(), g.pending(), g.resultJson()))
                        .compose(x -> mastery(tx, row.userId(), g.mastery()))
                        .compose(x -> attempt(tx, attemptId, false))
                        .map(Optional::orElseThrow);
            });
        }));
    }

    /**
     * 错题本 bookkeeping for answers just graded (exam submission, practice answer): a wrong answer puts the question
     * in the book (or back), a right one extends its streak.
     */
    static Future<Void> mastery(SqlClient tx, long userId, Map<String, Boolean> right) {
        if (right.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Tuple> batch = new ArrayList<>();
        right.forEach((question, ok) -> batch.add(Tuple.of(userId, question, ok)));
        return tx.preparedQuery("""
                        INSERT INTO question_mastery (user_id, question_id, wrong_count, right_streak, last_answered_at)
                        VALUES ($1, $2, CASE WHEN $3 THEN 0 ELSE 1 END, CASE WHEN $3 THEN 1 ELSE 0 END, now())
                        ON CONFLICT (user_id, question_id) DO UPDATE SET
                            wrong_count = question_mastery.wrong_count + CASE WHEN $3 THEN 0 ELSE 1 END,
                            right_streak = CASE WHEN $3 THEN question_mastery.right_streak + 1 ELSE 0 END,
                            last_answered_at = now()""")
                .executeBatch(batch).mapEmpty();
    }

    /** An essay answer waiting for a trainer, from a submitted attempt's result. */
    public record PendingEssay(UUID attemptId, String examTitle, String trainee, OffsetDateTime submittedAt,
                               String questionId, String question, String answer, double points) {
    }

    public Future<List<PendingEssay>> pendingEssays() {
        return pool.query("""
                        SELECT a.id, a.exam_title, u.display_name, a.submitted_at, q->>'id' AS qid, q->>'text' AS text,
                               coalesce(q->>'answer', '') AS answer, (q->>'points')::float8 AS points
                        FROM exam_attempts a
                        JOIN users u ON u.id = a.user_id
                        CROSS JOIN LATERAL jsonb_array_elements(a.result->'questions') q
                        WHERE a.pending > 0 AND q->>'status' = 'pending'
                        ORDER BY a.submitted_at, a.id""").execute()
                .map(rows -> {
                    List<PendingEssay> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new PendingEssay(r.getUUID(0), r.getString(1), r.getString(2), r.getOffsetDateTime(3),
                            r.getString(4), r.getString(5), r.getString(6), r.getDouble(7))));
                    return list;
                });
    }

    /**
     * Records a trainer's grade for one essay and rewrites the attempt's result with it, in one transaction.
     * `regrade` turns the stored result into the new one; it fails when the essay is not waiting for a grade.
     */
    public Future<AttemptRow> gradeEssay(UUID attemptId, String questionId, double fraction, long graderId,
                                         java.util.function.Function<String, Graded> regrade) {
        return pool.withTransaction(tx -> attempt(tx, attemptId, true).compose(found -> {
            if (found.isEmpty() || !found.get().submitted() || found.get().resultJson() == null) {
                return Future.failedFuture(new Problem(Problem.Kind.not_found, "no such submitted attempt"));
            }
            Graded g = regrade.apply(found.get().resultJson());
            return tx.preparedQuery("UPDATE attempt_answers SET fraction = $3, graded_by = $4, graded_at = now()"
                            + " WHERE attempt_id = $1 AND question_id = $2")
                    .execute(Tuple.of(attemptId, questionId, fraction, graderId))
                    .compose(x -> tx.preparedQuery("UPDATE exam_attempts SET percent = $2, passed = $3, pending = $4,"
                                    + " result = $5::text::jsonb WHERE id = $1")
                            .execute(Tuple.of(attemptId, g.percent(), g.passed(), g.pending(), g.resultJson())))
                    .compose(x -> attempt(tx, attemptId, false))
                    .map(Optional::orElseThrow);
        }));
    }

    @Override
    public Future<List<Mastery>> mastery(long userId) {
        return pool.preparedQuery("SELECT question_id, wrong_count, right_streak FROM question_mastery WHERE user_id = $1"
                        + " ORDER BY last_answered_at, question_id")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    List<Mastery> list = new ArrayList<>();
                    rows.forEach(r -> list.add(new Mastery(r.getString(0), r.getInteger(1), r.getInteger(2))));
                    return list;
                });
    }

    /** Records a practice answer to a question in the 错题本; empty when the question is not (or no longer) in it. */
    @Override
    public Future<Optional<Mastery>> practise(long userId, String questionId, boolean right) {
        return pool.preparedQuery("""
                        UPDATE question_mastery SET
                            wrong_count = wrong_count + CASE WHEN $3 THEN 0 ELSE 1 END,
                            right_streak = CASE WHEN $3 THEN right_streak + 1 ELSE 0 END,
                            last_answered_at = now()
                        WHERE user_id = $1 AND question_id = $2 AND wrong_count > 0 AND right_streak < 2
                        RETURNING question_id, wrong_count, right_streak""")
                .execute(Tuple.of(userId, questionId, right))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row r = rows.iterator().next();
                    return Optional.of(new Mastery(r.getString(0), r.getInteger(1), r.getInteger(2)));
                });
    }

    /** Open attempts whose deadline (plus grace) has passed, for the time-out sweep. */
    @Override
    public Future<List<UUID>> due(long graceMs, int limit) {
        return pool.preparedQuery("SELECT id FROM exam_attempts WHERE submitted_at IS NULL"
                        + " AND deadline + $1::bigint * interval '1 millisecond' < now() ORDER BY deadline LIMIT $2")
                .execute(Tuple.of(graceMs, limit))
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getUUID(0)));
                    return ids;
                });
    }

    static String paperJson(Paper paper) {
        JsonArray items = new JsonArray();
        for (Paper.Item item : paper.items()) {
            items.add(new JsonObject().put("q", item.questionId()).put("order", new JsonArray(new ArrayList<>(item.order()))));
        }
        return items.encode();
    }

    static Paper paper(String json) {
        List<Paper.Item> items = new ArrayList<>();
        for (Object o : new JsonArray(json)) {
            JsonObject item = (JsonObject) o;
            List<Integer> order = new ArrayList<>();
            item.getJsonArray("order").forEach(n -> order.add(((Number) n).intValue()));
            items.add(new Paper.Item(item.getString("q"), order));
        }
        return new Paper(items);
    }

    private static AttemptRow toAttempt(Row r) {
        return new AttemptRow(r.getUUID("id"), r.getLong("user_id"), r.getString("exam_id"), r.getString("exam_title"),
                paper(r.getString("paper")), r.getDouble("pass_mark"), r.getOffsetDateTime("started_at"), r.getOffsetDateTime("deadline"),
                r.getOffsetDateTime("submitted_at"), r.getBoolean("auto_submitted"), r.getDouble("percent"),
                r.getBoolean("passed"), r.getInteger("pending"), r.getString("result"));
    }
}
