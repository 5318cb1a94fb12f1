package io.kefutrainer.scoring;

/**
 * One failed must-pass criterion of a session (rubric.yaml {@code must_pass}), as data: the page names the rule and
 * the category in Chinese through the content vocabulary, so nothing downstream parses a sentence.
 *
 * @param item     the must-pass item of rubric.yaml that failed ({@code no_violations})
 * @param reply    which reply broke it, 1-based
 * @param category the violation category (rules.yaml; labels.yaml kind {@code violation})
 * @param rule     the id of the rule broken (rules.yaml; its title names it on the page)
 */
public record MustPass(String item, int reply, String category, String rule) {
    public static final String NO_VIOLATIONS = "no_violations";

    public static MustPass violation(int reply, Violation v) {
        return new MustPass(NO_VIOLATIONS, reply, v.category(), v.rule());
    }
}
