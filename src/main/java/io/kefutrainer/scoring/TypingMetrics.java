package io.kefutrainer.scoring;

/**
 * What the browser measured while the trainee typed one reply (see ../shared/design/scoring.md).
 * All counts are in characters; times in milliseconds. The server treats them as claims to check.
 *
 * @param committed   characters committed by typing (IME composition ends plus direct input)
 * @param committedHan Han characters among them
 * @param pasted      characters inserted by paste or drop
 * @param quickPhrase characters inserted from quick phrases (快捷短语)
 * @param deleted     characters deleted after being committed
 * @param activeMs    time between first and last keystroke with gaps over 10 s removed
 * @param firstKeyMs  time from the buyer message being shown to the first keystroke, or null
 */
public record TypingMetrics(int committed, int committedHan, int pasted, int quickPhrase, int deleted,
                            long activeMs, Long firstKeyMs) {
}
