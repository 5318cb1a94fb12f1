package io.kefutrainer.quiz;

import java.util.List;
import java.util.Set;

/**
 * "Draw `count` questions matching these filters." Empty filters match everything; descriptions are never
 * drawn, and essays only when `types` names them (they need a trainer to grade).
 */
public record DrawRule(int count, String category, List<String> tags, Difficulty difficulty, Set<QuestionType> types) {
    public DrawRule {
        tags = List.copyOf(tags);
        types = Set.copyOf(types);
    }

    public boolean matches(Question q) {
        if (q.type() == QuestionType.description) {
            return false;
        }
        if (types.isEmpty() ? q.type() == QuestionType.essay : !types.contains(q.type())) {
            return false;
        }
        if (category != null && !q.inCategory(category)) {
            return false;
        }
        if (difficulty != null && q.difficulty() != difficulty) {
            return false;
        }
        return tags.isEmpty() || q.tags().stream().anyMatch(tags::contains);
    }

    public String describe() {
        StringBuilder b = new StringBuilder(count + " question(s)");
        if (category != null) b.append(" in '").append(category).append("'");
        if (difficulty != null) b.append(", ").append(difficulty);
        if (!tags.isEmpty()) b.append(", tagged ").append(String.join("|", tags));
        if (!types.isEmpty()) b.append(", of type ").append(types);
        return b.toString();
    }
}
