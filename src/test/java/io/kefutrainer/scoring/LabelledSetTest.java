package io.kefutrainer.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Agreement of the scorer with human labels. labelled.jsonl carries the thresholds of issue 5; dev2.jsonl (an
 * independent writer's set, used for development) and the held-out sets holdout.jsonl and holdout2.jsonl (figures
 * only) are reported against the same targets and guarded against regressions from the level reached.
 */
@DisplayName("Scorer agreement with the labelled reply sets")
class LabelledSetTest {

    private static final Path DIR = Path.of("src/test/resources/scoring");
    private static Scorer scorer;

    @BeforeAll
    static void load() {
        scorer = Scorer.create(ScoringContent.load(Path.of("scenarios")));
    }

    record Example(String text, List<String> buyer, boolean first, Verdict label, String violation, boolean trap, String note) {
    }

    /** Figures for one set. */
    record Figures(int n, double accuracy, Map<Verdict, double[]> perClass, double violationRecall,
                   double violationPrecision, int violations, Map<String, int[]> perCategory, List<String> errors) {
    }

    @Test
    @DisplayName("labelled set: 3-class accuracy >= 90%, impolite recall >= 95%, violation recall >= 98%, precision >= 95%")
    void labelledSetMeetsThresholds() throws IOException {
        Figures f = measure(read(DIR.resolve("labelled.jsonl")));
        print("labelled.jsonl", f, true);
        assertTrue(f.n() >= 300, "labelled set has only " + f.n() + " replies");
        assertTrue(f.accuracy() >= 0.90, "3-class accuracy " + pct(f.accuracy()));
        assertTrue(f.perClass().get(Verdict.impolite)[1] >= 0.95, "impolite recall " + pct(f.perClass().get(Verdict.impolite)[1]));
        assertTrue(f.violationRecall() >= 0.98, "violation recall " + pct(f.violationRecall()));
        assertTrue(f.violationPrecision() >= 0.95, "violation precision " + pct(f.violationPrecision()));
    }

    /** Issue 5's targets, printed for every set: met or not. */
    private static final double TARGET_ACCURACY = 0.90;
    private static final double TARGET_IMPOLITE_RECALL = 0.95;
    private static final double TARGET_VIOLATION_RECALL = 0.98;
    private static final double TARGET_VIOLATION_PRECISION = 0.95;

    /** A regression bar: the level a set reached when this scorer was last tuned (or measured, for held-out sets). */
    record Bar(double accuracy, double impoliteRecall, double violationRecall, double violationPrecision) {
    }

    /**
     * dev2.jsonl: 220 replies by an independent writer who never saw the scorer, used as a development set (its
     * errors are printed and were studied). The bar guards the level reached.
     */
    @Test
    @DisplayName("dev2 set (independent writer, development): does not regress below the level reached")
    void dev2SetIsGuarded() throws IOException {
        guard("dev2.jsonl", true, new Bar(0.94, 0.97, 0.96, 0.98));
    }

    /**
     * holdout.jsonl and holdout2.jsonl: replies nobody tuned on. Only figures are printed (never the lines the scorer
     * gets wrong), so they stay held out; the bars guard the measured level against regressions.
     */
    @Test
    @DisplayName("held-out set 1: figures only; does not regress below the level reached")
    void holdoutSetIsGuarded() throws IOException {
        guard("holdout.jsonl", false, new Bar(0.88, 0.83, 0.85, 0.93));
    }

    @Test
    @DisplayName("held-out set 2 (independent writer): figures only; does not regress below the level reached")
    void holdout2SetIsGuarded() throws IOException {
        guard("holdout2.jsonl", false, new Bar(0.94, 0.90, 0.82, 0.90));
    }

    private static void guard(String name, boolean withErrors, Bar bar) throws IOException {
        Path file = DIR.resolve(name);
        if (!Files.exists(file)) {
            System.out.println(name + ": not present");
            return;
        }
        Figures f = measure(read(file));
        print(name, f, withErrors);
        double impoliteRecall = f.perClass().get(Verdict.impolite)[1];
        System.out.printf("%s issue-5 targets: accuracy >= 90%% %s, impolite recall >= 95%% %s, violation recall >= 98%% %s, "
                        + "violation precision >= 95%% %s%n", name,
                met(f.accuracy() >= TARGET_ACCURACY), met(impoliteRecall >= TARGET_IMPOLITE_RECALL),
                met(f.violationRecall() >= TARGET_VIOLATION_RECALL), met(f.violationPrecision() >= TARGET_VIOLATION_PRECISION));
        assertTrue(f.accuracy() >= bar.accuracy(), name + " 3-class accuracy regressed to " + pct(f.accuracy()));
        assertTrue(impoliteRecall >= bar.impoliteRecall(), name + " impolite recall regressed to " + pct(impoliteRecall));
        assertTrue(f.violationRecall() >= bar.violationRecall(), name + " violation recall regressed to " + pct(f.violationRecall()));
        assertTrue(f.violationPrecision() >= bar.violationPrecision(),
                name + " violation precision regressed to " + pct(f.violationPrecision()));
    }

    private static String met(boolean ok) {
        return ok ? "met" : "NOT MET";
    }

    static List<Example> read(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Example> out = new ArrayList<>();
        int lineNo = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNo++;
            if (line.isBlank()) continue;
            JsonNode n = json.readTree(line);
            List<String> buyer = new ArrayList<>();
            JsonNode b = n.get("buyer");
            if (b != null && b.isArray()) b.forEach(x -> buyer.add(x.asText()));
            else if (b != null && !b.isNull()) buyer.add(b.asText());
            JsonNode v = n.get("violation");
            out.add(new Example(n.get("text").asText(), buyer, n.path("first").asBoolean(false),
                    Verdict.valueOf(n.get("label").asText()), v == null || v.isNull() ? null : v.asText(),
                    n.path("trap").asBoolean(false), file.getFileName() + ":" + lineNo + " " + n.path("note").asText("")));
        }
        return out;
    }

    static Figures measure(List<Example> examples) {
        int correct = 0;
        Map<Verdict, int[]> counts = new EnumMap<>(Verdict.class);   // {predicted as, labelled as, both}
        for (Verdict v : Verdict.values()) counts.put(v, new int[3]);
        int tp = 0, fn = 0, fp = 0, labelledViolations = 0;
        List<String> errors = new ArrayList<>();
        Map<String, int[]> perCategory = new java.util.TreeMap<>();   // {labelled, found, predicted wrongly}
        for (Example e : examples) {
            Annotations a = scorer.score(new ReplyInput(e.text(), e.buyer(), e.first(), false, List.of(), null, null));
            Verdict got = a.politeness().verdict();
            counts.get(got)[0]++;
            counts.get(e.label())[1]++;
            if (got == e.label()) {
                correct++;
                counts.get(got)[2]++;
            } else {
                errors.add("politeness " + e.label() + " -> " + got + " (" + a.politeness().score() + ") " + e.text()
                        + " | buyer " + e.buyer() + " | " + summary(a) + " | " + e.note());
            }
            var predicted = a.violationCategories();
            if (e.violation() != null) perCategory.computeIfAbsent(e.violation(), k -> new int[3])[0]++;
            if (e.violation() != null && predicted.contains(e.violation())) perCategory.get(e.violation())[1]++;
            for (String p : predicted) {
                if (!p.equals(e.violation())) perCategory.computeIfAbsent(p, k -> new int[3])[2]++;
            }
            if (e.violation() != null) {
                labelledViolations++;
                if (predicted.contains(e.violation())) tp++;
                else {
                    fn++;
                    errors.add("missed " + e.violation() + ": " + e.text() + " | got " + predicted + " | " + e.note());
                }
            }
            if (!predicted.isEmpty() && (e.violation() == null || !predicted.contains(e.violation()))) {
                fp++;
                errors.add("false violation " + predicted + " (label " + e.violation() + "): " + e.text() + " | "
                        + a.violations() + " | " + e.note());
            }
        }
        Map<Verdict, double[]> perClass = new EnumMap<>(Verdict.class);
        counts.forEach((v, c) -> perClass.put(v, new double[]{ratio(c[2], c[0]), ratio(c[2], c[1]), c[1]}));
        return new Figures(examples.size(), ratio(correct, examples.size()), perClass, ratio(tp, tp + fn), ratio(tp, tp + fp),
                labelledViolations, perCategory, errors);
    }

    private static String summary(Annotations a) {
        StringBuilder b = new StringBuilder();
        a.politeness().findings().forEach(f -> b.append(f.type()).append(':').append(f.entry()).append(' '));
        return b.toString().trim();
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 1.0 : (double) a / b;
    }

    private static String pct(double x) {
        return String.format("%.1f%%", x * 100);
    }

    static void print(String name, Figures f, boolean withErrors) {
        System.out.printf("%n== %s: %d replies, %d with a violation ==%n", name, f.n(), f.violations());
        System.out.printf("3-class accuracy   %s%n", pct(f.accuracy()));
        System.out.printf("%-10s %9s %9s %7s%n", "class", "precision", "recall", "n");
        f.perClass().forEach((v, p) -> System.out.printf("%-10s %9s %9s %7d%n", v, pct(p[0]), pct(p[1]), (int) p[2]));
        System.out.printf("violation recall    %s%nviolation precision %s%n", pct(f.violationRecall()), pct(f.violationPrecision()));
        System.out.printf("%-20s %9s %6s %16s%n", "violation category", "labelled", "found", "wrongly flagged");
        f.perCategory().forEach((c, k) -> System.out.printf("%-20s %9d %6d %16d%n", c, k[0], k[1], k[2]));
        if (withErrors) f.errors().forEach(e -> System.out.println("  " + e));
    }
}
