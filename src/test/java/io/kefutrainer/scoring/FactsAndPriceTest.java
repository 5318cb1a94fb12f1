package io.kefutrainer.scoring;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@DisplayName("Expected facts and offered price")
class FactsAndPriceTest {

    private static FactCheck facts(String reply, ExpectedFact... expected) {
        return TestContent.SCORER.score(new ReplyInput(reply, List.of(), false, false, List.of(expected), null, null)).facts();
    }

    @Test
    @DisplayName("a fact matches through normalisation: 三天 = 3天, Ｓ码 = S码")
    void normalisedFacts() {
        ExpectedFact ship = new ExpectedFact("ship", List.of("3天内发货"), 5);
        assertEquals(List.of("ship"), facts("亲,三天内发货哦", ship).matched());
        ExpectedFact size = new ExpectedFact("size_s", List.of("S码"), 10);
        assertEquals(List.of("size_s"), facts("建议拍Ｓ码哦", size).matched());
    }

    @Test
    @DisplayName("a must-not point (avoid:) is 'said' when the reply makes it, and never expected or missing")
    void mustNotPoints() {
        ExpectedFact promise = new ExpectedFact("free_return", List.of("包退运费", "运费我们出"), 10, "不要承诺包退运费", true,
                "七天无理由退货的运费由买家承担");
        ExpectedFact seven = new ExpectedFact("seven_day", List.of("七天无理由"), 10);
        FactCheck said = facts("亲,支持七天无理由,运费我们出哦", seven, promise);
        assertEquals(List.of("free_return"), said.said());
        assertEquals(List.of("seven_day"), said.expected());
        assertEquals(List.of(), said.missing());
        FactCheck quiet = facts("亲,支持七天无理由退货哦", seven, promise);
        assertEquals(List.of(), quiet.said());
        assertEquals(List.of(), quiet.missing(), "a must-not point left unsaid is not missing");
        assertEquals("不要承诺包退运费,因为七天无理由退货的运费由买家承担", promise.display());
        ExpectedFact unlabelled = new ExpectedFact("trap", List.of("包退运费"), 0, null, true, null);
        assertEquals("不要说:包退运费", unlabelled.display());
    }

    @Test
    @DisplayName("synonym groups widen a fact's wordings (免运费 for 包邮)")
    void synonyms() {
        ExpectedFact free = new ExpectedFact("free_shipping", List.of("包邮"), 5);
        assertEquals(List.of("free_shipping"), facts("这款免运费的哦", free).matched());
    }

    @Test
    @DisplayName("a negated wording does not count (不包邮 is not 包邮); S does not match inside XS")
    void negationAndBoundaries() {
        ExpectedFact free = new ExpectedFact("free_shipping", List.of("包邮"), 5);
        assertEquals(List.of("free_shipping"), facts("亲,这款不包邮哦", free).missing());
        ExpectedFact s = new ExpectedFact("size_s", List.of("S"), 10);
        assertEquals(List.of("size_s"), facts("建议XS", s).missing());
        assertEquals(List.of("size_s"), facts("建议S", s).matched());
    }

    @Test
    @DisplayName("rule:<id> stands for the rule's knowledge phrases")
    void ruleKnowledge() {
        ExpectedFact seven = new ExpectedFact("seven_day", List.of("rule:seven-day-return"), 10);
        FactCheck f = facts("支持7天无理由退货的哦", seven);
        assertEquals(List.of("seven_day"), f.matched());
        assertEquals(List.of("seven_day"), f.expected());
    }

    @Test
    @DisplayName("the offered price is read from the reply; discounts and thresholds are not prices")
    void offerPrice() {
        assertEquals(149.0, TestContent.score("亲,给您149元包邮,您看可以吗?").offerPrice());
        assertEquals(149.0, TestContent.score("算您一百四十九吧").offerPrice());
        assertEquals(139.0, TestContent.score("149包邮不行的话,最低139哦").offerPrice());
        assertNull(TestContent.score("满199减20哦").offerPrice());
        assertNull(TestContent.score("给您3天内发货").offerPrice());
    }
}
