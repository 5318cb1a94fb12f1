package io.kefutrainer.scoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the learned model's probabilities into what the trainee sees: the verdict and violation categories the
 * model decides, each change explained by a finding or a violation on the span of the reply that weighed most
 * for it, with the rule's or the rubric's advice. The score stays the sum of the findings: a "tone" finding moves
 * it into the band of the model's verdict.
 */
final class LearnedLayer {
    static final String ENTRY = "learned";
    private static final String TONE_DOWN_ADVICE = "这句话读起来生硬、带情绪或在推脱:先回应买家的问题和情绪,再说明原因,最后给出能做的办法";
    private static final String TONE_UP_ADVICE = "整体语气判断为得体:单看标出的字眼像不礼貌,但放在整句里没有问题";

    private final LearnedModel model;
    private final Rubric.PolitenessParams params;
    private final Map<String, Rule> ruleOf = new HashMap<>();

    LearnedLayer(LearnedModel model, List<Rule> rules, Rubric.PolitenessParams params) {
        this.model = model;
        this.params = params;
        for (Rule r : rules) {
            if (r.category() != null) ruleOf.putIfAbsent(r.category(), r);
        }
    }

    /**
     * A category the rules saw refused in this reply ("没办法百分百保证", "不能加微信") is one the model may add only
     * when it is more likely than not: its words are the violation's words, and a trainee marked down for a correct
     * refusal stops trusting the score.
     */
    static final double REFUSED_THRESHOLD = 0.5;

    /**
     * The violations the model decides: the rules' own where it agrees, a learned one where only it finds one. A
     * learned one is not reported when the words that weighed most for it are a phrase the rules saw refused
     * ("没办法百分百保证明天到哦": the model weighs 百分百保证明天到, the very words the trainee declined to promise).
     */
    List<Violation> violations(Violations.Found found, double[] p, NormalizedText nt) {
        List<Violation> byRules = found.violations();
        List<String> refusedByRules = found.refused();
        List<Violation> out = null;   // most replies: none
        for (int k = LearnedModel.TONES; k < LearnedModel.K; k++) {
            String category = LearnedModel.OUTPUTS.get(k);
            boolean byRule = Violations.has(byRules, category);
            // a rule's finding stands unless the model is fairly sure it is a correct reply (a refusal, a real
            // policy); the model alone must be surer before it reports what no rule matched
            double bar = byRule ? model.keepThreshold(k)
                    : refusedByRules.contains(category) ? Math.max(REFUSED_THRESHOLD, model.threshold(k)) : model.threshold(k);
            if (p[k] < bar) continue;
            if (out == null) out = new ArrayList<>(2);
            if (byRule) {
                for (int i = 0, n = byRules.size(); i < n; i++) {
                    if (byRules.get(i).category().equals(category)) out.add(byRules.get(i));
                }
            } else {
                int[] span = span(nt, k);
                if (refusedAt(found, category, span)) continue;
                out.add(at(category, span, 0));
            }
        }
        return out == null ? List.of() : out;
    }

    private static boolean refusedAt(Violations.Found found, String category, int[] span) {
        List<Violations.Refusal> refusals = found.refusals();
        for (int i = 0, n = refusals.size(); i < n; i++) if (refusals.get(i).overlaps(category, span)) return true;
        return false;
    }

    /** A violation of `category` the model found on `span` of a sentence that starts at `offset` in the reply. */
    Violation at(String category, int[] span, int offset) {
        Rule rule = ruleOf.get(category);
        return new Violation(category, rule != null ? rule.id() : ENTRY, offset + span[0], offset + span[1],
                rule != null ? rule.advice() : null);
    }

    /** The politeness when one sentence of the reply reads impolite on its own: the tone finding marks `span`. */
    Politeness impoliteAt(Politeness byRules, int[] span) {
        return moved(byRules, Verdict.impolite, span);
    }

    /** The politeness the model decides: unchanged when it agrees with the rules. */
    private static final Verdict[] VERDICTS = Verdict.values();

    Politeness tone(Politeness byRules, double[] p, NormalizedText nt) {
        int best = 0;
        for (int k = 1; k < LearnedModel.TONES; k++) if (p[k] > p[best]) best = k;
        Verdict verdict = VERDICTS[best];
        return moved(byRules, verdict, verdict == Verdict.impolite ? span(nt, best) : null);
    }

    /** The rules' politeness moved into `verdict`'s band by a tone finding (on `span` when it goes down). */
    private Politeness moved(Politeness byRules, Verdict verdict, int[] span) {
        if (verdict == byRules.verdict()) return byRules;
        int score = byRules.score();
        int target = switch (verdict) {
            case impolite -> Math.min(score, params.impoliteBelow() - 1);
            case neutral -> Math.max(params.impoliteBelow(), Math.min(score, params.politeFrom() - 1));
            case polite -> Math.max(score, params.politeFrom());
        };
        List<Finding> findings = new ArrayList<>(byRules.findings());
        if (verdict == Verdict.impolite) {
            findings.add(new Finding("tone", span[0], span[1], ENTRY, TONE_DOWN_ADVICE, target - score));
        } else {
            findings.add(new Finding("tone", 0, 0, ENTRY, byRules.verdict() == Verdict.impolite ? TONE_UP_ADVICE : null,
                    target - score));
        }
        return new Politeness(target, verdict, findings);
    }

    /**
     * The stretch of the reply that weighed most for an output: each character gets the weights of the
     * character 2- and 3-grams that cover it (shared out over their length), and the span grows from the heaviest
     * character over neighbours that weigh at least a third as much; offsets in the original text.
     */
    int[] span(NormalizedText nt, int output) {
        String text = nt.text();
        double[] atChar = new double[text.length()];
        // words, not single characters: a lone 呢 or 吗 carries weight in the model but tells the trainee nothing
        for (int len = 2; len <= ModelFeatures.MAX_N; len++) {
            for (int i = 0; i + len <= text.length(); i++) {
                int row = model.row(ModelFeatures.hash('T', text, i, i + len));
                if (row < 0) continue;
                double w = model.weight(row, output);
                if (w <= 0) continue;
                for (int j = i; j < i + len; j++) atChar[j] += w / len;
            }
        }
        int peak = -1;
        for (int i = 0; i < atChar.length; i++) {
            if (atChar[i] > 0 && (peak < 0 || atChar[i] > atChar[peak])) peak = i;
        }
        if (peak < 0) return new int[]{0, nt.original().length()};
        int start = peak;
        int end = peak + 1;
        double floor = atChar[peak] / 3;
        while (start > 0 && atChar[start - 1] >= floor && !Normalizer.isClauseBreak(text.charAt(start - 1))) start--;
        while (end < text.length() && atChar[end] >= floor && !Normalizer.isClauseBreak(text.charAt(end))) end++;
        return new int[]{nt.originalStart(start), nt.originalEnd(end)};
    }
}
