package io.kefutrainer.quiz.exam;

import io.kefutrainer.problem.Problem;
import io.kefutrainer.quiz.Paper;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuestionType;
import io.kefutrainer.quiz.Response;
import io.kefutrainer.quiz.ShortAnswers;
import io.vertx.core.json.JsonArray;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A trainee's answer as sent and stored: `value` in the positions the options were shown in. Checks its shape
 * for the question's type, and maps it back to the bank's own order for grading.
 *
 * <p>single: option index; multiple: [option indexes]; true_false: true|false; short_answer and essay: text;
 * numeric: a number (or text holding one); matching: [option index or null for each prompt]; null clears.
 */
public final class Answers {
    static final int MAX_TEXT = 200;
    static final int MAX_ESSAY = 5000;

    private Answers() {
    }

    /** The value to store, or an {@link Problem} (invalid) that says what is wrong with it. */
    public static Object check(Question q, Paper.Item item, Object value) {
        if (value == null) {
            return null;
        }
        int options = item.order().size();
        switch (q.type()) {
            case single:
                return index(value, options);
            case multiple: {
                if (!(value instanceof JsonArray array)) {
                    throw invalid("value must be a list of option numbers");
                }
                Set<Integer> seen = new HashSet<>();
                JsonArray out = new JsonArray();
                for (Object o : array) {
                    int i = index(o, options);
                    if (seen.add(i)) {
                        out.add(i);
                    }
                }
                return out;
            }
            case true_false:
                if (!(value instanceof Boolean)) {
                    throw invalid("value must be true or false");
                }
                return value;
            case short_answer:
            case essay: {
                if (!(value instanceof String s)) {
                    throw invalid("value must be text");
                }
                int max = q.type() == QuestionType.essay ? MAX_ESSAY : MAX_TEXT;
                if (s.length() > max) {
                    throw invalid("value is longer than " + max + " characters");
                }
                return s;
            }
            case numeric:
                if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
                    return n;
                }
                if (value instanceof String s && s.length() <= MAX_TEXT && ShortAnswers.number(s) != null) {
                    return s;
                }
                throw invalid("value must be a number");
            case matching: {
                if (!(value instanceof JsonArray array) || array.size() != q.pairs().size()) {
                    throw invalid("value must list one option number (or null) for each of the " + q.pairs().size() + " prompts");
                }
                JsonArray out = new JsonArray();
                for (Object o : array) {
                    out.add(o == null ? null : index(o, options));
                }
                return out;
            }
            default:
                throw invalid("this question takes no answer");
        }
    }

    /** The stored value as a {@link Response} in bank order, or null for no answer. */
    public static Response response(Question q, Paper.Item item, Object value) {
        if (value == null) {
            return null;
        }
        List<Integer> order = item.order();
        switch (q.type()) {
            case single:
                return new Response.Pick(order.get(((Number) value).intValue()));
            case multiple: {
                Set<Integer> picks = new HashSet<>();
                ((JsonArray) value).forEach(o -> picks.add(order.get(((Number) o).intValue())));
                return new Response.Picks(picks);
            }
            case true_false:
                return new Response.Truth((Boolean) value);
            case short_answer:
            case essay:
                return new Response.Text((String) value);
            case numeric:
                Double d = value instanceof Number n ? n.doubleValue() : ShortAnswers.number((String) value);
                return d == null ? null : new Response.Number(d);
            case matching: {
                List<String> answers = q.matchAnswers();
                List<String> rights = new ArrayList<>();
                ((JsonArray) value).forEach(o -> rights.add(o == null ? null : answers.get(order.get(((Number) o).intValue()))));
                return new Response.Matches(rights);
            }
            default:
                return null;
        }
    }

    private static int index(Object value, int options) {
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || n.intValue() < 0 || n.intValue() >= options) {
            throw invalid("value must be an option number from 0 to " + (options - 1));
        }
        return n.intValue();
    }

    private static Problem invalid(String message) {
        return new Problem(Problem.Kind.invalid, message, "value");
    }
}
