package io.kefutrainer.scoring;

import java.util.Set;

/** Scores one reply. Implementations are pure, thread-safe and compiled once per content version. */
public interface Scorer {
    Annotations score(ReplyInput input);

    /** The content version this scorer was compiled from (see {@link ScoringContent#version()}). */
    default String contentVersion() {
        return "unknown";
    }

    /** Compiles a scorer from loaded content (CPU only; no I/O). Build a new one when the content changes. */
    static Scorer create(ScoringContent content) {
        return new ContentScorer(content);
    }

    /**
     * The distinct normalised phrases of the content's lexicon and rules: the work a plain Aho-Corasick pass
     * over the same content does (the benchmark's baseline).
     */
    static Set<String> phrases(ScoringContent content) {
        return PhraseIndex.build(content.normalizer(), content.lexicon(), content.rules(), java.util.List.of()).keywords();
    }
}
