package io.kefutrainer.scoring;

/**
 * One reason a reply gained or lost points.
 *
 * @param type   greeting, polite_marker, apology, empathy, closing, forbidden, curt, blame, ...
 * @param start  offset of the first character of the span in the reply text (inclusive)
 * @param end    offset after the last character of the span (exclusive); start == end for "missing" findings
 * @param entry  id of the lexicon entry or rule behind it, or null
 * @param advice the better phrasing to show the trainee, or null when the finding is praise
 * @param points effect on the politeness score (positive or negative)
 */
public record Finding(String type, int start, int end, String entry, String advice, int points) {
}
