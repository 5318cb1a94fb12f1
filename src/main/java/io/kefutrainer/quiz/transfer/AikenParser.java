package io.kefutrainer.quiz.transfer;

import io.kefutrainer.quiz.Categories;
import io.kefutrainer.quiz.Choice;
import io.kefutrainer.quiz.Difficulty;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuestionType;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.Position;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moodle's Aiken format: single-choice questions only. The question (one or more lines), options
 * `A. text` or `A) text` in order, then `ANSWER: A`. Blank lines between questions are optional.
 */
public final class AikenParser {

    private static final Pattern OPTION = Pattern.compile("^([A-Z])[.)]\\s+(.*)$");
    private static final Pattern ANSWER = Pattern.compile("^ANSWER:\\s*(.*)$");

    private final Path file;
    private final List<String> category;
    private final String idPrefix;

    public AikenParser(Path file, String category, String idPrefix) {
        this.file = file;
        this.category = Categories.split(category);
        this.idPrefix = idPrefix;
    }

    private static final class Draft {
        final List<String> text = new ArrayList<>();
        final List<String> options = new ArrayList<>();
        Position start;
        Diagnostic error;
    }

    public Imported parse(String source) {
        List<Question> questions = new ArrayList<>();
        List<Diagnostic> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        String[] lines = SourceText.lines(source);
        Draft d = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            Position at = new Position(i + 1, lines[i].indexOf(line.isEmpty() ? " " : line.substring(0, 1)) + 1);
            if (line.isEmpty()) {
                continue;
            }
            Matcher answer = ANSWER.matcher(line);
            Matcher option = OPTION.matcher(line);
            if (answer.matches()) {
                if (d == null) {
                    errors.add(Diagnostic.error(file, at, "ANSWER: 前面没有题目"));
                    continue;
                }
                if (d.error == null) {
                    d.error = finish(d, answer.group(1).strip(), at, questions, ids);
                }
                if (d.error != null) {
                    errors.add(d.error);
                }
                d = null;
            } else if (d != null && option.matches()) {
                char expected = (char) ('A' + d.options.size());
                if (option.group(1).charAt(0) != expected && d.error == null) {
                    d.error = Diagnostic.error(file, at, "选项 " + option.group(1) + " 顺序不对:这里应是 " + expected + ".");
                }
                if (option.group(2).isBlank() && d.error == null) {
                    d.error = Diagnostic.error(file, at, "选项 " + option.group(1) + " 没有文字");
                }
                d.options.add(option.group(2).strip());
            } else if (d != null && !d.options.isEmpty()) {
                // text after the options: the previous question ended without its ANSWER: line
                errors.add(d.error != null ? d.error : Diagnostic.error(file, d.start, "题目的选项后面没有 ANSWER: 行"));
                d = new Draft();
                d.start = at;
                d.text.add(line);
            } else {
                if (d == null) {
                    d = new Draft();
                    d.start = at;
                }
                d.text.add(line);
            }
        }
        if (d != null) {
            errors.add(d.error != null ? d.error : Diagnostic.error(file, d.start, "题目没有 ANSWER: 行"));
        }
        errors.sort(Diagnostic.ORDER);
        return new Imported(questions, errors);
    }

    private Diagnostic finish(Draft d, String letter, Position at, List<Question> questions, Set<String> ids) {
        if (d.options.size() < 2) {
            return Diagnostic.error(file, d.start, "ANSWER: 前至少要有两个选项(A. … B. …)");
        }
        if (!letter.matches("[A-Z]") || letter.charAt(0) - 'A' >= d.options.size()) {
            return Diagnostic.error(file, at, "ANSWER: " + letter + " 不在选项 A–" + (char) ('A' + d.options.size() - 1) + " 之中");
        }
        if (new HashSet<>(d.options).size() < d.options.size()) {
            return Diagnostic.error(file, d.start, "有两个选项文字相同");
        }
        int right = letter.charAt(0) - 'A';
        List<Choice> choices = new ArrayList<>();
        for (int i = 0; i < d.options.size(); i++) {
            choices.add(new Choice(d.options.get(i), i == right ? 100 : 0, ""));
        }
        String id = Ids.next(idPrefix, questions.size() + 1, ids);
        ids.add(id);
        questions.add(new Question(id, QuestionType.single, "", String.join("\n", d.text), category, List.of(),
                Difficulty.medium, "", List.of(), 1, choices, null, "", "", List.of(), List.of()));
        return null;
    }
}
