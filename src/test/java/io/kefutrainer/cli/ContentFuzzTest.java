package io.kefutrainer.cli;

import io.kefutrainer.support.SlowTest;
import io.kefutrainer.fuzz.Hostile;
import io.kefutrainer.fuzz.Mutator;
import io.kefutrainer.quiz.QuizContent;
import io.kefutrainer.scenario.load.ScenarioFiles;
import io.kefutrainer.yaml.Diagnostic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Seeded, bounded fuzzing of trainer content through the CLI entry points trainers use: real scenario files and
 * quiz banks mutated line-, token- and byte-wise and fed to `validate`, real GIFT/Aiken files mutated and fed to
 * `quiz-import`. Every case must end within its time limit with exit 0 or 1, and every line it prints about the
 * file must be positioned (FILE:LINE:COL) — never an exception, a stack trace or an "internal error" (内部错误).
 * Set -Dkt.fuzz.seed=N to replay another seed, -Dkt.fuzz.cases=N for more cases.
 */
@SlowTest
@DisplayName("fuzz: mutated scenario YAML, quiz banks and GIFT/Aiken files give positioned errors, never a crash or a hang")
class ContentFuzzTest {
    static final long SEED = Long.getLong("kt.fuzz.seed", 20261123L);
    static final int CASES = Integer.getInteger("kt.fuzz.cases", 120);
    static final Duration PER_CASE = Duration.ofSeconds(10);

    private static Path work;

    @BeforeAll
    static void setUp() throws IOException {
        work = Files.createTempDirectory("kt-fuzz");
        // a content root like scenarios/: shared rules and lexicon beside the mutated files
        Files.copy(Path.of("scenarios/rules.yaml"), work.resolve("rules.yaml"));
        copyTree(Path.of("scenarios/lexicon"), work.resolve("lexicon"));
        Files.createDirectories(work.resolve("cases"));
        Files.createDirectories(work.resolve("quizzes"));
    }

    @AfterAll
    static void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    record Run(int exit, String out) {
    }

    static Run cli(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        int exit = cl.execute(args);
        return new Run(exit, out.toString());
    }

    // ------------------------------------------------------------------ scenario files

    @Test
    @DisplayName("mutated scenario files → `validate` prints only positioned errors")
    void scenarioFiles() throws IOException {
        List<Path> sources = ScenarioFiles.under(Path.of("scenarios")).stream()
                .filter(p -> !p.toString().contains("/quizzes/")).toList();
        assertTrue(sources.size() >= 10, "real scenario files to start from: " + sources);
        Random random = new Random(SEED);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Path source = sources.get(random.nextInt(sources.size()));
            byte[] mutated = Mutator.mutate(Files.readAllBytes(source), random, 1 + random.nextInt(3));
            Path file = work.resolve("cases/case-" + i + ".yaml");
            Files.write(file, mutated);
            checkValidate(file, "seed " + SEED + " case " + i + " from " + source, failures);
            Files.delete(file);
        }
        assertEquals(List.of(), failures);
    }

    @Test
    @DisplayName("hostile YAML (alias bombs, recursive aliases, 10,000-deep nesting, huge numbers, tags) is rejected quickly")
    void hostileYaml() throws IOException {
        List<String> failures = new ArrayList<>();
        List<String> cases = Hostile.yamlDocuments();
        for (int i = 0; i < cases.size(); i++) {
            Path file = work.resolve("cases/hostile-" + i + ".yaml");
            Files.writeString(file, cases.get(i));
            Run r = checkValidate(file, "hostile case " + i, failures);
            if (i < 3 && r != null) { // the bombs: refused, not silently accepted
                if (r.exit() != 1) {
                    failures.add("hostile case " + i + " was accepted: " + r.out());
                }
            }
            Files.delete(file);
        }
        assertEquals(List.of(), failures);
    }

    private static Run checkValidate(Path file, String label, List<String> failures) {
        Run r;
        try {
            r = assertTimeoutPreemptively(PER_CASE, () -> cli("validate", file.toString()), label + ": no answer within " + PER_CASE);
        } catch (AssertionError e) {
            failures.add(e.getMessage());
            return null;
        }
        checkOutput(r, file, label, failures, true);
        return r;
    }

    // ------------------------------------------------------------------ quiz banks (YAML)

    @Test
    @DisplayName("mutated quiz banks → `validate` prints only positioned errors")
    void quizBanks() throws IOException {
        List<Path> sources;
        try (Stream<Path> files = Files.list(Path.of("scenarios/quizzes"))) {
            sources = files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertTrue(sources.size() >= 5, "real banks to start from");
        Random random = new Random(SEED + 1);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES / 2; i++) {
            Path source = sources.get(random.nextInt(sources.size()));
            Path file = work.resolve("quizzes/bank-" + i + ".yaml");
            Files.write(file, Mutator.mutate(Files.readAllBytes(source), random, 1 + random.nextInt(3)));
            checkValidate(file, "seed " + SEED + " bank case " + i + " from " + source, failures);
            Files.delete(file);
        }
        assertEquals(List.of(), failures);
    }

    // ------------------------------------------------------------------ GIFT / Aiken

    @Test
    @DisplayName("mutated GIFT and Aiken files → `quiz-import` imports them or prints positioned errors and writes nothing")
    void giftAndAiken() throws IOException {
        Path dir = Path.of("src/test/resources/quiz/gift");
        List<Path> sources = List.of(dir.resolve("every-construct.gift"), dir.resolve("broken.gift"),
                dir.resolve("good.aiken"), dir.resolve("broken.aiken"));
        Random random = new Random(SEED + 2);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < CASES; i++) {
            Path source = sources.get(random.nextInt(sources.size()));
            String ext = source.toString().endsWith(".aiken") ? ".aiken" : ".gift";
            byte[] bytes = Files.readAllBytes(source);
            byte[] mutated = random.nextInt(3) == 0 ? Mutator.mutate(bytes, random, 1 + random.nextInt(3))
                    : Mutator.mutateGift(bytes, random, 1 + random.nextInt(4));
            checkImport(mutated, ext, "seed " + SEED + " import case " + i + " from " + source, i, failures);
        }
        List<String> hostile = Hostile.giftDocuments();
        for (int i = 0; i < hostile.size(); i++) {
            checkImport(hostile.get(i).getBytes(StandardCharsets.UTF_8), ".gift", "hostile GIFT " + i, CASES + i, failures);
        }
        assertEquals(List.of(), failures);
    }

    private static void checkImport(byte[] content, String ext, String label, int n, List<String> failures) throws IOException {
        Path file = work.resolve("cases/import-" + n + ext);
        Files.write(file, content);
        Path to = work.resolve("imported-" + n).resolve("quizzes");
        Run r;
        try {
            r = assertTimeoutPreemptively(PER_CASE, () -> cli("quiz-import", file.toString(), "--to", to.toString()),
                    label + ": no answer within " + PER_CASE);
        } catch (AssertionError e) {
            failures.add(e.getMessage());
            return;
        }
        checkOutput(r, file, label, failures, false);
        if (r.exit() != 0 && Files.exists(to)) {
            failures.add(label + ": a failed import wrote " + to);
        }
        if (r.exit() == 0) { // "a valid bank or nothing": what was written passes the bank checks
            QuizContent written = QuizContent.load(to.getParent());
            List<String> errors = written.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList();
            if (!errors.isEmpty() || written.questions().isEmpty()) {
                failures.add(label + ": the imported bank does not validate: " + errors);
            }
        }
        Files.delete(file);
    }

    // ------------------------------------------------------------------ the promise

    private static final Pattern STACK = Pattern.compile("(?m)^\\s+at [\\w.$]+\\(|Exception|internal error|内部错误|Error:");

    private static void checkOutput(Run r, Path file, String label, List<String> failures, boolean validate) {
        String out = r.out();
        if (r.exit() != 0 && r.exit() != 1) {
            failures.add(label + ": exit " + r.exit() + "\n" + out);
        }
        if (STACK.matcher(out).find()) {
            failures.add(label + ": not a plain positioned message\n" + clip(out));
            return;
        }
        String prefix = file.toString() + ":";
        Pattern positioned = Pattern.compile(Pattern.quote(prefix) + "\\d+:\\d+: ");
        List<String> lines = out.lines().filter(l -> !l.isBlank()).toList();
        boolean anyError = false;
        for (String line : lines) {
            if (line.startsWith(prefix)) {
                anyError |= validate ? line.contains(": error: ") : true;
                if (!positioned.matcher(line).lookingAt()) {
                    failures.add(label + ": unpositioned line: " + clip(line));
                }
            } else if (validate && !line.matches("检查了 .*个(场景文件|题库/考试文件):.*")) {
                failures.add(label + ": unexpected line: " + clip(line));
            } else if (!validate && !line.startsWith("{") && !line.startsWith("wrote ") && !line.contains("imported")) {
                failures.add(label + ": unexpected line: " + clip(line));
            }
        }
        if (r.exit() == 1 && !anyError) {
            failures.add(label + ": exit 1 without a positioned error\n" + clip(out));
        }
    }

    private static String clip(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "…" : s;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
