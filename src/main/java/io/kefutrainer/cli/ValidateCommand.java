package io.kefutrainer.cli;

import io.kefutrainer.quiz.QuizContent;
import io.kefutrainer.scenario.ScenarioCatalog;
import io.kefutrainer.scenario.load.ScenarioFiles;
import io.kefutrainer.scenario.yaml.Diagnostic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * `validate [DIR|FILE…]`: checks scenario files and quiz banks/exams (DIR/quizzes) and prints
 * `path:line:col: error|warning: message`.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = {"Check scenario files (schema, targets, reachability, ids, templates) and the quiz banks",
                "and exams under quizzes/ (schema, answers, weights, rule ids, draws); exit 1 on any error."})
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
            List<Path> scenarioPaths = new ArrayList<>();
            Set<Path> quizRoots = new LinkedHashSet<>();
            Set<Path> quizFiles = new LinkedHashSet<>();
            for (Path path : paths) {
                if (Files.isRegularFile(path) && isQuizFile(path)) {
                    quizFiles.add(path.toAbsolutePath().normalize());
                    quizRoots.add(quizRoot(path));
                } else {
                    scenarioPaths.add(path);
                    if (Files.isDirectory(path.resolve(QuizContent.QUIZ_DIR))) {
                        quizRoots.add(path);
                    }
                }
            }
            long errors = 0;
            long warnings = 0;
            if (!scenarioPaths.isEmpty() || quizRoots.isEmpty()) {
                ScenarioCatalog.Validation v = ScenarioCatalog.validate(scenarioPaths);
                v.diagnostics().forEach(d -> out.println(d.format()));
                out.println(v.files().size() + " scenario file(s) checked: " + v.errors() + " error(s), " + v.warnings() + " warning(s)");
                errors += v.errors();
                warnings += v.warnings();
            }
            for (Path root : quizRoots) {
                QuizContent quiz = QuizContent.load(root);
                List<Diagnostic> shown = quiz.diagnostics().stream()
                        .filter(d -> quizFiles.isEmpty() || scenarioPaths.contains(root) || quizFiles.contains(d.file().toAbsolutePath().normalize()))
                        .toList();
                shown.forEach(d -> out.println(d.format()));
                long e = shown.stream().filter(Diagnostic::isError).count();
                out.println(quiz.files().size() + " quiz file(s) checked in " + root.resolve(QuizContent.QUIZ_DIR) + ": "
                        + quiz.questions().size() + " question(s), " + quiz.exams().size() + " exam(s), "
                        + e + " error(s), " + (shown.size() - e) + " warning(s)");
                errors += e;
                warnings += shown.size() - e;
            }
            out.flush();
            return errors > 0 || (strict && warnings > 0) ? 1 : 0;
        } catch (Throwable e) {
            // the promise is "never a stack trace": report the first path at 1:1 instead
            Path where = paths.isEmpty() ? Path.of("scenarios") : paths.get(0);
            out.println(Diagnostic.error(where, io.kefutrainer.scenario.yaml.Position.START, "internal error: " + e).format());
            out.println("0 scenario file(s) checked: 1 error(s), 0 warning(s)");
            out.flush();
            return 1;
        }
    }

    /** A YAML file inside a quizzes/ directory is a bank or an exam, not a scenario. */
    private static boolean isQuizFile(Path file) {
        for (Path part : file.toAbsolutePath().normalize()) {
            if (part.toString().equals(QuizContent.QUIZ_DIR)) {
                return true;
            }
        }
        return false;
    }

    /** The scenarios root above a quiz file: the parent of its quizzes/ directory. */
    private static Path quizRoot(Path file) {
        Path root = ScenarioFiles.rootOf(file);
        for (Path d = file.toAbsolutePath().normalize().getParent(); d != null; d = d.getParent()) {
            if (d.getFileName() != null && d.getFileName().toString().equals(QuizContent.QUIZ_DIR)) {
                Path parent = d.getParent();
                // keep the path as the trainer typed it when rootOf already found the same place
                return parent.equals(root.toAbsolutePath().normalize()) ? root : parent;
            }
        }
        return root;
    }
}
