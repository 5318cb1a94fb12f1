package io.kefutrainer.quiz;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("quiz content in scenarios/quizzes: valid, large enough, every type, the 岗前考试")
class QuizContentTest {
    static final Path SCENARIOS = Path.of("scenarios");
    static final QuizContent CONTENT = QuizContent.load(SCENARIOS);

    @Test
    @DisplayName("the banks and the exam validate without errors or warnings")
    void valid() {
        assertEquals(List.of(), CONTENT.diagnostics());
    }

    @Test
    @DisplayName("at least 200 answerable questions (issue 15) over at least 6 categories, every type, every difficulty, each with a 解析")
    void enoughContent() {
        List<Question> answerable = CONTENT.questions().values().stream().filter(q -> q.type().answerable()).toList();
        assertTrue(answerable.size() >= 200, "only " + answerable.size());
        Map<String, Long> categories = answerable.stream().collect(Collectors.groupingBy(q -> q.category().get(0), Collectors.counting()));
        assertTrue(categories.size() >= 6, categories.toString());
        Set<QuestionType> types = EnumSet.noneOf(QuestionType.class);
        CONTENT.questions().values().forEach(q -> types.add(q.type()));
        assertEquals(EnumSet.allOf(QuestionType.class), types);
        Set<Difficulty> difficulties = EnumSet.noneOf(Difficulty.class);
        answerable.forEach(q -> difficulties.add(q.difficulty()));
        assertEquals(EnumSet.allOf(Difficulty.class), difficulties);
        answerable.forEach(q -> assertTrue(!q.explanation().isBlank(), q.id() + " has no 解析"));
    }

    @Test
    @DisplayName("岗前考试 draws its full count without repeats, open to every cohort")
    void preShiftExam() {
        Exam exam = CONTENT.exam("pre-shift").orElseThrow();
        assertEquals("岗前考试", exam.title());
        assertTrue(exam.cohorts().isEmpty());
        for (int seed = 0; seed < 50; seed++) {
            Paper paper = Paper.draw(exam, CONTENT, new Random(seed));
            assertEquals(exam.questionCount(), paper.items().size());
            assertEquals(paper.items().size(), paper.items().stream().map(Paper.Item::questionId).distinct().count());
            paper.items().forEach(i -> assertTrue(CONTENT.question(i.questionId()).orElseThrow().type().autoGraded()));
        }
    }

    @Test
    @DisplayName("the schemas in scenarios/schema are the ones the validator uses")
    void schemaCopies() throws Exception {
        for (String name : List.of("quiz.schema.json", "exam.schema.json")) {
            try (InputStream in = QuizContentTest.class.getResourceAsStream("/io/kefutrainer/quiz/" + name)) {
                assertArrayEquals(in.readAllBytes(), Files.readAllBytes(SCENARIOS.resolve("schema").resolve(name)),
                        "copy src/main/resources/io/kefutrainer/quiz/" + name + " to scenarios/schema/");
            }
        }
    }
}
