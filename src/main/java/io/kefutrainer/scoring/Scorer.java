package io.kefutrainer.scoring;

/** Scores one reply. Implementations are pure, thread-safe and compiled once per content version. */
public interface Scorer {
    Annotations score(ReplyInput input);
}
