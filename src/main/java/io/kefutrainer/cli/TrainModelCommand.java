package io.kefutrainer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefutrainer.content.ScoringFiles;
import io.kefutrainer.scoring.Calibration;
import io.kefutrainer.scoring.LearnedModel;
import io.kefutrainer.scoring.ModelTrainer;
import io.kefutrainer.scoring.Scorer;
import io.kefutrainer.scoring.ScoringContent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * train-model: rebuilds the scorer's learned layer (scenarios/model/scorer.tsv) from labelled replies in the
 * calibrate format, by default every file under scenarios/model/train/. With --cross-validate it writes nothing:
 * each file is held out in turn (trained on the others, scored with rules + model) and its figures printed, which
 * is how well the layer does on a writer it never saw.
 */
@Command(name = "train-model", mixinStandardHelpOptions = true,
        description = "Train the scorer's learned layer from labelled replies and write DIR/model/scorer.tsv.")
public final class TrainModelCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--scenarios", description = "content folder", defaultValue = "scenarios")
    Path scenarios;

    @Option(names = "--cross-validate", description = "hold out each file in turn and print its figures; write nothing")
    boolean crossValidate;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "labelled files (default: DIR/model/train/*.jsonl)")
    List<Path> files = new ArrayList<>();

    private final PrintStream out;
    private final PrintStream err;

    public TrainModelCommand() {
        this(System.out, System.err);
    }

    public TrainModelCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        List<Path> inputs = files.isEmpty() ? defaults() : files;
        if (inputs.isEmpty()) {
            err.println("train-model: no labelled files (put them in " + scenarios.resolve("model/train") + ")");
            return 1;
        }
        Map<Path, List<Calibration.Labelled>> sets = new LinkedHashMap<>();
        boolean bad = false;
        for (Path f : inputs) {
            List<Calibration.Labelled> data = CalibrateCommand.readLabelled(f, err);
            bad |= data == null;
            sets.put(f, data);
        }
        if (bad) return 1;
        ScoringContent content = ScoringFiles.load(scenarios);
        ModelTrainer trainer = new ModelTrainer(content);
        if (crossValidate) {
            List<Calibration.Outcome> pooled = new ArrayList<>();
            for (Path heldOut : sets.keySet()) {
                List<Calibration.Labelled> train = new ArrayList<>();
                sets.forEach((f, d) -> {
                    if (!f.equals(heldOut)) train.addAll(d);
                });
                LearnedModel model = trainer.train(train);
                Scorer scorer = Scorer.create(content.withModel(model));
                List<Calibration.Outcome> outcomes = Calibration.scoreAll(scorer, sets.get(heldOut));
                pooled.addAll(outcomes);
                out.println(heldOut.getFileName() + "\t" + JSON.writeValueAsString(FiguresJson.of(Calibration.figures(outcomes))));
            }
            out.println("pooled\t" + JSON.writeValueAsString(FiguresJson.of(Calibration.figures(pooled))));
            return 0;
        }
        List<Calibration.Labelled> all = new ArrayList<>();
        sets.values().forEach(all::addAll);
        Path target = scenarios.resolve(ScoringContent.MODEL_FILE);
        trainer.train(all, target);
        out.println("{\"model\":\"" + target + "\",\"replies\":" + all.size() + "}");
        return 0;
    }

    private List<Path> defaults() throws IOException {
        Path dir = scenarios.resolve("model/train");
        if (!Files.isDirectory(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
    }
}
