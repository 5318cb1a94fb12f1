package io.kefutrainer.cli;

import io.kefutrainer.quiz.QuizContent;
import io.kefutrainer.scenario.ScenarioCatalog;
import io.kefutrainer.scenario.load.ScenarioFiles;
import io.kefutrainer.yaml.Diagnostic;
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
        description = {"检查场景文件(键名、goto 目标、能否走到、规则/词条 id、模板变量)和 quizzes/ 下的题库与考试;",
                "每个问题一行 '文件:行:列: error|warning: 说明',有 error 时退出码 1(--strict:有 warning 也是 1)。"})
public final class ValidateCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR|FILE", arity = "0..*", description = "场景目录或文件(默认 scenarios)")
    List<Path> paths = List.of(Path.of("scenarios"));

    @Option(names = "--strict", description = "warning 也算失败")
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
                out.println("检查了 " + v.files().size() + " 个场景文件:" + v.errors() + " 个错误," + v.warnings() + " 个警告");
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
                out.println("检查了 " + root.resolve(QuizContent.QUIZ_DIR) + " 里的 " + quiz.files().size() + " 个题库/考试文件:"
                        + quiz.questions().size() + " 道题," + quiz.exams().size() + " 场考试,"
                        + e + " 个错误," + (shown.size() - e) + " 个警告");
                errors += e;
                warnings += shown.size() - e;
            }
            out.flush();
            return errors > 0 || (strict && warnings > 0) ? 1 : 0;
        } catch (Throwable e) {
            // the promise is "never a stack trace": report the first path at 1:1 instead
            Path where = paths.isEmpty() ? Path.of("scenarios") : paths.get(0);
            out.println(Diagnostic.error(where, io.kefutrainer.yaml.Position.START, "内部错误:" + e).format());
            out.println("检查了 0 个场景文件:1 个错误,0 个警告");
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
