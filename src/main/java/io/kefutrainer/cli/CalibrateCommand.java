package io.kefutrainer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefutrainer.content.LabelledLines;
import io.kefutrainer.content.ScoringFiles;
import io.kefutrainer.scoring.Calibration;
import io.kefutrainer.scoring.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * calibrate: scores a labelled file with the current content and says how far the scorer agrees with the labels.
 * Each disagreement is one line (id, expected, got, the span that decided it); the last line is the figures as
 * JSON (see Calibration for how each is counted). Bad lines: FILE:LINE: message each, exit 1, nothing scored.
 */
@Command(name = "calibrate", mixinStandardHelpOptions = true,
        description = "Score a labelled JSON-lines file {\"id\",\"text\",\"buyer\"?,\"verdict\",\"violations\",\"trap\"?} "
                + "and report agreement: one line per disagreement, then one JSON line of figures.")
public final class CalibrateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(index = "0", paramLabel = "FILE", description = "labelled replies, one JSON object per line")
    Path file;

    @Option(names = "--scenarios", description = "content folder (lexicon/, rules.yaml, normalise.yaml)", defaultValue = "scenarios")
    Path scenarios;

    private final PrintStream out;
    private final PrintStream err;

    public CalibrateCommand() {
        this(System.out, System.err);
    }

    public CalibrateCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        List<Calibration.Labelled> labelled = readLabelled(file, err);
        if (labelled == null) {
            return 1;
        }
        if (labelled.isEmpty()) {
            err.println(file + ": no labelled replies");
            return 1;
        }
        Scorer scorer = Scorer.create(ScoringFiles.load(scenarios));
        List<Calibration.Outcome> outcomes = Calibration.scoreAll(scorer, labelled);
        for (Calibration.Outcome o : outcomes) {
            if (!o.agrees()) {
                out.println(Calibration.disagreement(o));
            }
        }
        out.println(JSON.writeValueAsString(FiguresJson.of(Calibration.figures(outcomes))));
        out.flush();
        return 0;
    }

    /**
     * Reads a labelled file in the calibrate format; on any problem prints `FILE: reason` or `FILE:LINE: message`
     * for each bad line and returns null (train-model reads its files the same way).
     */
    static List<Calibration.Labelled> readLabelled(Path file, PrintStream err) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
            return null;
        } catch (CharacterCodingException e) {
            err.println(file + ": not UTF-8 text");
            return null;
        } catch (IOException e) {
            err.println(file + ": " + e.getMessage());
            return null;
        }
        List<LabelledLines.BadLine> problems = new ArrayList<>();
        List<Calibration.Labelled> labelled = LabelledLines.parseAll(lines, problems);
        problems.forEach(p -> err.println(file + ":" + p.line() + ": " + p.getMessage()));
        return problems.isEmpty() ? labelled : null;
    }
}
