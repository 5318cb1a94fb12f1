package io.kefutrainer.appeals;

import io.kefutrainer.practice.AnnotationsJson;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.Calibration;
import io.kefutrainer.scoring.Rubric;
import io.kefutrainer.scoring.Scorer;
import io.kefutrainer.scoring.Verdict;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The calibration set (评分校准): every reply with a decided appeal, labelled with what the trainer's decisions
 * leave of the scorer's verdict and violations (an accepted appeal takes its target out, a rejected one confirms
 * it), plus the replies a trainer labelled directly (that label wins). In the `calibrate` format, so the CLI
 * reads the export; scored here with the live content, so an edit to the lexicon or rules shows at once.
 */
public final class CalibrationSet {

    /** One labelled reply and the rules / lexicon entries its appeals were about. */
    public record Item(Calibration.Labelled labelled, List<String> keys) {
    }

    /** Agreement on the replies whose appeals were about one rule or lexicon entry. */
    public record KeyAgreement(String key, int n, int agree) {
        public double percent() {
            return n == 0 ? 0 : 100.0 * agree / n;
        }
    }

    /** The set scored now: the figures, agreement per rule / entry, and the replies the content still gets wrong. */
    public record Report(Calibration.Figures figures, List<KeyAgreement> perKey, List<Calibration.Outcome> wrong, int size) {
    }

    private CalibrationSet() {
    }

    public static List<Item> items(List<AppealLog.CalibrationRow> rows, Rubric.PolitenessParams params) {
        List<Item> items = new ArrayList<>();
        for (AppealLog.CalibrationRow r : rows) {
            Annotations original = AnnotationsJson.read(r.annotationsJson());
            Verdict verdict;
            TreeSet<String> violations;
            if (r.labelVerdict() != null) {
                verdict = Verdict.valueOf(r.labelVerdict());
                violations = new TreeSet<>(r.labelViolations() == null ? List.of() : r.labelViolations());
            } else {
                Annotations decided = Overrule.apply(original, r.overruled(), params);
                verdict = decided.politeness().verdict();
                violations = new TreeSet<>(decided.violationCategories());
            }
            violations.retainAll(Calibration.CATEGORIES);
            // a trap: a reply that looked like a violation to the scorer and is not one
            boolean trap = violations.isEmpty() && !original.violations().isEmpty();
            items.add(new Item(new Calibration.Labelled(r.sessionId() + ":" + r.seq(), r.text(), r.buyer(), r.first(), verdict,
                    violations, trap), r.keys()));
        }
        return items;
    }

    public static String jsonl(List<Item> items) {
        StringBuilder b = new StringBuilder();
        for (Item i : items) {
            Calibration.Labelled l = i.labelled();
            b.append(new JsonObject().put("id", l.id()).put("text", l.text()).put("buyer", new JsonArray(l.buyer()))
                    .put("first", l.first()).put("verdict", l.verdict().name()).put("violations", new JsonArray(List.copyOf(l.violations())))
                    .put("trap", l.trap()).encode()).append('\n');
        }
        return b.toString();
    }

    public static Report score(Scorer scorer, List<Item> items) {
        List<Calibration.Outcome> outcomes = new ArrayList<>();
        Map<String, int[]> perKey = new LinkedHashMap<>();
        List<Calibration.Outcome> wrong = new ArrayList<>();
        for (Item i : items) {
            Calibration.Outcome o = Calibration.score(scorer, i.labelled());
            outcomes.add(o);
            if (!o.agrees()) {
                wrong.add(o);
            }
            for (String key : new TreeSet<>(i.keys())) {
                int[] k = perKey.computeIfAbsent(key, x -> new int[2]);
                k[0]++;
                if (o.agrees()) k[1]++;
            }
        }
        List<KeyAgreement> keys = new ArrayList<>();
        perKey.forEach((key, k) -> keys.add(new KeyAgreement(key, k[0], k[1])));
        keys.sort((a, b) -> Double.compare(a.percent(), b.percent()));
        return new Report(Calibration.figures(outcomes), keys, wrong, items.size());
    }
}
