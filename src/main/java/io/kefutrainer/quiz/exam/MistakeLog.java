package io.kefutrainer.quiz.exam;

import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;

/** Where the 错题本 is kept (store.QuizStore): each trainee's record per question answered. */
public interface MistakeLog {

    /** One question's 错题本 record for a trainee. */
    record Mastery(String questionId, int wrongCount, int rightStreak) {
        /** Still in the 错题本: answered wrong at some point and not yet right twice in a row since. */
        public boolean open() {
            return wrongCount > 0 && rightStreak < 2;
        }
    }

    /** A trainee's records, least recently answered first. */
    Future<List<Mastery>> mastery(long userId);

    /** Records a practice answer to a question in the 错题本; empty when the question is not (or no longer) in it. */
    Future<Optional<Mastery>> practise(long userId, String questionId, boolean right);
}
