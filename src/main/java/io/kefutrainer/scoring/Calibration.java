package io.kefutrainer.scoring;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Agreement of the scorer with human labels: the figures behind `calibrate`, the labelled-set tests and the
 * trainers' calibration page. A labelled reply is {"id","text","buyer"?,"first"?,"verdict","violations":[…],"trap"?}
 * (read by {@code io.kefutrainer.content.LabelledLines}).
 *
 * <p>How each figure is counted (README repeats this, so an outside count can be compared):
 * <ul>
 *   <li>accuracy and Cohen's kappa: over the three-class verdict (polite / neutral / impolite);</li>
 *   <li>impolite precision and recall: the verdict "impolite" as a class;</li>
 *   <li>violations: over (reply, category) pairs: a labelled pair is caught when the scorer reports that category
 *       for that reply; abusive wording (category abuse) also counts as caught when the reply is judged impolite.
 *       A reported pair is correct when the label has that category. perCategory counts the same pairs per
 *       category;</li>
 *   <li>trapsFlagged: replies labelled as traps (correct replies that only look like a violation) for which the
 *       scorer reports any violation.</li>
 * </ul>
 * A ratio with nothing to count (no reply labelled or reported so) is null.
 */
public final class Calibration {

    public static final List<String> CATEGORIES = List.of("off_platform", "review_manipulation", "false_promise", "abuse", "privacy");

    /** One human-labelled reply. */
    public record Labelled(String id, String text, List<String> buyer, boolean first, Verdict verdict,
                           Set<String> violations, boolean trap) {
        public ReplyInput input() {
            return new ReplyInput(text, buyer, first, false, List.of(), null, null);
        }
    }

    /** What the scorer said about one labelled reply, and whether it agrees. */
    public record Outcome(Labelled expected, Verdict verdict, Set<String> violations, Annotations annotations) {
        public boolean verdictAgrees() {
            return verdict == expected.verdict();
        }

        public boolean violationsAgree() {
            return caught().equals(expected.violations()) && expected.violations().containsAll(violations);
        }

        public boolean agrees() {
            return verdictAgrees() && violationsAgree();
        }

        /** The labelled categories the scorer caught (abuse also by an impolite verdict). */
        public Set<String> caught() {
            Set<String> caught = new TreeSet<>();
            for (String c : expected.violations()) {
                if (violations.contains(c) || c.equals("abuse") && verdict == Verdict.impolite) {
                    caught.add(c);
                }
            }
            return caught;
        }
    }

    public static Outcome score(Scorer scorer, Labelled l) {
        Annotations a = scorer.score(l.input());
        return new Outcome(l, a.politeness().verdict(), new TreeSet<>(a.violationCategories()), a);
    }

    public static List<Outcome> scoreAll(Scorer scorer, List<Labelled> labelled) {
        List<Outcome> out = new ArrayList<>(labelled.size());
        for (Labelled l : labelled) out.add(score(scorer, l));
        return out;
    }

    /** The figures of a scored set. Ratios are null when there is nothing to count. */
    public record Figures(int n, Double accuracy, Double kappa, Double impolitePrecision, Double impoliteRecall,
                          Double violationPrecision, Double violationRecall, Map<String, Double[]> perCategory,
                          int traps, int trapsFlagged) {
    }

    public static Figures figures(List<Outcome> outcomes) {
        int n = outcomes.size();
        int correct = 0;
        Map<Verdict, Integer> predicted = new EnumMap<>(Verdict.class);
        Map<Verdict, Integer> labelled = new EnumMap<>(Verdict.class);
        int impTp = 0;
        Map<String, int[]> perCat = new LinkedHashMap<>(); // {labelled, caught, reported, reported correctly}
        CATEGORIES.forEach(c -> perCat.put(c, new int[4]));
        int traps = 0;
        int trapsFlagged = 0;
        for (Outcome o : outcomes) {
            Verdict want = o.expected().verdict();
            predicted.merge(o.verdict(), 1, Integer::sum);
            labelled.merge(want, 1, Integer::sum);
            if (o.verdictAgrees()) correct++;
            if (o.verdict() == Verdict.impolite && want == Verdict.impolite) impTp++;
            Set<String> caught = o.caught();
            for (String c : o.expected().violations()) {
                perCat.get(c)[0]++;
                if (caught.contains(c)) perCat.get(c)[1]++;
            }
            for (String c : o.violations()) {
                int[] k = perCat.computeIfAbsent(c, x -> new int[4]);
                k[2]++;
                if (o.expected().violations().contains(c)) k[3]++;
            }
            if (o.expected().trap()) {
                traps++;
                if (!o.violations().isEmpty()) trapsFlagged++;
            }
        }
        double pe = 0;
        for (Verdict v : Verdict.values()) {
            pe += (double) predicted.getOrDefault(v, 0) / Math.max(1, n) * labelled.getOrDefault(v, 0) / Math.max(1, n);
        }
        Double accuracy = ratio(correct, n);
        Double kappa = n == 0 ? null : pe >= 1 ? null : (accuracy - pe) / (1 - pe);
        int lab = 0, caught = 0, rep = 0, repOk = 0;
        Map<String, Double[]> per = new LinkedHashMap<>();
        for (var e : perCat.entrySet()) {
            int[] k = e.getValue();
            lab += k[0];
            caught += k[1];
            rep += k[2];
            repOk += k[3];
            per.put(e.getKey(), new Double[]{ratio(k[3], k[2]), ratio(k[1], k[0])});
        }
        return new Figures(n, accuracy, kappa, ratio(impTp, predicted.getOrDefault(Verdict.impolite, 0)),
                ratio(impTp, labelled.getOrDefault(Verdict.impolite, 0)), ratio(repOk, rep), ratio(caught, lab), per,
                traps, trapsFlagged);
    }

    /** One line for a reply the scorer disagrees on: id, expected, got, and the span that decided it. */
    public static String disagreement(Outcome o) {
        StringBuilder b = new StringBuilder();
        b.append(o.expected().id()).append('\t')
                .append("expected ").append(o.expected().verdict()).append(' ').append(o.expected().violations())
                .append(o.expected().trap() ? " trap" : "").append('\t')
                .append("got ").append(o.verdict()).append(' ').append(o.violations()).append('\t')
                .append(decidingSpan(o));
        return b.toString();
    }

    /**
     * The span behind the disagreement: a wrongly reported violation's span and rule; for a verdict the scorer
     * got wrong, the finding that weighed most in its direction; "nothing matched" when the scorer missed.
     */
    static String decidingSpan(Outcome o) {
        String text = o.expected().text();
        Annotations a = o.annotations();
        for (Violation v : a.violations()) {
            if (!o.expected().violations().contains(v.category())) {
                return "span 「" + slice(text, v.start(), v.end()) + "」 rule " + v.rule();
            }
        }
        Set<String> missed = new TreeSet<>(o.expected().violations());
        missed.removeAll(o.caught());
        if (!o.verdictAgrees()) {
            boolean harsher = o.verdict().ordinal() > o.expected().verdict().ordinal();
            Optional<Finding> decisive = a.politeness().findings().stream()
                    .filter(f -> harsher ? f.points() < 0 : f.points() > 0)
                    .filter(f -> f.end() > f.start())
                    .min(Comparator.comparingInt(f -> harsher ? f.points() : -f.points()));
            String verdictPart = decisive.map(f -> "span 「" + slice(text, f.start(), f.end()) + "」 " + f.type()
                            + (f.entry() != null ? " " + f.entry() : "") + " (" + f.points() + ")")
                    .orElse((harsher ? "no wording found that lowers it" : "no wording found that raises it")
                            + "; score " + a.politeness().score());
            return missed.isEmpty() ? verdictPart : verdictPart + "; missed " + missed + ": nothing matched";
        }
        return "missed " + missed + ": nothing matched";
    }

    private static String slice(String text, int start, int end) {
        int s = Math.max(0, Math.min(start, text.length()));
        int e = Math.max(s, Math.min(end, text.length()));
        return text.substring(s, e);
    }

    private static Double ratio(int a, int b) {
        return b == 0 ? null : (double) a / b;
    }
}
