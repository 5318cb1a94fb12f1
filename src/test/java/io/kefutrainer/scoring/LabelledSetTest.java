package io.kefutrainer.scoring;

import io.kefutrainer.support.SlowTest;
import io.kefutrainer.content.LabelledLines;
import io.kefutrainer.content.ScoringFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Agreement of the scorer (rules + learned layer) with human labels, counted by {@link Calibration} as `calibrate`
 * counts it. The development sets under scenarios/model/train/ are what the learned layer is trained on, so their
 * figures only show it fits them; how it does on a writer it never saw is measured by leaving each writer out in
 * turn. The held-out sets under src/test/resources/scoring/ (holdout, holdout2 and blind3 to blind10, written blind by
 * writers who never saw the scorer) are never trained or tuned on: only their figures are printed, never their
 * lines, and their bars guard the level measured.
 */
@SlowTest
@DisplayName("Scorer agreement with the labelled reply sets")
class LabelledSetTest {

    private static final Path TRAIN = Path.of("scenarios/model/train");
    private static final Path HELD_OUT = Path.of("src/test/resources/scoring");
    private static ScoringContent content;
    private static Scorer scorer;

    /**
     * The seven trainings (one without each held-out writer, and the whole set for the shipped file) do not depend on
     * each other and each keeps one core busy for seconds, so they all start here, side by side, and a test waits for
     * the ones it reads.
     */
    private static ExecutorService trainings;
    private static final Map<String, Future<LearnedModel>> WITHOUT_WRITER = new HashMap<>();
    private static Future<Path> retrained;
    @TempDir
    static Path models;

    @BeforeAll
    static void load() throws IOException {
        content = ScoringFiles.load(Path.of("scenarios"));
        scorer = Scorer.create(content);
        List<Path> files;
        try (var s = Files.list(TRAIN)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        trainings = Executors.newFixedThreadPool(Math.max(1, Math.min(7, Runtime.getRuntime().availableProcessors())));
        retrained = trainings.submit(() -> {
            Path out = models.resolve("scorer.tsv");
            new ModelTrainer(content).train(allBut(files, null), out);
            return out;
        });
        for (Path heldOut : files) {
            if (HELD_OUT_WRITERS.contains(heldOut.getFileName().toString())) {
                WITHOUT_WRITER.put(heldOut.getFileName().toString(),
                        trainings.submit(() -> new ModelTrainer(content).train(allBut(files, heldOut))));
            }
        }
    }

    @AfterAll
    static void stop() {
        trainings.shutdownNow();
    }

    /** Every labelled reply of the files but one (none when `left` is null), in file order. */
    private static List<Calibration.Labelled> allBut(List<Path> files, Path left) throws IOException {
        List<Calibration.Labelled> data = new ArrayList<>();
        for (Path f : files) if (!f.equals(left)) data.addAll(read(f));
        return data;
    }

    /** A training's result, or the assertion or exception it failed with. */
    private static <T> T await(Future<T> training) throws IOException {
        try {
            return training.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) throw error;
            if (e.getCause() instanceof IOException io) throw io;
            if (e.getCause() instanceof RuntimeException runtime) throw runtime;
            throw new IllegalStateException(e.getCause());
        }
    }

    static List<Calibration.Labelled> read(Path file) throws IOException {
        List<LabelledLines.BadLine> problems = new ArrayList<>();
        List<Calibration.Labelled> data = LabelledLines.parseAll(Files.readAllLines(file, StandardCharsets.UTF_8), problems);
        assertTrue(problems.isEmpty(), file + ": " + problems.stream().map(p -> p.line() + ": " + p.getMessage()).toList());
        return data;
    }

    private static Calibration.Figures measure(Scorer s, List<Calibration.Labelled> data) {
        return Calibration.figures(Calibration.scoreAll(s, data));
    }

    private static void print(String name, Calibration.Figures f) {
        System.out.println(name + "\t" + io.kefutrainer.cli.FiguresJson.of(f));
    }

    /** A regression bar: the level a set reached when it was last measured. */
    record Bar(double accuracy, double impolitePrecision, double impoliteRecall, double violationPrecision,
               double violationRecall, int trapsFlagged) {
    }

    private static void meets(String name, Calibration.Figures f, Bar bar) {
        print(name, f);
        assertTrue(f.accuracy() >= bar.accuracy(), name + " accuracy " + f.accuracy());
        assertTrue(f.impolitePrecision() >= bar.impolitePrecision(), name + " impolite precision " + f.impolitePrecision());
        assertTrue(f.impoliteRecall() >= bar.impoliteRecall(), name + " impolite recall " + f.impoliteRecall());
        assertTrue(f.violationPrecision() >= bar.violationPrecision(), name + " violation precision " + f.violationPrecision());
        assertTrue(f.violationRecall() >= bar.violationRecall(), name + " violation recall " + f.violationRecall());
        assertTrue(f.trapsFlagged() <= bar.trapsFlagged(), name + " traps flagged " + f.trapsFlagged());
    }

    @Test
    @DisplayName("development sets (≥ 1,500 replies from six writers): the shipped scorer agrees with the labels it was built on")
    void developmentSetsFit() throws IOException {
        List<Calibration.Labelled> all = new ArrayList<>();
        try (var files = Files.list(TRAIN)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                List<Calibration.Labelled> data = read(f);
                print(f.getFileName().toString(), measure(scorer, data));
                all.addAll(data);
            }
        }
        assertTrue(all.size() >= 1500, "development data has only " + all.size() + " replies");
        // the issue-5 thresholds on the original labelled set still hold
        meets("labelled.jsonl", measure(scorer, read(TRAIN.resolve("labelled.jsonl"))), new Bar(0.90, 0.90, 0.95, 0.95, 0.98, 0));
    }

    /**
     * Generalisation to a writer the layer never saw: each writer of {@link #HELD_OUT_WRITERS} is held out in turn,
     * the layer trained on all the other sets, and the held-out set scored with rules + that layer.
     */
    /**
     * The writers held out in turn: one from each round of writers (a training takes ~15 s, so all 22 would add
     * minutes to every build; `train-model --cross-validate` holds out every file).
     */
    private static final java.util.Set<String> HELD_OUT_WRITERS = java.util.Set.of(
            "dev-w1.jsonl", "dev-w5.jsonl", "dev-w9.jsonl", "dev-w13.jsonl", "dev-w17.jsonl", "dev-w21.jsonl");

    @Test
    @DisplayName("leave-one-writer-out (six writers, pooled): accuracy ≥ 92 %, impolite P ≥ 93 % and R ≥ 91 %, violation P ≥ 93 % and R ≥ 92 %")
    void generalisesToUnseenWriters() throws IOException {
        List<Path> files;
        try (var s = Files.list(TRAIN)) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        List<Calibration.Outcome> pooled = new ArrayList<>();
        for (Path heldOut : files) {
            if (!HELD_OUT_WRITERS.contains(heldOut.getFileName().toString())) continue;
            Scorer s = Scorer.create(content.withModel(await(WITHOUT_WRITER.get(heldOut.getFileName().toString()))));
            List<Calibration.Outcome> outcomes = Calibration.scoreAll(s, read(heldOut));
            print("held out " + heldOut.getFileName(), Calibration.figures(outcomes));
            pooled.addAll(outcomes);
        }
        assertEquals(HELD_OUT_WRITERS.size() * 300 + 50, pooled.size(), "every held-out writer was found");
        // pooled: one writer alone swings with its own taste (w21's brief-but-friendly replies are polite to
        // some leads and neutral to others), six writers together show how the layer does on a stranger
        meets("six writers held out in turn, pooled", Calibration.figures(pooled), new Bar(0.92, 0.93, 0.91, 0.93, 0.92, 12));
    }

    @Test
    @DisplayName("shipped model file is what train-model builds from scenarios/model/train (retrained here, byte for byte)")
    void shippedModelIsUpToDate() throws IOException {
        Path out = await(retrained);
        assertEquals(Files.readString(Path.of("scenarios").resolve(ScoringContent.MODEL_FILE)), Files.readString(out),
                "scenarios/model/scorer.tsv is stale: run `java -jar target/kefu-trainer.jar train-model`");
    }

    @Test
    @DisplayName("held-out sets (never trained or tuned on): figures only, guarded at the level measured")
    void heldOutSetsAreGuarded() throws IOException {
        meets("holdout.jsonl", measure(scorer, read(HELD_OUT.resolve("holdout.jsonl"))), new Bar(0.97, 0.97, 0.95, 0.97, 0.93, 0));
        meets("holdout2.jsonl", measure(scorer, read(HELD_OUT.resolve("holdout2.jsonl"))), new Bar(0.98, 0.95, 0.95, 0.96, 0.98, 0));
        meets("blind3.jsonl", measure(scorer, read(HELD_OUT.resolve("blind3.jsonl"))), new Bar(0.96, 1.00, 0.92, 0.89, 0.95, 1));
        meets("blind4.jsonl", measure(scorer, read(HELD_OUT.resolve("blind4.jsonl"))), new Bar(0.96, 0.94, 0.96, 0.98, 0.97, 0));
        meets("blind5.jsonl", measure(scorer, read(HELD_OUT.resolve("blind5.jsonl"))), new Bar(0.96, 0.96, 0.98, 0.96, 0.95, 1));
        meets("blind6.jsonl", measure(scorer, read(HELD_OUT.resolve("blind6.jsonl"))), new Bar(0.99, 0.99, 0.99, 0.97, 1.00, 1));
        meets("blind7.jsonl", measure(scorer, read(HELD_OUT.resolve("blind7.jsonl"))), new Bar(0.96, 0.96, 0.99, 0.97, 0.90, 0));
        meets("blind8.jsonl", measure(scorer, read(HELD_OUT.resolve("blind8.jsonl"))), new Bar(0.95, 1.00, 0.89, 0.98, 0.89, 0));
        meets("blind9.jsonl", measure(scorer, read(HELD_OUT.resolve("blind9.jsonl"))), new Bar(0.92, 0.96, 0.90, 0.94, 0.88, 1));
        meets("blind10.jsonl", measure(scorer, read(HELD_OUT.resolve("blind10.jsonl"))), new Bar(0.92, 0.97, 0.92, 0.97, 0.95, 0));
    }
}
