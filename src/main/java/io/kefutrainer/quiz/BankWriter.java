package io.kefutrainer.quiz;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes questions as a YAML bank that {@link BankReader} reads back to the same questions. Hand-written
 * rather than a YAML library's dump so the file looks like the ones trainers write (schema comment, key
 * order, plain Chinese text) and every weight is kept exactly.
 */
public final class BankWriter {

    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "null", "y", "n", "~");
    private static final Pattern NUMBER_LIKE = Pattern.compile("[-+]?(\\.?[0-9].*|\\.inf|\\.nan)", Pattern.CASE_INSENSITIVE);

    private BankWriter() {
    }

    /** @param schemaPath path of quiz.schema.json relative to the bank file, for editors */
    public static String write(List<Question> questions, String schemaPath) {
        StringBuilder b = new StringBuilder();
        b.append("# yaml-language-server: $schema=").append(schemaPath).append('\n');
        b.append("questions:\n");
        for (Question q : questions) {
            b.append("  - id: ").append(scalar(q.id())).append('\n');
            line(b, "type", q.type().name());
            if (!q.title().isEmpty()) line(b, "title", q.title());
            line(b, "text", q.text());
            line(b, "category", q.categoryPath());
            if (!q.tags().isEmpty()) list(b, "tags", q.tags());
            line(b, "difficulty", q.difficulty().name());
            if (q.points() != 1) line(b, "points", number(q.points()));
            switch (q.type()) {
                case single:
                case multiple:
                    b.append("    choices:\n");
                    // correct: true is the trainer's shorthand; partial credit needs every weight written out
                    boolean shorthand = q.type() == QuestionType.single
                            && q.choices().stream().allMatch(c -> c.weight() == 0 || c.weight() == 100);
                    for (Choice c : q.choices()) {
                        b.append("      - text: ").append(scalar(c.text())).append('\n');
                        if (shorthand && c.weight() == 100) {
                            b.append("        correct: true\n");
                        } else if (!shorthand) {
                            b.append("        weight: ").append(number(c.weight())).append('\n');
                        }
                        if (!c.feedback().isEmpty()) b.append("        feedback: ").append(scalar(c.feedback())).append('\n');
                    }
                    break;
                case short_answer:
                    b.append("    answers:\n");
                    for (Choice c : q.choices()) {
                        if (c.weight() == 100 && c.feedback().isEmpty()) {
                            b.append("      - ").append(scalar(c.text())).append('\n');
                        } else {
                            b.append("      - text: ").append(scalar(c.text())).append('\n');
                            if (c.weight() != 100) b.append("        weight: ").append(number(c.weight())).append('\n');
                            if (!c.feedback().isEmpty()) b.append("        feedback: ").append(scalar(c.feedback())).append('\n');
                        }
                    }
                    break;
                case true_false:
                    line(b, "answer", Boolean.TRUE.equals(q.truth()) ? "true" : "false");
                    if (!q.feedbackRight().isEmpty()) line(b, "feedback_right", q.feedbackRight());
                    if (!q.feedbackWrong().isEmpty()) line(b, "feedback_wrong", q.feedbackWrong());
                    break;
                case matching:
                    b.append("    pairs:\n");
                    for (MatchPair p : q.pairs()) {
                        b.append("      - left: ").append(scalar(p.left())).append('\n');
                        b.append("        right: ").append(scalar(p.right())).append('\n');
                    }
                    break;
                case numeric:
                    b.append("    numbers:\n");
                    for (NumericAnswer a : q.numbers()) {
                        if (a.isRange()) {
                            b.append("      - min: ").append(number(a.min())).append('\n');
                            b.append("        max: ").append(number(a.max())).append('\n');
                        } else {
                            b.append("      - value: ").append(number(a.value())).append('\n');
                            if (a.tolerance() != 0) b.append("        tolerance: ").append(number(a.tolerance())).append('\n');
                        }
                        if (a.weight() != 100) b.append("        weight: ").append(number(a.weight())).append('\n');
                        if (!a.feedback().isEmpty()) b.append("        feedback: ").append(scalar(a.feedback())).append('\n');
                    }
                    break;
                default:
                    break;
            }
            if (!q.explanation().isEmpty()) line(b, "explanation", q.explanation());
            if (!q.rules().isEmpty()) list(b, "rules", q.rules());
        }
        return b.toString();
    }

    private static void line(StringBuilder b, String key, String value) {
        b.append("    ").append(key).append(": ").append(key.equals("type") || key.equals("difficulty")
                || key.equals("answer") || key.equals("points") ? value : scalar(value)).append('\n');
    }

    private static void list(StringBuilder b, String key, List<String> values) {
        b.append("    ").append(key).append(": [");
        for (int i = 0; i < values.size(); i++) {
            b.append(i == 0 ? "" : ", ").append(quoted(values.get(i)));
        }
        b.append("]\n");
    }

    /** Whole numbers without ".0", as trainers write them. */
    public static String number(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    /** A plain scalar when YAML reads it back as the same string, else a double-quoted one. */
    static String scalar(String s) {
        if (s.isEmpty() || !s.equals(s.strip()) || YAML_WORDS.contains(s.toLowerCase())
                || NUMBER_LIKE.matcher(s).matches() || "-?:,[]{}#&*!|>'\"%@`".indexOf(s.charAt(0)) >= 0
                || s.contains(": ") || s.contains(" #") || s.endsWith(":")
                || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff)) {
            return quoted(s);
        }
        return s;
    }

    static String quoted(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\t': b.append("\\t"); break;
                case '\r': b.append("\\r"); break;
                default:
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xfeff) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }
}
