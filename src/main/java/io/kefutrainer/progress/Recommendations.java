package io.kefutrainer.progress;

import io.kefutrainer.quiz.Categories;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuizContent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** What a trainee should practise next: their weakest categories, and the quiz topics on the rules they broke. */
public final class Recommendations {
    private Recommendations() {
    }

    /** The two categories with the lowest mean of politeness and rules scores, lowest first. */
    public static List<String> weakestCategories(Map<String, Kpis> byCategory) {
        List<Map.Entry<String, Kpis>> scored = new ArrayList<>();
        byCategory.forEach((cat, k) -> {
            if (k.politenessScore() != null && k.rulesScore() != null) {
                scored.add(Map.entry(cat, k));
            }
        });
        scored.sort(Comparator.comparingDouble(e -> e.getValue().politenessScore() + e.getValue().rulesScore()));
        return scored.subList(0, Math.min(2, scored.size())).stream().map(Map.Entry::getKey).toList();
    }

    /**
     * A quiz topic to practise: its category in the question banks (the last part of `path`), the rules it covers and
     * how often they were broken; `bank` is the practice bank to open for it ("" when none is open to the trainee).
     */
    public record QuizTip(String category, String path, String rules, long violations, int questions, String bank) {
    }

    /**
     * The question-bank categories whose questions cite the platform rules the trainee broke recently (rule ids in
     * the annotations and in the questions' `rules`), most broken first, each with the practice bank that has the
     * most questions in it.
     */
    public static List<QuizTip> quizzes(QuizContent quiz, Map<String, Long> violatedRules, Set<String> practiceBanks) {
        if (violatedRules.isEmpty()) {
            return List.of();
        }
        Map<String, long[]> byCategory = new LinkedHashMap<>();
        Map<String, Set<String>> rulesOf = new LinkedHashMap<>();
        violatedRules.forEach((rule, times) -> {
            for (Question q : quiz.questions().values()) {
                if (q.rules().contains(rule)) {
                    // every level of the question's category, as the path down to it ("售后", "售后/七天无理由")
                    for (int level = 1; level <= q.category().size(); level++) {
                        String category = String.join("/", q.category().subList(0, level));
                        long[] counts = byCategory.computeIfAbsent(category, c -> new long[2]);
                        counts[1]++;
                        if (rulesOf.computeIfAbsent(category, c -> new LinkedHashSet<>()).add(rule)) {
                            counts[0] += times;
                        }
                    }
                }
            }
        });
        Map<String, List<Question>> banks = quiz.banksByKey();
        List<QuizTip> tips = new ArrayList<>();
        byCategory.forEach((path, counts) -> {
            String bank = banks.entrySet().stream().filter(e -> practiceBanks.contains(e.getKey()))
                    .map(e -> Map.entry(e.getKey(), e.getValue().stream().filter(q -> q.type().autoGraded() && q.inCategory(path)).count()))
                    .filter(e -> e.getValue() > 0)
                    .max(Comparator.comparingLong(Map.Entry::getValue)).map(Map.Entry::getKey).orElse("");
            List<String> parts = Categories.split(path);
            tips.add(new QuizTip(parts.get(parts.size() - 1), path, rulesOf.get(path).stream()
                    .map(r -> quiz.ruleTitle(r) == null ? r : quiz.ruleTitle(r)).collect(Collectors.joining("、")),
                    counts[0], (int) counts[1], bank));
        });
        // most broken first; among equals, the bank with the most questions on those rules (the topic's own bank
        // before one that mentions the rule once)
        tips.sort(Comparator.comparingLong(QuizTip::violations).reversed()
                .thenComparing(Comparator.comparingInt(QuizTip::questions).reversed()));
        return tips.subList(0, Math.min(3, tips.size()));
    }
}
