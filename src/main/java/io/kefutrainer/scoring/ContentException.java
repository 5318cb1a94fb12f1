package io.kefutrainer.scoring;

/** Scoring content (lexicon, rules, rubric, KPI targets) that cannot be read or is inconsistent. */
public class ContentException extends RuntimeException {
    public ContentException(String message) {
        super(message);
    }

    public ContentException(String message, Throwable cause) {
        super(message, cause);
    }
}
