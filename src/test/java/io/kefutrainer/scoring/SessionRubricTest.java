package io.kefutrainer.scoring;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Session rubric")
class SessionRubricTest {

    private final SessionRubric rubric = SessionRubric.of(TestContent.CONTENT);

    private static Annotations reply(int politeness, int expected, int matched, List<Violation> violations, Long responseMs) {
        List<String> ids = java.util.stream.IntStream.range(0, expected).mapToObj(i -> "f" + i).toList();
        FactCheck facts = new FactCheck(ids, ids.subList(0, matched), ids.subList(matched, expected));
        Speed speed = responseMs == null ? null : new Speed(60.0, 1.0, true, responseMs);
        return new Annotations(new Politeness(politeness, Verdict.polite, List.of()), violations, facts, null, speed);
    }

    @Test
    @DisplayName("a must-not point said costs the rules dimension a violation's penalty, without a must-pass failure")
    void mustNotPointSaid() {
        Annotations said = new Annotations(new Politeness(95, Verdict.polite, List.of()), List.of(),
                new FactCheck(List.of("f0"), List.of("f0"), List.of(), List.of("free_return")), null, null);
        SessionResult r = rubric.grade(List.of(said), Outcome.converted, 5, null);
        assertEquals(100.0 - TestContent.CONTENT.rubric().violationPenalty(), r.dimensions().get("rules"));
        assertTrue(r.mustPassFailures().isEmpty());
    }

    @Test
    @DisplayName("a clean, fast, converted session with all facts earns 金牌 and passes")
    void gold() {
        SessionResult r = rubric.grade(List.of(reply(95, 1, 1, List.of(), 10_000L), reply(95, 1, 1, List.of(), 12_000L)),
                Outcome.converted, 5, null);
        assertTrue(r.passed());
        assertEquals("金牌", r.tier());
        assertEquals(100.0, r.dimensions().get("rules"));
        assertTrue(r.total() >= 90, "total " + r.total());
    }

    @Test
    @DisplayName("weights, tiers and the pass mark come from rubric.yaml: 80..90 is 银牌, 70..80 is 铜牌 and fails")
    void tiers() {
        // rules 100*40 + politeness 70*30 + speed 100*15 + outcome 60*15 -> 85
        SessionResult silver = rubric.grade(List.of(reply(70, 1, 1, List.of(), 5_000L)), Outcome.escalated, null, null);
        assertEquals(85.0, silver.total());
        assertEquals("银牌", silver.tier());
        assertTrue(silver.passed());
        // one of two facts: rules 50*40 + politeness 100*30 + speed 100*15 + outcome 100*15 -> 80 (explicit weights)
        SessionResult bronze = rubric.grade(List.of(reply(100, 2, 1, List.of(), 5_000L)), Outcome.converted, null,
                Map.of("rules", 40, "politeness", 30, "speed", 15, "outcome", 15));
        assertEquals(80.0, bronze.total());
        assertEquals("银牌", bronze.tier());
        // rules 50*40 + politeness 70*30 + speed 100*15 + outcome 100*15 -> 71
        SessionResult lower = rubric.grade(List.of(reply(70, 2, 1, List.of(), 5_000L)), Outcome.converted, null, null);
        assertEquals(71.0, lower.total());
        assertEquals("铜牌", lower.tier());
        assertFalse(lower.passed());
    }

    @Test
    @DisplayName("any violation fails the session whatever the total, and is listed first as a must-pass failure")
    void mustPass() {
        Violation v = new Violation("off_platform", "off-platform", 0, 3, "advice");
        Violation again = new Violation("off_platform", "off-platform", 5, 7, "advice");
        SessionResult r = rubric.grade(List.of(reply(100, 0, 0, List.of(), 5_000L), reply(100, 0, 0, List.of(v, again), 5_000L)),
                Outcome.converted, 5, null);
        assertFalse(r.passed());
        assertNull(r.tier());
        // data, not a sentence, once per reply and rule (two phrases of one rule are one failure): the page names the category and the rule in Chinese from the vocabulary
        assertEquals(List.of(new MustPass("no_violations", 2, "off_platform", "off-platform")), r.mustPassFailures());
    }

    @Test
    @DisplayName("a session without a reply has no grade: no politeness 0 or rules 100, no total, no tier, not passed")
    void noReplyNoGrade() {
        SessionResult r = rubric.grade(List.of(), Outcome.lost, 2, null);
        assertNull(r.total());
        assertFalse(r.graded());
        assertFalse(r.passed());
        assertNull(r.tier());
        assertEquals(java.util.Set.of("outcome"), r.dimensions().keySet());
        assertTrue(r.mustPassFailures().isEmpty());
    }

    @Test
    @DisplayName("slow replies lose speed points linearly between the target and the cut-off")
    void speed() {
        SessionResult slow = rubric.grade(List.of(reply(80, 0, 0, List.of(), 105_000L)), Outcome.converted, null, null);
        // response: halfway between 30 s and 180 s -> 50; typing 60 字/分钟 >= target -> 100; 0.7*50 + 0.3*100
        assertEquals(65.0, slow.dimensions().get("speed"));
    }
}
