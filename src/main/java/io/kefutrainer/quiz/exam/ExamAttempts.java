package io.kefutrainer.quiz.exam;

import io.vertx.core.Future;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * Where exam attempts and their answers are kept (store.QuizStore). Every change to an attempt is made under its
 * lock, so an answer saved while the attempt is being submitted is either in the result or refused.
 */
public interface ExamAttempts {

    /** An attempt that was just created, or the open one that was resumed. */
    record Started(AttemptRow attempt, boolean resumed) {
    }

    /** The names of the cohorts the user belongs to (exams are opened to cohorts by name). */
    Future<List<String>> cohortNames(long userId);

    /** Every attempt of a trainee, oldest first, without the result bodies. */
    Future<List<AttemptRow>> attempts(long userId);

    Future<Optional<AttemptRow>> attempt(UUID id);

    /**
     * Resumes the trainee's open attempt at this exam, or creates `fresh` when attempts are left; fails with a
     * conflict Problem otherwise.
     */
    Future<Started> openOrCreate(AttemptRow fresh, int allowed);

    /** Saved answers by question id, as JSON text. */
    Future<Map<String, String>> answers(UUID attemptId);

    /**
     * Stores the answer if the attempt belongs to the user, is open, and its deadline (plus grace) has not
     * passed; returns when it was stored, or empty when it was refused (the caller finds out why).
     */
    Future<Optional<OffsetDateTime>> saveAnswer(UUID attemptId, long userId, String questionId, String answerJson, long graceMs);

    /**
     * Submits the attempt once: grades it with the answers stored at that moment and records the result and
     * 错题本 mastery together. Submitting again returns the stored attempt unchanged.
     */
    Future<AttemptRow> submit(UUID attemptId, boolean auto, BiFunction<AttemptRow, Map<String, String>, Graded> grading);

    /** Open attempts whose deadline (plus grace) has passed, for the time-out sweep. */
    Future<List<UUID>> due(long graceMs, int limit);
}
