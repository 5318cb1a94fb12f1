package io.kefutrainer.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("new-scenario: a commented template that validates (--strict) and whose transcripts pass")
class NewScenarioCommandTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return new Run(cl.execute(args), out.toString());
    }

    /** The shared content the real scorer and the id checks need, as in scenarios/. */
    private void copyContent() throws IOException {
        Path src = Path.of("scenarios");
        for (String name : new String[]{"rules.yaml", "rubric.yaml", "kpi.yaml", "normalise.yaml"}) {
            Files.copy(src.resolve(name), dir.resolve(name));
        }
        try (Stream<Path> files = Files.walk(src.resolve("lexicon"))) {
            for (Path p : files.toList()) {
                Path target = dir.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    @ParameterizedTest(name = "trainee first: {0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("both templates validate with --strict and pass test-scenarios with the real scorer")
    void templatesValidateAndPass(boolean traineeFirst) throws IOException {
        copyContent();
        Run made = traineeFirst
                ? run("new-scenario", "--category", "after_sales", "--id", "cui-fu", "--trainee-first", "--dir", dir.toString())
                : run("new-scenario", "--category", "logistics", "--id", "ship-time", "--dir", dir.toString());
        assertEquals(0, made.exit(), made.out());
        Path file = dir.resolve(traineeFirst ? "after_sales/cui-fu.yaml" : "logistics/ship-time.yaml");
        String text = Files.readString(file);
        assertTrue(text.contains("# ") && text.contains("avoid:"), "commented, with a must-not point");
        assertEquals(traineeFirst, text.contains("trainee_first: true"));
        Run strict = run("validate", "--strict", dir.toString());
        assertEquals(0, strict.exit(), strict.out());
        Run played = run("test-scenarios", file.toString());
        assertEquals(0, played.exit(), played.out());
        assertTrue(!played.out().contains("warning:"), "every branch is taken by a transcript: " + played.out());
    }

    @Test
    @DisplayName("an unknown category, a bad id or an existing file is a one-line error, nothing overwritten")
    void refusals() throws IOException {
        Run category = run("new-scenario", "--category", "after-sales", "--id", "x", "--dir", dir.toString());
        assertEquals(1, category.exit());
        assertTrue(category.out().contains("是不是要写 'after_sales'"), category.out());
        Run id = run("new-scenario", "--category", "size", "--id", "Bad Id", "--dir", dir.toString());
        assertEquals(1, id.exit());
        Files.createDirectories(dir.resolve("size"));
        Files.writeString(dir.resolve("size/x.yaml"), "mine");
        Run exists = run("new-scenario", "--category", "size", "--id", "x", "--dir", dir.toString());
        assertEquals(1, exists.exit());
        assertEquals("mine", Files.readString(dir.resolve("size/x.yaml")));
    }
}
