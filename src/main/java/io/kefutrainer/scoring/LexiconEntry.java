package io.kefutrainer.scoring;

import java.util.List;

/**
 * One entry of a file in scenarios/lexicon/: an id, its phrases and how they count.
 *
 * @param id         stable id (unique across all lexicon files), reported on findings
 * @param kind       the file's kind: greeting, polite, softener, apology, empathy, closing, forbidden, curt,
 *                   blame, negation, quote, complaint, price, synonym
 * @param phrases    wordings as written in the file (matched after normalisation)
 * @param patterns   Java regular expressions over the normalised reply, for wordings too varied to list
 * @param advice     better phrasing shown to the trainee, or null
 * @param points     effect on the politeness score, or null for the kind's default from the rubric
 * @param except     longer phrases overlapping a match that make it not count
 * @param softenable forbidden only: a softener or apology in the same clause makes it a polite refusal
 * @param clauseEnd  forbidden only: counts only when the phrase ends its clause
 * @param impolite   curt only: "always" or "complaint"
 * @param position   negation only: "before" or "after" the phrase it negates
 * @param window     negation only: how many characters may stand between cue and phrase
 * @param role       price only: "offer", "unit", "end" or "discount"
 */
public record LexiconEntry(String id, String kind, List<String> phrases, List<String> patterns, String advice, Integer points,
                           List<String> except, boolean softenable, boolean clauseEnd, String impolite,
                           String position, int window, String role) {
    public LexiconEntry {
        phrases = List.copyOf(phrases);
        patterns = List.copyOf(patterns);
        except = List.copyOf(except);
    }
}
