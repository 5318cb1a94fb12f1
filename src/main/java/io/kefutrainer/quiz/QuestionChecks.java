package io.kefutrainer.quiz;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What makes an imported question unusable, whatever format it came from: the same rules {@link BankReader}
 * applies to YAML, so an import never writes a bank that `validate` then rejects.
 */
public final class QuestionChecks {
    private QuestionChecks() {
    }

    public static Optional<String> problem(Question q) {
        if (q.text().isBlank()) {
            return Optional.of("the question has no text");
        }
        switch (q.type()) {
            case single:
            case multiple: {
                if (q.choices().size() < 2) {
                    return Optional.of("a choice question needs at least two answers");
                }
                Set<String> seen = new HashSet<>();
                for (Choice c : q.choices()) {
                    if (c.text().isBlank()) {
                        return Optional.of("an answer is empty");
                    }
                    if (!seen.add(c.text())) {
                        return Optional.of("answer '" + c.text() + "' appears twice");
                    }
                }
                if (q.type() == QuestionType.single) {
                    long full = q.choices().stream().filter(c -> c.weight() >= 100).count();
                    if (full == 0) {
                        return Optional.of("no answer is fully right (=answer or ~%100%answer)");
                    }
                    if (full > 1) {
                        return Optional.of("more than one answer is fully right");
                    }
                } else {
                    double sum = q.choices().stream().mapToDouble(Choice::weight).filter(w -> w > 0).sum();
                    if (Math.abs(sum - 100) > 0.5) {
                        return Optional.of("the positive weights add up to " + BankWriter.number(sum) + "%, not 100%");
                    }
                }
                return Optional.empty();
            }
            case short_answer:
                if (q.choices().stream().anyMatch(c -> c.text().isBlank())) {
                    return Optional.of("an accepted answer is empty");
                }
                return q.choices().stream().anyMatch(c -> c.weight() >= 100) ? Optional.empty()
                        : Optional.of("no accepted answer is fully right");
            case matching: {
                if (q.pairs().size() < 2) {
                    return Optional.of("a matching question needs at least two pairs");
                }
                Set<String> seen = new HashSet<>();
                for (MatchPair p : q.pairs()) {
                    if (p.left().isBlank() || p.right().isBlank()) {
                        return Optional.of("a pair needs text on both sides of ->");
                    }
                    if (!seen.add(p.left())) {
                        return Optional.of("'" + p.left() + "' appears twice");
                    }
                }
                return Optional.empty();
            }
            case numeric:
                for (NumericAnswer a : q.numbers()) {
                    if (a.isRange() && a.min() > a.max()) {
                        return Optional.of("range " + BankWriter.number(a.min()) + ".." + BankWriter.number(a.max()) + " has min greater than max");
                    }
                    if (a.tolerance() < 0) {
                        return Optional.of("a tolerance cannot be negative");
                    }
                }
                return q.numbers().stream().anyMatch(a -> a.weight() >= 100) ? Optional.empty()
                        : Optional.of("no accepted number is fully right");
            default:
                return Optional.empty();
        }
    }
}
