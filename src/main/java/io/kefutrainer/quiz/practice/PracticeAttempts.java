package io.kefutrainer.quiz.practice;

import io.vertx.core.Future;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Where practice runs and their graded answers are kept (store.PracticeQuizStore). */
public interface PracticeAttempts {

    Future<Void> create(PracticeAttempt a);

    /** A trainee's attempts, oldest first. */
    Future<List<PracticeAttempt>> attempts(long userId);

    Future<Optional<PracticeAttempt>> attempt(UUID id);

    /** The graded answers of an attempt: question id → the result shown to the trainee (JSON text). */
    Future<Map<String, String>> results(UUID attemptId);

    /**
     * Records one graded answer, the attempt's tally and the 错题本 together. Empty when the question was
     * already answered in this attempt (the first answer stands).
     */
    Future<Optional<PracticeAttempt>> answer(UUID attemptId, String questionId, String answerJson, String resultJson,
                                             double fraction, Boolean right);
}
