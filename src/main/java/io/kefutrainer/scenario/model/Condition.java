package io.kefutrainer.scenario.model;

import io.kefutrainer.yaml.Position;

import java.util.List;

/**
 * The `when:` of a branch. All given tests must hold (AND); null / empty means "not tested".
 *
 * @param forbidden  a lexicon id, {@link #ANY} or {@link #NONE}
 * @param violation  a violation category, {@link #ANY} or {@link #NONE}
 * @param has        fact ids that must all be in the reply
 * @param missing    fact ids of which at least one is missing from the reply
 * @param silenceS   matches silence (no reply) of at least this many seconds; never matches a reply
 * @param attempts   matches from the n-th reply at this step on
 */
public record Condition(Boolean impolite, Boolean apology, String forbidden, String violation,
                        List<String> has, List<String> missing, OfferPrice offerPrice,
                        Integer silenceS, Integer attempts, Position at) {
    public Condition {
        has = List.copyOf(has);
        missing = List.copyOf(missing);
    }

    /** `forbidden: true` / `violation: true`: any id or category. */
    public static final String ANY = "*";
    /** `forbidden: false` / `violation: false`: none found. */
    public static final String NONE = "";

    /** What `violation:` may name besides true/false: the scorer's violation categories (as in the schema). */
    public static final List<String> VIOLATIONS = List.of("off_platform", "review_manipulation", "false_promise", "abuse", "privacy");

    public boolean isSilence() {
        return silenceS != null;
    }

    /** Offered price compared with the product's floor price. */
    public enum OfferPrice { below_floor, at_or_above_floor, any, none }
}
