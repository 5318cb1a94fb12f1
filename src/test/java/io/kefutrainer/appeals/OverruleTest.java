package io.kefutrainer.appeals;

import io.kefutrainer.practice.AnnotationsJson;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.FactCheck;
import io.kefutrainer.scoring.Finding;
import io.kefutrainer.scoring.Politeness;
import io.kefutrainer.scoring.Rubric;
import io.kefutrainer.scoring.Verdict;
import io.kefutrainer.scoring.Violation;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A reply re-graded without what a trainer overruled: pure, no database. */
class OverruleTest {
    // the shipped rubric's bands: base 70, polite from 78, impolite below 55, severe at -25
    static final Rubric.PolitenessParams PARAMS = new Rubric.PolitenessParams(70, 78, 55, -25, Map.of(), Map.of(), Map.of());

    static Annotations reply() {
        List<Finding> findings = List.of(new Finding("greeting", 0, 2, "hello", null, 10),
                new Finding("forbidden", 3, 6, "dont-know", "换成: 我帮您查一下", -30));
        return new Annotations(new Politeness(50, Verdict.impolite, findings),
                List.of(new Violation("off_platform", "off-platform", 7, 11, "请在平台内沟通")),
                new FactCheck(List.of(), List.of(), List.of()), null, null);
    }

    @Test
    @DisplayName("ids by position: f1, f2 for findings, v1 for violations, and the verdict; written into the stored JSON")
    void ids() {
        Annotations a = reply();
        assertEquals(Set.of("verdict", "f1", "f2", "v1"), AnnotationsJson.targets(a));
        JsonObject stored = new JsonObject(AnnotationsJson.write(a));
        assertEquals("f2", stored.getJsonObject("politeness").getJsonArray("findings").getJsonObject(1).getString("id"));
        assertEquals("v1", stored.getJsonArray("violations").getJsonObject(0).getString("id"));
        assertEquals(a, AnnotationsJson.read(stored.encode()), "ids do not disturb reading the annotations back");
        JsonObject shown = new JsonObject(AnnotationsJson.presented(stored.encode(), Set.of("v1", "verdict")));
        assertEquals(true, shown.getJsonArray("violations").getJsonObject(0).getBoolean("overruled"));
        assertEquals(true, shown.getJsonObject("politeness").getBoolean("verdictOverruled"));
    }

    @Test
    @DisplayName("an overruled violation is left out; nothing overruled leaves the reply as it was")
    void violation() {
        Annotations a = reply();
        assertSame(a, Overrule.apply(a, Set.of(), PARAMS));
        Annotations b = Overrule.apply(a, Set.of("v1"), PARAMS);
        assertTrue(b.violations().isEmpty());
        assertEquals(a.politeness(), b.politeness());
    }

    @Test
    @DisplayName("an overruled forbidden phrase gives its points back and the verdict follows the bands")
    void finding() {
        Annotations b = Overrule.apply(reply(), Set.of("f2"), PARAMS);
        assertEquals(80, b.politeness().score(), "70 + 10 for the greeting");
        assertEquals(Verdict.polite, b.politeness().verdict());
        assertEquals(1, b.politeness().findings().size());
        assertEquals(1, b.violations().size());
    }

    @Test
    @DisplayName("an overruled verdict moves the reply one band up")
    void verdict() {
        Annotations b = Overrule.apply(reply(), Set.of("verdict"), PARAMS);
        assertEquals(Verdict.neutral, b.politeness().verdict());
        assertEquals(55, b.politeness().score());
    }
}
