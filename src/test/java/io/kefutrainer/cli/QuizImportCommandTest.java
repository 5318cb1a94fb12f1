package io.kefutrainer.cli;

import io.kefutrainer.quiz.QuizContent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("CLI: quiz-import writes a valid bank or nothing")
class QuizImportCommandTest {
    private static final Path GIFT = Path.of("src/test/resources/quiz/gift");

    private record Run(int exit, String out) {
        String lastLine() {
            String[] lines = out.strip().split("\\R");
            return lines[lines.length - 1];
        }
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return new Run(cl.execute(args), out.toString());
    }

    @Test
    @DisplayName("a GIFT file with every construct becomes a bank that validates; the last line is the JSON summary")
    void importsGift(@TempDir Path root) throws Exception {
        Path quizzes = root.resolve("quizzes");
        Run r = run("quiz-import", GIFT.resolve("every-construct.gift").toString(), "--to", quizzes.toString());
        assertEquals(0, r.exit(), r.out());
        assertEquals("{\"imported\":18,\"types\":{\"single\":1,\"multiple\":1,\"true_false\":5,\"short_answer\":4,"
                + "\"matching\":1,\"numeric\":4,\"essay\":1},\"categories\":[\"售后/七天无理由\",\"KPI/时长\"]}", r.lastLine());
        Path bank = quizzes.resolve("every-construct.yaml");
        assertTrue(Files.readString(bank).startsWith("# yaml-language-server: $schema="));
        QuizContent content = QuizContent.load(root);
        assertEquals(List.of(), content.diagnostics());
        assertEquals(18, content.questions().size());
    }

    @Test
    @DisplayName("broken GIFT: FILE:LINE:COL per broken question, exit 1, nothing written")
    void brokenGift(@TempDir Path root) throws Exception {
        Path to = root.resolve("quizzes");
        String file = GIFT.resolve("broken.gift").toString();
        Run r = run("quiz-import", file, "--to", to.toString());
        assertEquals(1, r.exit());
        assertEquals(List.of(
                file + ":5:11: 答案块 '{' 没有用 '}' 结束",
                file + ":7:12: 分值 'abc' 不是数",
                file + ":9:12: '七' 不是数、数值:误差 或 下限..上限",
                file + ":13:11: 正分值加起来是 0%,应为 100%"), r.out().strip().lines().toList());
        assertFalse(Files.exists(to), "nothing written, not even the directory");
    }

    @Test
    @DisplayName("Aiken by extension or --format; broken Aiken writes nothing")
    void aiken(@TempDir Path root) throws Exception {
        Path to = root.resolve("quizzes");
        Run ok = run("quiz-import", GIFT.resolve("good.aiken").toString(), "--to", to.toString(), "--category", "售后/改地址");
        assertEquals(0, ok.exit(), ok.out());
        assertEquals("{\"imported\":2,\"types\":{\"single\":2},\"categories\":[\"售后/改地址\"]}", ok.lastLine());
        Path copy = root.resolve("bank.txt");
        Files.copy(GIFT.resolve("broken.aiken"), copy);
        Run bad = run("quiz-import", copy.toString(), "--format", "aiken", "--to", to.toString());
        assertEquals(1, bad.exit());
        assertEquals(3, bad.out().strip().lines().count(), bad.out());
        try (Stream<Path> files = Files.list(to)) {
            assertEquals(List.of(to.resolve("good.yaml")), files.toList());
        }
    }

    @Test
    @DisplayName("an existing bank is not replaced without --force, and ids may not clash with other banks")
    void noOverwriteNoClash(@TempDir Path root) throws Exception {
        Path to = root.resolve("quizzes");
        String file = GIFT.resolve("good.aiken").toString();
        assertEquals(0, run("quiz-import", file, "--to", to.toString()).exit());
        Run again = run("quiz-import", file, "--to", to.toString());
        assertEquals(1, again.exit());
        assertTrue(again.out().contains("exists; use --force"), again.out());
        assertEquals(0, run("quiz-import", file, "--to", to.toString(), "--force").exit());
        Path other = root.resolve("other.aiken");
        Files.copy(GIFT.resolve("good.aiken"), other);
        Run clash = run("quiz-import", other.toString(), "--to", to.toString(), "--prefix", "good");
        assertEquals(1, clash.exit());
        assertTrue(clash.out().contains("question id 'good-001' is already used in"), clash.out());
    }

    @Test
    @DisplayName("[rule:] ids are checked against rules.yaml beside DIR, so an import never fails validate later")
    void ruleIds(@TempDir Path root) throws Exception {
        Files.copy(Path.of("scenarios/rules.yaml"), root.resolve("rules.yaml"));
        Path gift = root.resolve("r.gift");
        Files.writeString(gift, "// [rule:review-cashback]\n好评返现可以吗 {F}\n\n// [tag:x] [rule:nope]\n题 {T}\n");
        Run r = run("quiz-import", gift.toString(), "--to", root.resolve("quizzes").toString());
        assertEquals(1, r.exit());
        assertEquals(gift + ":4:12: 规则 'nope' 不在 rules.yaml 里", r.out().strip());
        assertFalse(Files.exists(root.resolve("quizzes")));
    }

    @Test
    @DisplayName("a file that is not UTF-8 is one positioned error")
    void notUtf8(@TempDir Path root) throws Exception {
        Path gbk = root.resolve("gbk.gift");
        Files.write(gbk, "题目 {T}".getBytes("GBK"));
        Run r = run("quiz-import", gbk.toString(), "--to", root.resolve("q").toString());
        assertEquals(1, r.exit());
        assertEquals(gbk + ":1:1: 文件不是 UTF-8 文本(请另存为 UTF-8)", r.out().strip());
    }
}
