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
}
