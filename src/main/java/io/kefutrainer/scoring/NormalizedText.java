package io.kefutrainer.scoring;

/**
 * A reply after normalisation, with the map back to the original text: normalised character i came from
 * original characters [start(i), end(i)). Spans found in the normalised text are reported in original offsets.
 */
public record NormalizedText(String original, String text, int[] starts, int[] ends) {

    public int length() {
        return text.length();
    }

    /** Original offset of the first character of the normalised span [from, to). */
    public int originalStart(int from) {
        if (text.isEmpty()) return 0;
        return from >= starts.length ? original.length() : starts[from];
    }

    /** Original offset after the last character of the normalised span [from, to). */
    public int originalEnd(int to) {
        if (to <= 0) return to == 0 && starts.length > 0 ? starts[0] : 0;
        return ends[Math.min(to, ends.length) - 1];
    }
}
