package io.kefutrainer.cli;

import io.kefutrainer.content.EngineSettingsReader;
import io.kefutrainer.scenario.ScenarioCatalog;
import io.kefutrainer.content.ScorerSource;
import io.kefutrainer.scenario.TranscriptRunner;
import io.kefutrainer.scenario.engine.BranchTaken;
import io.kefutrainer.scenario.load.ScenarioFile;
import io.kefutrainer.scenario.load.ScenarioFiles;
import io.kefutrainer.scenario.model.Branch;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.Step;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.Position;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.Finding;
import io.kefutrainer.scoring.Scorer;
import io.kefutrainer.scoring.Violation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * `test-scenarios [DIR|FILE…] [--trace]`: plays the scenarios' tests: transcripts through engine + scorer.
 * The last line stays `N passed, M failed` for scripts; everything above it is for the trainer, in Chinese.
 */
@Command(name = "test-scenarios", mixinStandardHelpOptions = true,
        description = {"播放场景文件里 tests: 的测试对话(引擎 + 评分器);最后一行是 'N passed, M failed',有失败时退出码 1。",
                "Play the scenarios' tests: transcripts; ends with 'N passed, M failed' (exit 1 if M > 0)."})
public final class TestScenariosCommand implements Callable<Integer> {

    @Parameters(paramLabel = "DIR|FILE", arity = "0..*", description = "场景目录或文件,可以写多个(默认 scenarios)")
    List<Path> paths = List.of(Path.of("scenarios"));

    @Option(names = "--trace", description = "逐条回复打印:评分判定、违规、命中/缺少的要点、走了哪个分支及其条件")
    boolean trace;

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
            Map<Path, TranscriptRunner> runners = new HashMap<>();
            ScenarioCatalog.Validation validation = ScenarioCatalog.validate(paths);
            // a path that does not exist: reported once, counted as a failure
            List<Diagnostic> missing = validation.diagnostics().stream().filter(d -> d.isError() && validation.files().stream()
                    .noneMatch(f -> f.file().equals(d.file()))).toList();
            missing.forEach(d -> out.println(d.format()));
            failed += missing.size();
            for (ScenarioFile file : validation.files()) {
                if (file.scenario().isEmpty()) {
                    file.diagnostics().stream().filter(Diagnostic::isError).forEach(d -> out.println(d.format()));
                    out.println("FAIL " + file.file() + ":文件有错误,没有播放它的测试对话");
                    failed++;
                    continue;
                }
                Scenario scenario = file.scenario().get();
                TranscriptRunner runner = runners.computeIfAbsent(rootOf(file.file()), root ->
                        new TranscriptRunner(scorers == null ? ScorerSource.load(root) : scorers.apply(root),
                                EngineSettingsReader.defaults()));
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
                    if (trace) {
                        printTrace(out, scenario, r);
                    }
                    if (r.last() != null) {
                        visited.addAll(r.last().visited());
                    }
                    branches.addAll(r.branchesTaken());
                }
                coverage(scenario, visited, branches).forEach(d -> out.println(d.format()));
            }
        } catch (Throwable e) {
            Path where = paths.isEmpty() ? Path.of("scenarios") : paths.get(0);
            out.println(Diagnostic.error(where, Position.START, "内部错误:" + e).format());
            failed++;
        }
        out.println("共 " + (passed + failed) + " 条测试对话:" + passed + " 条通过," + failed + " 条失败");
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed > 0 ? 1 : 0;
    }

    /** The scenarios root whose lexicon/rules score a file: the directory given, or the file's root. */
    private Path rootOf(Path file) {
        for (Path p : paths) {
            if (Files.isDirectory(p) && file.toAbsolutePath().normalize().startsWith(p.toAbsolutePath().normalize())) {
                return p;
            }
        }
        return ScenarioFiles.rootOf(file);
    }

    private static void printTrace(PrintWriter out, Scenario scenario, TranscriptRunner.Result r) {
        int n = 0;
        for (TranscriptRunner.Trace t : r.trace()) {
            n++;
            if (t.reply() == null) {
                out.println("    #" + n + " 步骤 " + t.step() + " ← 沉默 " + t.silenceS() + " 秒");
            } else {
                out.println("    #" + n + " 步骤 " + t.step() + " ← 回复「" + t.reply() + "」");
                Annotations a = t.annotations();
                out.println("       判定:" + verdict(a) + ";违规:" + violations(a));
                List<String> forbidden = a.politeness().findings().stream().filter(f -> f.type().equals("forbidden"))
                        .map(Finding::entry).toList();
                if (!forbidden.isEmpty()) {
                    out.println("       禁语:" + String.join("、", forbidden));
                }
                out.println("       要点:命中 " + list(a.facts().matched()) + ";缺少 " + list(a.facts().missing())
                        + ";不该说却说了 " + list(a.facts().said()) + ";本步累计 " + list(List.copyOf(t.heard()))
                        + ";本步第 " + attemptsAt(r, n) + " 次回复");
                if (a.offerPrice() != null) {
                    out.println("       报价:" + io.kefutrainer.scenario.model.Templates.number(a.offerPrice()));
                }
            }
            out.println("       分支:" + branch(scenario, t.branch()));
            if (!t.buyer().isEmpty()) {
                out.println("       买家:" + String.join(" / ", t.buyer()));
            }
        }
    }

    /** How many replies the step had received when the n-th input was a reply there (silences don't count). */
    private static int attemptsAt(TranscriptRunner.Result r, int n) {
        String step = r.trace().get(n - 1).step();
        int count = 0;
        for (int i = 0; i < n; i++) {
            TranscriptRunner.Trace t = r.trace().get(i);
            if (t.reply() != null && t.step().equals(step)) {
                count++;
            }
        }
        return count;
    }

    private static String verdict(Annotations a) {
        String word = switch (a.politeness().verdict()) {
            case polite -> "礼貌";
            case neutral -> "一般";
            case impolite -> "不礼貌";
        };
        return word + "(" + a.politeness().verdict() + "," + a.politeness().score() + " 分)";
    }

    private static String violations(Annotations a) {
        if (a.violations().isEmpty()) {
            return "无";
        }
        List<String> out = new ArrayList<>();
        for (Violation v : a.violations()) {
            out.add(v.category() + "(规则 " + v.rule() + ")");
        }
        return String.join("、", out);
    }

    private static String branch(Scenario scenario, BranchTaken b) {
        if (b == null) {
            return "无变化";
        }
        if (b.index() < 0) {
            return b.reason() + " → " + b.target();
        }
        return "第 " + (b.index() + 1) + " 个分支 " + b.reason() + " → " + b.target();
    }

    private static String list(List<String> ids) {
        return ids.isEmpty() ? "无" : String.join("、", ids);
    }

    private static List<Diagnostic> coverage(Scenario s, Set<String> visited, Set<String> branches) {
        List<Diagnostic> out = new ArrayList<>();
        if (s.tests().isEmpty()) {
            return out;
        }
        for (Step step : s.steps().values()) {
            if (!visited.contains(step.id())) {
                out.add(Diagnostic.warning(s.source(), step.at(), "没有测试对话走到步骤 '" + step.id() + "'"));
                continue;
            }
            for (int i = 0; i < step.branches().size(); i++) {
                Branch b = step.branches().get(i);
                if (!branches.contains(step.id() + "#" + i)) {
                    out.add(Diagnostic.warning(s.source(), b.at(), "步骤 '" + step.id() + "' 的第 " + (i + 1)
                            + " 个分支(→ " + b.target() + ")没有测试对话走过"));
                }
            }
        }
        return out;
    }
}
