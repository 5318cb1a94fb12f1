package io.kefutrainer.cli;

import io.kefutrainer.scenario.ScenarioCatalog;
import io.kefutrainer.scenario.ScorerSource;
import io.kefutrainer.scenario.TranscriptRunner;
import io.kefutrainer.scenario.load.ScenarioFile;
import io.kefutrainer.scenario.model.Branch;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.Step;
import io.kefutrainer.scenario.yaml.Diagnostic;
import io.kefutrainer.scenario.yaml.Position;
import io.kefutrainer.scoring.Scorer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/** `test-scenarios [DIR]`: plays every scenario's tests: transcripts through engine + scorer. */
@Command(name = "test-scenarios", mixinStandardHelpOptions = true,
        description = "Play every scenario's tests: transcripts; ends with 'N passed, M failed' (exit 1 if M > 0).")
public final class TestScenariosCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "Scenarios directory (default: scenarios)")
    Path dir = Path.of("scenarios");

    @Spec
    CommandSpec spec;

    /** Tests set a fake scorer here; null means {@link ScorerSource}. */
    Function<Path, Scorer> scorers;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        try {
            Scorer scorer;
            if (scorers == null) {
                scorer = ScorerSource.load(dir);
            } else {
                scorer = scorers.apply(dir);
            }
            TranscriptRunner runner = new TranscriptRunner(scorer);
            ScenarioCatalog.Validation validation = ScenarioCatalog.validate(List.of(dir));
            for (ScenarioFile file : validation.files()) {
                if (file.scenario().isEmpty()) {
                    file.diagnostics().stream().filter(Diagnostic::isError).forEach(d -> out.println(d.format()));
                    out.println("FAIL " + file.file() + ": invalid file, its transcripts were not played");
                    failed++;
                    continue;
                }
                Scenario scenario = file.scenario().get();
                Set<String> visited = new HashSet<>();
                Set<String> branches = new HashSet<>();
                for (TranscriptRunner.Result r : runner.runAll(scenario)) {
                    if (r.passed()) {
                        passed++;
                        out.println("PASS " + scenario.id() + ": " + r.test().name() + " → " + r.last().ending());
                    } else {
                        failed++;
                        out.println("FAIL " + scenario.id() + ": " + r.test().name() + " (" + file.file() + ":" + r.test().at() + ")");
                        r.problems().forEach(p -> out.println("    " + p));
                    }
                    if (r.last() != null) {
                        visited.addAll(r.last().visited());
                    }
                    branches.addAll(r.branchesTaken());
                }
                coverage(scenario, visited, branches).forEach(d -> out.println(d.format()));
            }
        } catch (Throwable e) {
            out.println(Diagnostic.error(dir, Position.START, "internal error: " + e).format());
            failed++;
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed > 0 ? 1 : 0;
    }

    private static List<Diagnostic> coverage(Scenario s, Set<String> visited, Set<String> branches) {
        List<Diagnostic> out = new java.util.ArrayList<>();
        if (s.tests().isEmpty()) {
            return out;
        }
        for (Step step : s.steps().values()) {
            if (!visited.contains(step.id())) {
                out.add(Diagnostic.warning(s.source(), step.at(), "step '" + step.id() + "' is reached by no test transcript"));
                continue;
            }
            for (int i = 0; i < step.branches().size(); i++) {
                Branch b = step.branches().get(i);
                if (!branches.contains(step.id() + "#" + i)) {
                    out.add(Diagnostic.warning(s.source(), b.at(), "branch " + (i + 1) + " of step '" + step.id()
                            + "' (→ " + b.target() + ") is taken by no test transcript"));
                }
            }
        }
        return out;
    }
}
