package io.kefutrainer.quiz.practice;

import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuestionType;
import io.kefutrainer.quiz.QuizContent;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

@DisplayName("which banks a trainee sees, and what a bank is called")
class VisibilityTest {
    private static final long A = 1;
    private static final long B = 2;

    private static Publication pub(String bank, Long cohort, Publication.Mode mode) {
        return new Publication(bank, cohort, cohort == null ? null : "批次" + cohort, mode, 20, 80, 3, "陈老师", OffsetDateTime.now());
    }

    @Test
    @DisplayName("a cohort's own publication wins over everyone's; between two cohorts 考试 wins; other cohorts' rows are ignored")
    void cohortRowsWin() {
        List<Publication> all = List.of(
                pub("kpi", null, Publication.Mode.practice),
                pub("kpi", A, Publication.Mode.exam),
                pub("privacy", null, Publication.Mode.practice),
                pub("freight", A, Publication.Mode.practice),
                pub("freight", B, Publication.Mode.exam),
                pub("invoice", B, Publication.Mode.practice));
        Map<String, Publication> inA = PracticeQuizzes.effective(all, Set.of(A));
        assertEquals(Publication.Mode.exam, inA.get("kpi").mode());
        assertEquals(Publication.Mode.practice, inA.get("privacy").mode());
        assertEquals(Publication.Mode.practice, inA.get("freight").mode());
        assertFalse(inA.containsKey("invoice"), "published to B only");
        Map<String, Publication> inBoth = PracticeQuizzes.effective(all, Set.of(A, B));
        assertEquals(Publication.Mode.exam, inBoth.get("freight").mode());
        Map<String, Publication> inNone = PracticeQuizzes.effective(all, Set.of());
        assertEquals(Set.of("kpi", "privacy"), inNone.keySet());
        assertEquals(Publication.Mode.practice, inNone.get("kpi").mode());
    }

    private static Question q(String id, List<String> category) {
        return new Question(id, QuestionType.true_false, "", "题目", category, List.of(), null, "", List.of(), 1,
                null, true, "", "", null, null);
    }

    @Test
    @DisplayName("a bank is named by the category its questions share, else by its key")
    void bankTitles() {
        assertEquals("七天无理由", QuizContent.bankTitle("seven-day-return", List.of(q("a", List.of("七天无理由")), q("b", List.of("七天无理由")))));
        assertEquals("售后", QuizContent.bankTitle("mixed", List.of(q("a", List.of("售后", "七天无理由")), q("b", List.of("售后", "改地址")))));
        assertEquals("mixed", QuizContent.bankTitle("mixed", List.of(q("a", List.of("售后")), q("b", List.of("物流")))));
    }
}
