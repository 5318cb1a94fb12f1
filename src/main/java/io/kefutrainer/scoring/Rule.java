package io.kefutrainer.scoring;

import java.util.List;

/**
 * One rule of scenarios/rules.yaml. Rules with a category are violations (must-pass); rules without one are
 * knowledge the trainee should show.
 *
 * @param together    groups of phrases: a violation when one phrase of every group is in the same sentence
 * @param patterns    Java regular expressions over the normalised reply
 * @param exceptions  phrases overlapping a violation match that make it fine ("100%纯棉")
 * @param negatable   whether a negation cue next to the match turns it into a correct refusal
 * @param supersedes  rules whose violations in the same sentence this rule replaces
 * @param requests    'together' phrases a negation turns into a request to the buyer, not a refusal
 *                    ("别给差评" asks the buyer not to leave a bad review)
 */
public record Rule(String id, String title, String category, String summary, String source, String advice,
                   List<String> violationPhrases, List<String> patterns, List<List<List<String>>> together,
                   List<String> exceptions, boolean negatable, List<String> supersedes, List<String> knowledge,
                   List<String> requests) {
    public Rule {
        violationPhrases = List.copyOf(violationPhrases);
        patterns = List.copyOf(patterns);
        together = together.stream().map(groups -> groups.stream().map(List::copyOf).toList()).toList();
        exceptions = List.copyOf(exceptions);
        supersedes = List.copyOf(supersedes);
        knowledge = List.copyOf(knowledge);
        requests = List.copyOf(requests);
    }

    public boolean isViolation() {
        return category != null;
    }

    /** Whether rules.yaml may name this violation category (the content reader refuses any other). */
    public static boolean isCategory(String category) {
        return Violations.CATEGORIES.contains(category);
    }
}
