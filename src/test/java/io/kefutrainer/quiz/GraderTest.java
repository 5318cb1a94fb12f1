package io.kefutrainer.quiz;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@DisplayName("grading: partial credit, negative weights, tolerance and ranges, typed-answer normalisation")
class GraderTest {
    static final QuizContent CONTENT = QuizContent.load(BankTest.VALID);

    static Question q(String id) {
        return CONTENT.question(id).orElseThrow();
    }

    @Test
    @DisplayName("single choice: the picked choice's weight, negative weights score zero, not less")
    void single() {
        assertEquals(Mark.Status.correct, Grader.grade(q("t-single"), new Response.Pick(0)).status());
        assertEquals(List.of("对,定制商品不适用。"), Grader.grade(q("t-single"), new Response.Pick(0)).feedback());
        assertEquals(Mark.Status.wrong, Grader.grade(q("t-single"), new Response.Pick(1)).status());
        assertEquals(0.5, Grader.grade(q("t-single-partial"), new Response.Pick(2)).fraction());
        assertEquals(Mark.Status.partial, Grader.grade(q("t-single-partial"), new Response.Pick(2)).status());
        assertEquals(0.0, Grader.grade(q("t-single-partial"), new Response.Pick(1)).fraction());
        assertEquals(Mark.Status.unanswered, Grader.grade(q("t-single"), null).status());
        assertEquals(Mark.Status.unanswered, Grader.grade(q("t-single"), new Response.Pick(9)).status());
    }

    @Test
    @DisplayName("multiple choice: right picks share the points, wrong picks take them away, never below zero")
    void multiple() {
        Question m = q("t-multiple");
        assertEquals(1.0, Grader.grade(m, new Response.Picks(Set.of(0, 1))).fraction());
        assertEquals(0.5, Grader.grade(m, new Response.Picks(Set.of(0))).fraction());
        assertEquals(0.0, Grader.grade(m, new Response.Picks(Set.of(0, 1, 2))).fraction(), "all options = nothing");
        assertEquals(0.0, Grader.grade(m, new Response.Picks(Set.of(0, 2))).fraction(), "clamped at zero");
        assertEquals(Mark.Status.unanswered, Grader.grade(m, new Response.Picks(Set.of())).status());
    }

    @Test
    @DisplayName("three right options of 33.33333 % each add up to full marks, not 99.99999 %")
    void thirds() {
        Question q = new Question("t", QuestionType.multiple, "", "题", List.of("c"), List.of(), null, "", List.of(), 1,
                List.of(new Choice("a", 33.33333, ""), new Choice("b", 33.33333, ""), new Choice("c", 33.33333, ""), new Choice("d", -100, "")),
                null, "", "", List.of(), List.of());
        Mark m = Grader.grade(q, new Response.Picks(Set.of(0, 1, 2)));
        assertEquals(Mark.Status.correct, m.status());
        assertEquals(1.0, m.fraction());
    }

    @Test
    @DisplayName("true/false with feedback for right and wrong answers")
    void trueFalse() {
        assertEquals(List.of("对,这是站外交易。"), Grader.grade(q("t-tf"), new Response.Truth(false)).feedback());
        assertEquals(Mark.Status.wrong, Grader.grade(q("t-tf"), new Response.Truth(true)).status());
    }

    @Test
    @DisplayName("short answer ignores 全角/半角, case, spaces and a trailing full stop; weighted alternatives")
    void shortAnswer() {
        Question s = q("t-short");
        for (String typed : List.of("ABC", "abc", "ＡＢＣ", " a b c ", "ａｂｃ。")) {
            assertEquals(Mark.Status.correct, Grader.grade(s, new Response.Text(typed)).status(), typed);
        }
        assertEquals(0.5, Grader.grade(s, new Response.Text("ABC  DEF")).fraction());
        assertEquals(Mark.Status.wrong, Grader.grade(s, new Response.Text("abd")).status());
        assertEquals(Mark.Status.unanswered, Grader.grade(s, new Response.Text("  ")).status());
    }

    @Test
    @DisplayName("numeric: exact value, value ± tolerance for part credit, a range")
    void numeric() {
        Question n = q("t-numeric");
        assertEquals(1.0, Grader.grade(n, new Response.Number(7)).fraction());
        assertEquals(0.5, Grader.grade(n, new Response.Number(6)).fraction());
        assertEquals(0.5, Grader.grade(n, new Response.Number(8)).fraction());
        assertEquals(0.0, Grader.grade(n, new Response.Number(8.01)).fraction());
        assertEquals(0.1, Grader.grade(n, new Response.Number(150)).fraction(), 1e-9);
        assertEquals(0.1, Grader.grade(n, new Response.Number(100)).fraction(), 1e-9);
        assertEquals(7.0, ShortAnswers.number("７"));
        assertEquals(1500.0, ShortAnswers.number("1,500元"));
        assertNull(ShortAnswers.number("七"));
    }

    @Test
    @DisplayName("matching: the share of pairs matched right")
    void matching() {
        Question m = q("t-match");
        List<String> rights = m.pairs().stream().map(MatchPair::right).toList();
        assertEquals(1.0, Grader.grade(m, new Response.Matches(rights)).fraction());
        assertEquals(0.5, Grader.grade(m, new Response.Matches(Arrays.asList(rights.get(0), null))).fraction());
        assertEquals(0.0, Grader.grade(m, new Response.Matches(List.of(rights.get(1), rights.get(0)))).fraction());
    }

    @Test
    @DisplayName("essays wait for a trainer; descriptions are not graded")
    void essay() {
        assertEquals(Mark.Status.pending, Grader.grade(q("t-essay"), new Response.Text("我会说……")).status());
        assertEquals(Mark.Status.unanswered, Grader.grade(q("t-essay"), new Response.Text("")).status());
    }
}
