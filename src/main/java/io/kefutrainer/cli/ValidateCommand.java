package io.kefutrainer.cli;

import io.kefutrainer.scenario.ScenarioCatalog;
import io.kefutrainer.scenario.yaml.Diagnostic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** `validate [DIR|FILE…]`: checks scenario files and prints `path:line:col: error|warning: message`. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check scenario files (schema, targets, reachability, ids, templates); exit 1 on any error.")
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR|FILE", arity = "0..*", description = "Scenario directories or files (default: scenarios)")
    List<Path> paths = List.of(Path.of("scenarios"));

    @Option(names = "--strict", description = "Warnings fail too.")
    boolean strict;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            ScenarioCatalog.Validation v = ScenarioCatalog.validate(paths);
            v.diagnostics().forEach(d -> out.println(d.format()));
            out.println(v.files().size() + " scenario file(s) checked: " + v.errors() + " error(s), " + v.warnings() + " warning(s)");
            out.flush();
            return v.errors() > 0 || (strict && v.warnings() > 0) ? 1 : 0;
        } catch (Throwable e) {
            // the promise is "never a stack trace": report the first path at 1:1 instead
            Path where = paths.isEmpty() ? Path.of("scenarios") : paths.get(0);
            out.println(Diagnostic.error(where, io.kefutrainer.scenario.yaml.Position.START, "internal error: " + e).format());
            out.println("0 scenario file(s) checked: 1 error(s), 0 warning(s)");
            out.flush();
            return 1;
        }
    }
}
