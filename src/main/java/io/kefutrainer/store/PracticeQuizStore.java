package io.kefutrainer.store;

import io.kefutrainer.quiz.practice.PracticeAttempt;
import io.kefutrainer.quiz.practice.PracticeAttempts;
import io.kefutrainer.quiz.practice.Publication;
import io.kefutrainer.quiz.practice.Publications;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Bank publications (练习/考试 per cohort) and practice attempts with their answers. */
public final class PracticeQuizStore implements Publications, PracticeAttempts {

    private static final String PUBLICATION = """
            SELECT p.bank, p.cohort_id, c.name, p.mode, p.time_limit_minutes, p.pass_mark, p.attempts,
                   u.display_name, p.published_at
            FROM quiz_publications p
            LEFT JOIN cohorts c ON c.id = p.cohort_id
            LEFT JOIN users u ON u.id = p.published_by""";
    private static final String ATTEMPT = "SELECT id, user_id, bank, category, title, paper::text, questions, answered, correct,"
            + " started_at, finished_at FROM practice_attempts";

    private final Pool pool;

    public PracticeQuizStore(Pool pool) {
        this.pool = pool;
    }

    /** Every publication, banks in name order, everyone before cohorts. */
    @Override
    public Future<List<Publication>> publications() {
        return pool.query(PUBLICATION + " ORDER BY p.bank, p.cohort_id NULLS FIRST").execute().map(rows -> {
            List<Publication> list = new ArrayList<>();
            rows.forEach(r -> list.add(toPublication(r)));
            return list;
        });
    }

    /** Publishes (or re-publishes with another mode or settings) a bank to a cohort, or to everyone when null. */
    @Override
    public Future<Void> publish(String bank, Long cohortId, Publication.Mode mode, int minutes, double passMark, int attempts,
                                long by) {
        String conflict = cohortId == null ? "(bank) WHERE cohort_id IS NULL" : "(bank, cohort_id) WHERE cohort_id IS NOT NULL";
        return pool.preparedQuery("INSERT INTO quiz_publications (bank, cohort_id, mode, time_limit_minutes, pass_mark, attempts,"
                        + " published_by) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT " + conflict + " DO UPDATE SET"
                        + " mode = EXCLUDED.mode, time_limit_minutes = EXCLUDED.time_limit_minutes, pass_mark = EXCLUDED.pass_mark,"
                        + " attempts = EXCLUDED.attempts, published_by = EXCLUDED.published_by, published_at = now()")
                .execute(Tuple.from(new Object[]{bank, cohortId, mode.name(), minutes, passMark, attempts, by}))
                .mapEmpty();
    }

    /** True when there was such a publication. */
    @Override
    public Future<Boolean> unpublish(String bank, Long cohortId) {
        return pool.preparedQuery("DELETE FROM quiz_publications WHERE bank = $1 AND cohort_id IS NOT DISTINCT FROM $2")
                .execute(Tuple.of(bank, cohortId))
                .map(rows -> rows.rowCount() > 0);
    }

    /** The cohorts a user belongs to. */
    @Override
    public Future<List<Long>> cohortIds(long userId) {
        return pool.preparedQuery("SELECT cohort_id FROM cohort_members WHERE user_id = $1").execute(Tuple.of(userId))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getLong(0)));
                    return ids;
                });
    }

    @Override
    public Future<Void> create(PracticeAttempt a) {
        return pool.preparedQuery("INSERT INTO practice_attempts (id, user_id, bank, category, title, paper, questions, started_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6::text::jsonb, $7, $8)")
                .execute(Tuple.from(new Object[]{a.id(), a.userId(), a.bank(), a.category(), a.title(),
                        QuizStore.paperJson(a.paper()), a.questions(), a.startedAt()}))
                .mapEmpty();
    }

    /** A trainee's attempts, oldest first. */
    @Override
    public Future<List<PracticeAttempt>> attempts(long userId) {
        return pool.preparedQuery(ATTEMPT + " WHERE user_id = $1 ORDER BY started_at, id").execute(Tuple.of(userId))
                .map(rows -> {
                    List<PracticeAttempt> list = new ArrayList<>();
                    rows.forEach(r -> list.add(toAttempt(r)));
                    return list;
                });
    }

    @Override
    public Future<Optional<PracticeAttempt>> attempt(UUID id) {
        return attempt(pool, id, false);
    }

    private Future<Optional<PracticeAttempt>> attempt(SqlClient client, UUID id, boolean lock) {
        return client.preparedQuery(ATTEMPT + " WHERE id = $1" + (lock ? " FOR UPDATE" : "")).execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toAttempt(rows.iterator().next())));
    }

    /** The graded answers of an attempt: question id → the result shown to the trainee (JSON text). */
    @Override
    public Future<Map<String, String>> results(UUID attemptId) {
        return pool.preparedQuery("SELECT question_id, result::text FROM practice_answers WHERE attempt_id = $1 ORDER BY answered_at")
                .execute(Tuple.of(attemptId))
                .map(rows -> {
                    Map<String, String> map = new LinkedHashMap<>();
                    rows.forEach(r -> map.put(r.getString(0), r.getString(1)));
                    return map;
                });
    }

    /**
     * Records one graded answer, the attempt's tally and the 错题本 in one transaction. Empty when the question was
     * already answered in this attempt (the first answer stands).
     */
    @Override
    public Future<Optional<PracticeAttempt>> answer(UUID attemptId, String questionId, String answerJson, String resultJson,
                                                    double fraction, Boolean right) {
        return pool.withTransaction(tx -> attempt(tx, attemptId, true).compose(found -> {
            PracticeAttempt a = found.orElseThrow();
            return tx.preparedQuery("INSERT INTO practice_answers (attempt_id, question_id, answer, result, fraction)"
                            + " VALUES ($1, $2, $3::text::jsonb, $4::text::jsonb, $5) ON CONFLICT DO NOTHING")
                    .execute(Tuple.of(attemptId, questionId, answerJson, resultJson, fraction))
                    .compose(inserted -> {
                        if (inserted.rowCount() == 0) {
                            return Future.succeededFuture(Optional.<PracticeAttempt>empty());
                        }
                        return tx.preparedQuery("UPDATE practice_attempts SET answered = answered + 1, correct = correct + $2,"
                                        + " finished_at = CASE WHEN answered + 1 >= questions THEN now() END WHERE id = $1")
                                .execute(Tuple.of(attemptId, fraction))
                                .compose(x -> right == null ? Future.succeededFuture()
                                        : QuizStore.mastery(tx, a.userId(), Map.of(questionId, right)))
                                .compose(x -> attempt(tx, attemptId, false));
                    });
        }));
    }

    private static Publication toPublication(Row r) {
        return new Publication(r.getString(0), r.getLong(1), r.getString(2), Publication.Mode.valueOf(r.getString(3)),
                r.getInteger(4), r.getDouble(5), r.getInteger(6), r.getString(7), r.getOffsetDateTime(8));
    }

    private static PracticeAttempt toAttempt(Row r) {
        return new PracticeAttempt(r.getUUID(0), r.getLong(1), r.getString(2), r.getString(3), r.getString(4),
                QuizStore.paper(r.getString(5)), r.getInteger(6), r.getInteger(7), r.getDouble(8), r.getOffsetDateTime(9),
                r.getOffsetDateTime(10));
    }
}
