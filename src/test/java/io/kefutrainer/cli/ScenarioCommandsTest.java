package io.kefutrainer.cli;

import io.kefutrainer.scenario.MarkerScorer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("CLI: validate and test-scenarios exit codes and output")
class ScenarioCommandsTest {

    private static final String FIXTURES = "src/test/resources/scenario/";

    private record Run(int exit, String out) {
    }

    private static Run run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(command);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out + err.toString());
    }

    @Test
    @DisplayName("validate: a clean directory exits 0 with a summary line")
    void validateClean() {
        Run r = run(new ValidateCommand(), FIXTURES + "valid");
        assertEquals(0, r.exit(), r.out());
        assertTrue(r.out().endsWith("1 scenario file(s) checked: 0 error(s), 0 warning(s)" + System.lineSeparator()), r.out());
    }

    @Test
    @DisplayName("validate: errors exit 1, one positioned line each, never a stack trace")
    void validateBroken() {
        Run r = run(new ValidateCommand(), FIXTURES + "broken");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("broken-goto.yaml:23:15: error: 'dnoe' is not a step or ending"), r.out());
        assertFalse(r.out().contains("Exception"), r.out());
        assertFalse(r.out().contains("\tat "), r.out());
    }

    @Test
    @DisplayName("validate --strict: warnings fail too")
    void validateStrict() {
        assertEquals(0, run(new ValidateCommand(), FIXTURES + "engine").exit());
        assertEquals(1, run(new ValidateCommand(), "--strict", FIXTURES + "engine").exit());
    }

    @Test
    @DisplayName("validate: a missing path is an error, not a crash")
    void validateMissing() {
        Run r = run(new ValidateCommand(), "no/such/dir");
        assertEquals(1, r.exit());
        assertTrue(r.out().startsWith("no/such/dir:1:1: error: no such file or directory"), r.out());
    }

    @Test
    @DisplayName("test-scenarios: plays transcripts with the given scorer and ends with 'N passed, M failed'")
    void testScenarios() throws Exception {
        Path dir = Files.createTempDirectory("kt-test-scenarios");
        String shoes = Files.readString(Path.of(FIXTURES + "valid/shoes.yaml"));
        Files.writeString(dir.resolve("ok.yaml"), shoes);
        Files.writeString(dir.resolve("bad.yaml"), shoes.replace("id: shoes-width", "id: shoes-bad")
                .replace("expect: {ending: done}", "expect: {ending: lost}"));
        TestScenariosCommand command = new TestScenariosCommand();
        command.scorers = p -> new MarkerScorer();
        Run r = run(command, dir.toString());
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("PASS shoes-width: good"), r.out());
        assertTrue(r.out().contains("FAIL shoes-bad: good"), r.out());
        assertTrue(r.out().contains("expected ending 'lost', got ending 'done'"), r.out());
        assertTrue(r.out().contains("warning: branch 1 of step 'ask' (→ lost) is taken by no test transcript"), r.out());
        assertTrue(r.out().endsWith("1 passed, 1 failed" + System.lineSeparator()), r.out());
    }

    @Test
    @DisplayName("Main registers both commands")
    void mainRegistersCommands() {
        CommandLine cl = new CommandLine(new Main());
        assertTrue(cl.getSubcommands().containsKey("validate"));
        assertTrue(cl.getSubcommands().containsKey("test-scenarios"));
    }
}
