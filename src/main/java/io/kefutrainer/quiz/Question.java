package io.kefutrainer.quiz;

import java.util.List;
import java.util.Objects;

/**
 * One question of a bank. Which of the answer fields is used depends on the type: choices for single,
 * multiple and short_answer; truth for true_false; pairs for matching; numbers for numeric; none for essay
 * and description.
 *
 * @param title         GIFT's ::title::, may be empty
 * @param category      category path, outermost first (["售后", "七天无理由"])
 * @param explanation   解析, shown with the result (GIFT's general feedback ####)
 * @param rules         ids from scenarios/rules.yaml this question checks
 * @param points        weight of the question in an exam
 * @param truth         the right answer of a true_false question
 * @param feedbackRight true_false: feedback when answered right
 * @param feedbackWrong true_false: feedback when answered wrong
 */
public record Question(String id, QuestionType type, String title, String text, List<String> category,
                       List<String> tags, Difficulty difficulty, String explanation, List<String> rules,
                       double points, List<Choice> choices, Boolean truth, String feedbackRight,
                       String feedbackWrong, List<MatchPair> pairs, List<NumericAnswer> numbers) {

    public Question {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        title = title == null ? "" : title;
        text = text == null ? "" : text;
        category = List.copyOf(category);
        tags = List.copyOf(tags);
        difficulty = difficulty == null ? Difficulty.medium : difficulty;
        explanation = explanation == null ? "" : explanation;
        rules = List.copyOf(rules);
        choices = choices == null ? List.of() : List.copyOf(choices);
        feedbackRight = feedbackRight == null ? "" : feedbackRight;
        feedbackWrong = feedbackWrong == null ? "" : feedbackWrong;
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
        numbers = numbers == null ? List.of() : List.copyOf(numbers);
    }

    /** The category path joined with '/', as written in banks and GIFT's $CATEGORY. */
    public String categoryPath() {
        return String.join("/", category);
    }

    /** True when this question's category is `path` or lies below it. */
    public boolean inCategory(String path) {
        List<String> wanted = Categories.split(path);
        return category.size() >= wanted.size() && category.subList(0, wanted.size()).equals(wanted);
    }

    public Question withId(String newId) {
        return new Question(newId, type, title, text, category, tags, difficulty, explanation, rules, points,
                choices, truth, feedbackRight, feedbackWrong, pairs, numbers);
    }

    public Question withCategory(List<String> newCategory) {
        return new Question(id, type, title, text, newCategory, tags, difficulty, explanation, rules, points,
                choices, truth, feedbackRight, feedbackWrong, pairs, numbers);
    }

    /** The distinct right-hand answers of a matching question, in first-seen order. */
    public List<String> matchAnswers() {
        return pairs.stream().map(MatchPair::right).distinct().toList();
    }
}
