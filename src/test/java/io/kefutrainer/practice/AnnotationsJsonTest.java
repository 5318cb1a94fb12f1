package io.kefutrainer.practice;

import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.FactCheck;
import io.kefutrainer.scoring.Politeness;
import io.kefutrainer.scoring.Verdict;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayName("Stored annotations: must-not points said survive a round trip; older rows without them still read")
class AnnotationsJsonTest {

    @Test
    @DisplayName("facts.said is written and read back")
    void roundTrip() {
        Annotations a = new Annotations(new Politeness(80, Verdict.polite, List.of()), List.of(),
                new FactCheck(List.of("a"), List.of(), List.of("a"), List.of("free_return")), null, null);
        Annotations back = AnnotationsJson.read(AnnotationsJson.write(a));
        assertEquals(List.of("free_return"), back.facts().said());
        assertEquals(List.of("a"), back.facts().missing());
    }

    @Test
    @DisplayName("annotations stored before avoid: existed (no said) read as nothing said")
    void olderRows() {
        String old = "{\"politeness\":{\"score\":80,\"verdict\":\"polite\",\"findings\":[]},\"violations\":[],"
                + "\"facts\":{\"expected\":[\"a\"],\"matched\":[\"a\"],\"missing\":[]},\"offerPrice\":null,\"speed\":null}";
        Annotations a = AnnotationsJson.read(old);
        assertEquals(List.of(), a.facts().said());
        assertEquals(List.of("a"), a.facts().matched());
    }

    @Test
    @DisplayName("a scorecard's must-pass failures are stored as data and read back; an ungraded (unanswered) session keeps a null total")
    void scorecardRoundTrip() {
        var failure = new io.kefutrainer.scoring.MustPass("no_violations", 3, "off_platform", "off-platform");
        var graded = new io.kefutrainer.scoring.SessionResult(java.util.Map.of("rules", 75.0), 60.0, false, null, List.of(failure));
        assertEquals(graded, AnnotationsJson.readResult(AnnotationsJson.write(graded)));
        var none = new io.kefutrainer.scoring.SessionResult(java.util.Map.of("outcome", 22.5), null, false, null, List.of());
        assertEquals(null, AnnotationsJson.readResult(AnnotationsJson.write(none)).total());
    }
}
