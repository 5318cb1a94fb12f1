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
            return Optional.of("题目没有题干");
        }
        switch (q.type()) {
            case single:
            case multiple: {
                if (q.choices().size() < 2) {
                    return Optional.of("选择题至少要有两个选项");
                }
                Set<String> seen = new HashSet<>();
                for (Choice c : q.choices()) {
                    if (c.text().isBlank()) {
                        return Optional.of("有一个选项是空的");
                    }
                    if (!seen.add(c.text())) {
                        return Optional.of("选项 '" + c.text() + "' 出现了两次");
                    }
                }
                if (q.type() == QuestionType.single) {
                    long full = q.choices().stream().filter(c -> c.weight() >= 100).count();
                    if (full == 0) {
                        return Optional.of("没有完全正确的选项(写 =答案 或 ~%100%答案)");
                    }
                    if (full > 1) {
                        return Optional.of("不止一个选项完全正确(单选题只能有一个 =)");
                    }
                } else {
                    double sum = q.choices().stream().mapToDouble(Choice::weight).filter(w -> w > 0).sum();
                    if (Math.abs(sum - 100) > 0.5) {
                        return Optional.of("正分值加起来是 " + BankWriter.number(sum) + "%,应为 100%");
                    }
                }
                return Optional.empty();
            }
            case short_answer:
                if (q.choices().stream().anyMatch(c -> c.text().isBlank())) {
                    return Optional.of("有一个可接受的答案是空的");
                }
                return q.choices().stream().anyMatch(c -> c.weight() >= 100) ? Optional.empty()
                        : Optional.of("没有完全正确的可接受答案");
            case matching: {
                if (q.pairs().size() < 2) {
                    return Optional.of("匹配题至少要有两对");
                }
                Set<String> seen = new HashSet<>();
                for (MatchPair p : q.pairs()) {
                    if (p.left().isBlank() || p.right().isBlank()) {
                        return Optional.of("每一对的 -> 两边都要有文字");
                    }
                    if (!seen.add(p.left())) {
                        return Optional.of("'" + p.left() + "' 出现了两次");
                    }
                }
                return Optional.empty();
            }
            case numeric:
                for (NumericAnswer a : q.numbers()) {
                    if (a.isRange() && a.min() > a.max()) {
                        return Optional.of("范围 " + BankWriter.number(a.min()) + ".." + BankWriter.number(a.max()) + " 的下限大于上限");
                    }
                    if (a.tolerance() < 0) {
                        return Optional.of("误差不能是负数");
                    }
                }
                return q.numbers().stream().anyMatch(a -> a.weight() >= 100) ? Optional.empty()
                        : Optional.of("没有完全正确的数值答案");
            default:
                return Optional.empty();
        }
    }
}
