package io.kefutrainer.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("CLI: validate covers quiz banks and exams")
class QuizValidateCommandTest {

    private record Run(int exit, List<String> lines) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return new Run(cl.execute(args), out.toString().strip().lines().toList());
    }

    @Test
    @DisplayName("the shipped content: scenarios and quizzes without errors, with a quiz summary line")
    void shippedContent() {
        Run r = run("validate", "scenarios");
        assertEquals(0, r.exit(), String.join("\n", r.lines()));
        String last = r.lines().get(r.lines().size() - 1);
        assertTrue(last.matches("检查了 scenarios/quizzes 里的 \\d+ 个题库/考试文件:\\d+ 道题,1 场考试,0 个错误,0 个警告"), last);
    }

    @Test
    @DisplayName("one bank file: only its problems, each at path:line:col, exit 1")
    void oneBrokenBank() {
        String file = "src/test/resources/quiz/broken/quizzes/broken.yaml";
        Run r = run("validate", file);
        assertEquals(1, r.exit());
        List<String> errors = r.lines().stream().filter(l -> l.contains(": error: ")).toList();
        assertEquals(6, errors.size(), String.join("\n", r.lines()));
        assertTrue(errors.stream().allMatch(l -> l.startsWith(file + ":")), String.join("\n", errors));
        assertTrue(errors.get(0).startsWith(file + ":6:5: error: 单选题需要一个完全正确的选项"), errors.get(0));
    }
}
