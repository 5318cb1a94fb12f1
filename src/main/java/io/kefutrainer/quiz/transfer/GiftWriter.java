package io.kefutrainer.quiz.transfer;

import io.kefutrainer.quiz.BankWriter;
import io.kefutrainer.quiz.Choice;
import io.kefutrainer.quiz.MatchPair;
import io.kefutrainer.quiz.NumericAnswer;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuestionType;

import java.util.List;

/**
 * Writes questions as GIFT that Moodle and {@link GiftParser} read. The fields GIFT has no syntax for go in a
 * `// [id:…] [tag:…] [difficulty:…] [rule:…] [points:…]` comment before each question.
 */
public final class GiftWriter {
    private GiftWriter() {
    }

    public static String write(List<Question> questions) {
        StringBuilder b = new StringBuilder("// kefu-trainer question bank (GIFT)\n\n");
        String category = null;
        for (Question q : questions) {
            if (!q.categoryPath().equals(category)) {
                category = q.categoryPath();
                b.append("$CATEGORY: ").append(escape(category)).append("\n\n");
            }
            b.append("// [id:").append(q.id()).append("] [difficulty:").append(q.difficulty()).append(']');
            q.tags().forEach(t -> b.append(" [tag:").append(t.replace("]", "")).append(']'));
            q.rules().forEach(r -> b.append(" [rule:").append(r.replace("]", "")).append(']'));
            if (q.points() != 1) {
                b.append(" [points:").append(BankWriter.number(q.points())).append(']');
            }
            b.append('\n');
            if (!q.title().isEmpty()) {
                b.append("::").append(escape(q.title())).append("::");
            }
            b.append(escape(q.text()));
            if (q.type() != QuestionType.description) {
                b.append(' ').append(answers(q));
            }
            b.append("\n\n");
        }
        return b.toString();
    }

    private static String answers(Question q) {
        StringBuilder b = new StringBuilder("{");
        switch (q.type()) {
            case single:
                for (Choice c : q.choices()) {
                    if (c.weight() == 100) {
                        b.append("\n\t=");
                    } else {
                        b.append("\n\t~");
                        weight(b, c.weight(), 0);
                    }
                    b.append(escape(c.text()));
                    feedback(b, c.feedback());
                }
                b.append('\n');
                break;
            case multiple:
                // no '=' at all is what tells Moodle several answers may be picked
                for (Choice c : q.choices()) {
                    b.append("\n\t~%").append(BankWriter.number(c.weight())).append('%').append(escape(c.text()));
                    feedback(b, c.feedback());
                }
                b.append('\n');
                break;
            case short_answer:
                for (Choice c : q.choices()) {
                    b.append("\n\t=");
                    weight(b, c.weight(), 100);
                    b.append(escape(c.text()));
                    feedback(b, c.feedback());
                }
                b.append('\n');
                break;
            case true_false:
                b.append(Boolean.TRUE.equals(q.truth()) ? "TRUE" : "FALSE");
                if (!q.feedbackWrong().isEmpty() || !q.feedbackRight().isEmpty()) {
                    b.append('#').append(escape(q.feedbackWrong()));
                    if (!q.feedbackRight().isEmpty()) {
                        b.append('#').append(escape(q.feedbackRight()));
                    }
                }
                break;
            case matching:
                for (MatchPair p : q.pairs()) {
                    b.append("\n\t=").append(escape(p.left())).append(" -> ").append(escape(p.right()));
                }
                b.append('\n');
                break;
            case numeric:
                b.append('#');
                for (NumericAnswer a : q.numbers()) {
                    b.append("\n\t=");
                    weight(b, a.weight(), 100);
                    if (a.isRange()) {
                        b.append(BankWriter.number(a.min())).append("..").append(BankWriter.number(a.max()));
                    } else {
                        b.append(BankWriter.number(a.value()));
                        if (a.tolerance() != 0) {
                            b.append(':').append(BankWriter.number(a.tolerance()));
                        }
                    }
                    feedback(b, a.feedback());
                }
                b.append('\n');
                break;
            default:
                break;
        }
        if (!q.explanation().isEmpty()) {
            b.append("####").append(escape(q.explanation()));
            if (q.type() != QuestionType.essay && q.type() != QuestionType.true_false) {
                b.append('\n');
            }
        }
        return b.append('}').toString();
    }

    private static void weight(StringBuilder b, double weight, double implied) {
        if (weight != implied) {
            b.append('%').append(BankWriter.number(weight)).append('%');
        }
    }

    private static void feedback(StringBuilder b, String feedback) {
        if (!feedback.isEmpty()) {
            b.append('#').append(escape(feedback));
        }
    }

    /** GIFT's special characters get a backslash; a newline becomes \n so a question stays one block. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                continue;
            } else {
                if ("\\:=~#{}".indexOf(c) >= 0) {
                    b.append('\\');
                }
                b.append(c);
            }
        }
        return b.toString();
    }
}
