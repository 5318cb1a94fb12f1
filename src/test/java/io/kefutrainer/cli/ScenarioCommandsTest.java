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
        assertTrue(r.out().endsWith("检查了 1 个场景文件:0 个错误,0 个警告" + System.lineSeparator()), r.out());
    }

    @Test
    @DisplayName("validate: errors exit 1, one positioned line each, never a stack trace")
    void validateBroken() {
        Run r = run(new ValidateCommand(), FIXTURES + "broken");
        assertEquals(1, r.exit());
        assertTrue(r.out().contains("broken-goto.yaml:23:15: error: 'dnoe' 不是步骤也不是结局"), r.out());
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
        assertTrue(r.out().startsWith("no/such/dir:1:1: error: 文件或目录不存在"), r.out());
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
        assertTrue(r.out().contains("应该走到结局 'lost',实际是结局 'done'"), r.out());
        assertTrue(r.out().contains("warning: 步骤 'ask' 的第 1 个分支(→ lost)没有测试对话走过"), r.out());
        assertTrue(r.out().endsWith("1 passed, 1 failed" + System.lineSeparator()), r.out());
    }

    @Test
    @DisplayName("test-scenarios FILE --trace: plays that one file and shows, per reply, the verdict, the points and the branch taken")
    void testScenariosTraceOneFile() throws Exception {
        Path dir = Files.createTempDirectory("kt-trace");
        String shoes = Files.readString(Path.of(FIXTURES + "valid/shoes.yaml"));
        Files.writeString(dir.resolve("ok.yaml"), shoes);
        Files.writeString(dir.resolve("other.yaml"), shoes.replace("id: shoes-width", "id: shoes-other"));
        TestScenariosCommand command = new TestScenariosCommand();
        command.scorers = p -> new MarkerScorer();
        Run r = run(command, dir.resolve("ok.yaml").toString(), "--trace");
        assertEquals(0, r.exit(), r.out());
        assertFalse(r.out().contains("shoes-other"), "only the file given is played: " + r.out());
        assertTrue(r.out().contains("#1 步骤 ask ← 回复「亲 建议42码」"), r.out());
        assertTrue(r.out().contains("判定:一般(neutral,0 分);违规:无"), r.out());
        assertTrue(r.out().contains("要点:命中 size_42;缺少 无;不该说却说了 无;本步累计 size_42;本步第 1 次回复"), r.out());
        assertTrue(r.out().contains("分支:第 2 个分支 when {has: size_42} → done"), r.out());
        assertTrue(r.out().endsWith("1 passed, 0 failed" + System.lineSeparator()), r.out());
    }

    @Test
    @DisplayName("test-scenarios with several files plays each of them")
    void testScenariosSeveralFiles() throws Exception {
        Path dir = Files.createTempDirectory("kt-files");
        String shoes = Files.readString(Path.of(FIXTURES + "valid/shoes.yaml"));
        Files.writeString(dir.resolve("a.yaml"), shoes);
        Files.writeString(dir.resolve("b.yaml"), shoes.replace("id: shoes-width", "id: shoes-b"));
        TestScenariosCommand command = new TestScenariosCommand();
        command.scorers = p -> new MarkerScorer();
        Run r = run(command, dir.resolve("a.yaml").toString(), dir.resolve("b.yaml").toString());
        assertTrue(r.out().contains("PASS shoes-width: good") && r.out().contains("PASS shoes-b: good"), r.out());
        assertTrue(r.out().endsWith("2 passed, 0 failed" + System.lineSeparator()), r.out());
    }

    @Test
    @DisplayName("Main registers both commands")
    void mainRegistersCommands() {
        CommandLine cl = new CommandLine(new Main());
        assertTrue(cl.getSubcommands().containsKey("validate"));
        assertTrue(cl.getSubcommands().containsKey("test-scenarios"));
    }
}
