package io.kefutrainer.scoring;

/**
 * A platform-rule violation in a reply: a must-pass failure whatever else the session scored.
 *
 * @param category off_platform | review_manipulation | false_promise | abuse | privacy
 * @param rule     id of the rule in scenarios/rules.yaml
 * @param start    span start in the reply text (inclusive)
 * @param end      span end (exclusive)
 * @param advice   what to say instead
 */
public record Violation(String category, String rule, int start, int end, String advice) {
}
