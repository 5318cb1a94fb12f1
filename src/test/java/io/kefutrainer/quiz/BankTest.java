package io.kefutrainer.quiz;

import io.kefutrainer.yaml.Diagnostic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("YAML banks and exams: reading, positioned errors, writing back")
class BankTest {
    static final Path VALID = Path.of("src/test/resources/quiz/valid");
    static final Path BROKEN = Path.of("src/test/resources/quiz/broken");

    @Test
    @DisplayName("a valid bank of every type loads with defaults, shorthand weights and the file's category")
    void validBank() {
        QuizContent content = QuizContent.load(VALID);
        assertEquals(List.of(), content.diagnostics());
        assertEquals(9, content.questions().size());
        Question multiple = content.question("t-multiple").orElseThrow();
        assertEquals(List.of("售后", "七天无理由", "排除"), multiple.category());
        assertEquals(List.of(50.0, 50.0, -100.0), multiple.choices().stream().map(Choice::weight).toList());
        Question single = content.question("t-single").orElseThrow();
        assertEquals(List.of("售后", "七天无理由"), single.category());
        assertEquals(Difficulty.easy, single.difficulty());
        assertEquals(Difficulty.medium, multiple.difficulty());
        assertEquals(2.0, content.question("t-numeric").orElseThrow().points());
        assertEquals(Boolean.FALSE, content.question("t-tf").orElseThrow().truth());
        Exam exam = content.exam("mini").orElseThrow();
        assertEquals(4, exam.questionCount());
        assertEquals(List.of("演示班"), exam.cohorts());
        assertTrue(exam.openTo(List.of("演示班")));
        assertTrue(!exam.openTo(List.of("别的班")));
    }

    @Test
    @DisplayName("broken banks and exams are reported at path:line:col, one line per problem")
    void brokenBanks() {
        QuizContent content = QuizContent.load(BROKEN);
        List<String> lines = content.diagnostics().stream().map(Diagnostic::format)
                .map(s -> s.substring(s.indexOf("quizzes/"))).toList();
        assertEquals(List.of(
                "quizzes/broken.yaml:6:5: error: 单选题需要一个完全正确的选项(correct: true 或 weight: 100)",
                "quizzes/broken.yaml:12:5: error: 多选题正分选项的 weight 加起来是 80,应该是 100",
                "quizzes/broken.yaml:21:5: error: true_false 题不用 choices:(true_false 题用 answer, feedback_right, feedback_wrong)",
                "quizzes/broken.yaml:27:13: error: 规则 'off-platfrom' 不在 rules.yaml 里(是不是要写 'off-platform'?)",
                "quizzes/broken.yaml:32:14: error: min 比 max 大",
                "quizzes/broken.yaml:34:9: error: 题目 id 'no-right-answer' 重复了(第一次写在第 3 行)",
                "quizzes/exams/too-many.yaml:7:12: error: 抽题要 50 道(50 question(s) in '测试'),题库里只有 0 道符合条件",
                "quizzes/schema-error.yaml:3:11: error: 'questions/0/type' 不能写 'singel';可选:single, multiple, true_false, short_answer, matching, numeric, essay, description(是不是要写 'single'?)",
                "quizzes/schema-error.yaml:6:5: error: 缺少必填的键 'choices'(在 'questions/1' 里)",
                "quizzes/schema-error.yaml:6:5: error: 缺少必填的键 'text'(在 'questions/1' 里)",
                "quizzes/schema-error.yaml:8:5: error: 不认识的键 'txt'(是不是要写 'text'?)"), lines);
        assertTrue(content.questions().isEmpty(), "a bank with errors is not live");
    }

    @Test
    @DisplayName("rule ids are not checked when there is no rules.yaml")
    void rulesUncheckedWithoutRulebook(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("quizzes"));
        Files.writeString(dir.resolve("quizzes/a.yaml"), """
                category: 测试
                questions:
                  - id: a
                    type: essay
                    text: 题目
                    rules: [anything]
                """);
        assertEquals(List.of(), QuizContent.load(dir).diagnostics());
    }

    @Test
    @DisplayName("the same id in two banks is an error in the second")
    void duplicateAcrossBanks(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("quizzes"));
        String bank = "category: 测试\nquestions:\n  - id: same\n    type: essay\n    text: 题目\n";
        Files.writeString(dir.resolve("quizzes/a.yaml"), bank);
        Files.writeString(dir.resolve("quizzes/b.yaml"), bank);
        List<Diagnostic> d = QuizContent.load(dir).diagnostics();
        assertEquals(1, d.size());
        assertTrue(d.get(0).format().endsWith("b.yaml:3:9: error: 题目 id 'same' 重复了(" + dir.resolve("quizzes/a.yaml") + " 里也用了)"), d.get(0).format());
    }

    @Test
    @DisplayName("BankWriter output reads back to exactly the same questions")
    void writerRoundTrip(@TempDir Path dir) throws Exception {
        QuizContent content = QuizContent.load(VALID);
        List<Question> questions = List.copyOf(content.questions().values());
        Path file = dir.resolve("out.yaml");
        Files.writeString(file, BankWriter.write(questions, "../schema/quiz.schema.json"));
        BankReader.Result again = new BankReader().read(file, Optional.of(Set.of("off-platform")));
        assertEquals(List.of(), again.diagnostics());
        assertEquals(questions, again.bank().orElseThrow().questions());
    }

    @Test
    @DisplayName("BankWriter quotes text YAML would otherwise read as something else")
    void writerQuotes() {
        for (String s : List.of("yes", "007", "- item", "a: b", "# x", " lead", "trail ", "多\n行", "\"q\"", "a #b", "@x", "null", "1e3", "")) {
            String scalar = BankWriter.scalar(s);
            assertTrue(scalar.startsWith("\""), s + " → " + scalar);
        }
        assertEquals("亲,您好", BankWriter.scalar("亲,您好"));
    }
}
