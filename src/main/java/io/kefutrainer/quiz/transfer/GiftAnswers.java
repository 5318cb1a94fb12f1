package io.kefutrainer.quiz.transfer;

import io.kefutrainer.quiz.Choice;
import io.kefutrainer.quiz.MatchPair;
import io.kefutrainer.quiz.NumericAnswer;

import java.util.ArrayList;
import java.util.List;

import static io.kefutrainer.quiz.transfer.GiftText.decimal;
import static io.kefutrainer.quiz.transfer.GiftText.find;
import static io.kefutrainer.quiz.transfer.GiftText.skipSpace;
import static io.kefutrainer.quiz.transfer.GiftText.split;
import static io.kefutrainer.quiz.transfer.GiftText.unescape;
import static io.kefutrainer.quiz.transfer.GiftText.withoutFeedback;

/**
 * The answers inside a GIFT question's braces, one list per kind: choices (=right ~wrong, weights ~%50%,
 * feedback #…), accepted short answers, matching pairs, numeric answers. Offsets in errors are relative to the
 * question's block: `base` is where the answers start in it.
 */
final class GiftAnswers {

    /** One answer inside the braces: its marker (= or ~), its raw body and where the marker is. */
    private record Segment(char marker, String body, int offset) {
    }

    private record Weighted(String text, double weight, String feedback) {
    }

    private GiftAnswers() {
    }

    /** {=right ~wrong ~%50%half}: the options of a single or multiple choice question. */
    static List<Choice> choices(String answers, int base) throws ImportError {
        List<Choice> choices = new ArrayList<>();
        for (Segment seg : segments(answers, base, "=~")) {
            Weighted w = weighted(seg, seg.marker == '=' ? 100 : 0);
            choices.add(new Choice(w.text, w.weight, w.feedback));
            if (w.text.isEmpty()) {
                throw new ImportError(seg.offset, "'" + seg.marker + "' 后面的答案是空的");
            }
        }
        return choices;
    }

    /** {=x -> y =…}: the pairs of a matching question. */
    static List<MatchPair> pairs(String answers, int base) throws ImportError {
        List<MatchPair> pairs = new ArrayList<>();
        for (Segment seg : segments(answers, base, "=")) {
            int arrow = find(seg.body, "->", 0);
            if (arrow < 0) {
                throw new ImportError(seg.offset, "匹配题的每一对要用 '->' 隔开两边");
            }
            String left = unescape(seg.body.substring(0, arrow)).strip();
            String right = unescape(withoutFeedback(seg.body.substring(arrow + 2))).strip();
            if (left.isEmpty() || right.isEmpty()) {
                throw new ImportError(seg.offset, "匹配题每一对的 '->' 两边都要有文字");
            }
            pairs.add(new MatchPair(left, right));
        }
        return pairs;
    }

    /** {=a =b}: the accepted answers of a short answer question. */
    static List<Choice> accepted(String answers, int base) throws ImportError {
        List<Choice> accepted = new ArrayList<>();
        for (Segment seg : segments(answers, base, "=")) {
            Weighted w = weighted(seg, 100);
            if (w.text.isEmpty()) {
                throw new ImportError(seg.offset, "'=' 后面的答案是空的");
            }
            accepted.add(new Choice(w.text, w.weight, w.feedback));
        }
        return accepted;
    }

    /** {#7} {#30:5} {#1..2} {#=a =b}: the answers after the '#' at `from`. */
    static List<NumericAnswer> numbers(String answers, int base, int from) throws ImportError {
        String rest = answers.substring(from);
        List<NumericAnswer> numbers = new ArrayList<>();
        if (find(rest, "=", 0) >= 0) {
            for (Segment seg : segments(rest, base + from, "=")) {
                Weighted w = weighted(seg, 100);
                numbers.add(number(w.text, w.weight, w.feedback, seg.offset));
            }
        } else {
            List<String> parts = split(rest, "#");
            if (parts.size() > 2) {
                throw new ImportError(base + from, "一个数值答案只能有一条反馈:{#7#反馈}");
            }
            numbers.add(number(unescape(parts.get(0)).strip(), 100, parts.size() > 1 ? unescape(parts.get(1)).strip() : "", base + from));
        }
        return numbers;
    }

    private static NumericAnswer number(String spec, double weight, String feedback, int offset) throws ImportError {
        try {
            int range = spec.indexOf("..");
            if (range >= 0) {
                return new NumericAnswer(null, 0, decimal(spec.substring(0, range).strip()),
                        decimal(spec.substring(range + 2).strip()), weight, feedback);
            }
            int colon = spec.indexOf(':');
            if (colon >= 0) {
                return new NumericAnswer(decimal(spec.substring(0, colon).strip()), decimal(spec.substring(colon + 1).strip()),
                        null, null, weight, feedback);
            }
            return new NumericAnswer(decimal(spec.strip()), 0, null, null, weight, feedback);
        } catch (NumberFormatException e) {
            throw new ImportError(offset, "'" + spec + "' 不是数、数值:误差 或 下限..上限");
        }
    }

    private static List<Segment> segments(String answers, int base, String markers) throws ImportError {
        List<Segment> out = new ArrayList<>();
        int start = -1;
        char marker = 0;
        for (int i = 0; i < answers.length(); i++) {
            char c = answers.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            // "->" in a matching pair is not a marker; '=' and '~' start a new answer
            if (markers.indexOf(c) >= 0) {
                if (start >= 0) {
                    out.add(new Segment(marker, answers.substring(start + 1, i), base + start));
                } else if (!answers.substring(0, i).isBlank()) {
                    throw new ImportError(base + skipSpace(answers, 0), "答案要以 " + (markers.length() > 1 ? "= 或 ~" : "=") + " 开头");
                }
                start = i;
                marker = c;
            }
        }
        if (start < 0) {
            throw new ImportError(base, "没有答案:每个答案以 " + (markers.length() > 1 ? "= 或 ~" : "=") + " 开头");
        }
        out.add(new Segment(marker, answers.substring(start + 1), base + start));
        return out;
    }

    private static Weighted weighted(Segment seg, double defaultWeight) throws ImportError {
        String body = seg.body;
        double weight = defaultWeight;
        int p = skipSpace(body, 0);
        if (body.startsWith("%", p)) {
            int end = body.indexOf('%', p + 1);
            if (end < 0) {
                throw new ImportError(seg.offset + 1 + p, "分值没有结束:写成 %50%");
            }
            try {
                weight = decimal(body.substring(p + 1, end));
            } catch (NumberFormatException e) {
                throw new ImportError(seg.offset + 1 + p, "分值 '" + body.substring(p + 1, end) + "' 不是数");
            }
            if (weight < -100 || weight > 100) {
                throw new ImportError(seg.offset + 1 + p, "分值 " + body.substring(p + 1, end) + "% 超出 -100%..100%");
            }
            body = body.substring(end + 1);
        }
        List<String> parts = split(body, "#");
        if (parts.size() > 2) {
            throw new ImportError(seg.offset, "一个答案只能有一条反馈(#…);正文里的 # 写 \\#");
        }
        return new Weighted(unescape(parts.get(0)).strip(), weight, parts.size() > 1 ? unescape(parts.get(1)).strip() : "");
    }
}
