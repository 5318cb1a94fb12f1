package io.kefutrainer.quiz;

import java.util.ArrayList;
import java.util.List;

/**
 * Grades one answer against its question. Choice weights are percentages: a multiple-choice answer scores
 * the sum of the picked weights, so wrong picks with negative weights take credit away; the result is
 * clamped to 0..100 % of the question (a question never costs points from other questions).
 */
public final class Grader {
    private Grader() {
    }

    public static Mark grade(Question q, Response r) {
        if (!q.type().answerable()) {
            return Mark.of(0, List.of());
        }
        if (r == null) {
            return Mark.unanswered();
        }
        if (q.type() == QuestionType.essay) {
            return r instanceof Response.Text t && !t.value().isBlank() ? Mark.pending() : Mark.unanswered();
        }
        switch (q.type()) {
            case single:
                if (r instanceof Response.Pick p && p.choice() >= 0 && p.choice() < q.choices().size()) {
                    Choice c = q.choices().get(p.choice());
                    return Mark.of(c.weight() / 100, List.of(c.feedback()));
                }
                return Mark.unanswered();
            case multiple:
                if (r instanceof Response.Picks p && !p.choices().isEmpty()) {
                    double sum = 0;
                    List<String> feedback = new ArrayList<>();
                    for (int i = 0; i < q.choices().size(); i++) {
                        if (p.choices().contains(i)) {
                            sum += q.choices().get(i).weight();
                            feedback.add(q.choices().get(i).feedback());
                        }
                    }
                    return Mark.of(sum / 100, feedback);
                }
                return Mark.unanswered();
            case true_false:
                if (r instanceof Response.Truth t) {
                    boolean right = q.truth() != null && t.value() == q.truth();
                    return Mark.of(right ? 1 : 0, List.of(right ? q.feedbackRight() : q.feedbackWrong()));
                }
                return Mark.unanswered();
            case short_answer:
                if (r instanceof Response.Text t && !t.value().isBlank()) {
                    Choice best = null;
                    for (Choice c : q.choices()) {
                        if (ShortAnswers.same(c.text(), t.value()) && (best == null || c.weight() > best.weight())) {
                            best = c;
                        }
                    }
                    return best == null ? Mark.of(0, List.of()) : Mark.of(best.weight() / 100, List.of(best.feedback()));
                }
                return Mark.unanswered();
            case numeric:
                if (r instanceof Response.Number n) {
                    NumericAnswer best = null;
                    for (NumericAnswer a : q.numbers()) {
                        if (a.accepts(n.value()) && (best == null || a.weight() > best.weight())) {
                            best = a;
                        }
                    }
                    return best == null ? Mark.of(0, List.of()) : Mark.of(best.weight() / 100, List.of(best.feedback()));
                }
                return Mark.unanswered();
            case matching:
                if (r instanceof Response.Matches m && m.rights().stream().anyMatch(x -> x != null)) {
                    int right = 0;
                    for (int i = 0; i < q.pairs().size(); i++) {
                        String chosen = i < m.rights().size() ? m.rights().get(i) : null;
                        if (q.pairs().get(i).right().equals(chosen)) {
                            right++;
                        }
                    }
                    return Mark.of(q.pairs().isEmpty() ? 0 : (double) right / q.pairs().size(), List.of());
                }
                return Mark.unanswered();
            default:
                return Mark.unanswered();
        }
    }
}
