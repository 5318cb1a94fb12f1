package io.kefutrainer.scoring;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.kefutrainer.scoring.TestContent.answer;
import static io.kefutrainer.scoring.TestContent.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Politeness in context")
class PolitenessTest {

    @Test
    @DisplayName("a bare 嗯 to a complaint is impolite; a bare 有 to 有黑色吗 is neutral")
    void curtDependsOnTheBuyer() {
        assertEquals(Verdict.impolite, answer("怎么还没发货!!都三天了", "嗯").politeness().verdict());
        assertEquals(Verdict.neutral, answer("有黑色吗", "有").politeness().verdict());
    }

    @Test
    @DisplayName("a worry asked as a question is not a complaint (会掉色吗)")
    void worryIsNotComplaint() {
        assertFalse(answer("这个会掉色吗", "不会的亲,放心洗哦~").hasFinding("missing_apology"));
        assertTrue(answer("洗了一次就掉色了", "亲,可以退换的哦").hasFinding("missing_apology"));
    }

    @Test
    @DisplayName("a complaint answered with an apology is polite and the apology is found")
    void apologyToComplaint() {
        Annotations a = answer("收到的杯子碎了", "亲,非常抱歉给您带来不便,我马上为您补发一个~");
        assertEquals(Verdict.polite, a.politeness().verdict());
        assertTrue(a.hasFinding("apology"));
    }

    @Test
    @DisplayName("a polite refusal (暂时没办法再优惠呢) is not a forbidden phrase, a bare 没办法! is")
    void politeRefusal() {
        assertTrue(score("亲,暂时没办法再优惠呢").forbiddenIds().isEmpty());
        assertTrue(score("没办法百分百保证哦").forbiddenIds().isEmpty());
        assertEquals(java.util.Set.of("forbidden.mei-banfa"), score("没办法!").forbiddenIds());
    }

    @Test
    @DisplayName("forbidden phrases carry their span in the original text and the better phrasing")
    void forbiddenSpanAndAdvice() {
        String text = "亲😊，这个我不知道";
        Annotations a = score(text);
        Finding f = a.politeness().findings().stream().filter(x -> x.type().equals("forbidden")).findFirst().orElseThrow();
        assertEquals("不知道", text.substring(f.start(), f.end()));
        assertNotNull(f.advice());
        assertEquals(Verdict.impolite, a.politeness().verdict());
    }

    @Test
    @DisplayName("不知道您 is a polite question, not the forbidden 不知道")
    void politeQuestion() {
        assertTrue(score("您好亲~不知道您平时穿什么码呢?").forbiddenIds().isEmpty());
    }

    @Test
    @DisplayName("the first reply expects a greeting; the closing reply expects a closing")
    void greetingAndClosing() {
        Annotations noGreeting = TestContent.SCORER.score(new ReplyInput("S码", List.of("穿什么码"), true, false, List.of(), null, null));
        assertTrue(noGreeting.hasFinding("missing_greeting"));
        Annotations greeted = TestContent.SCORER.score(new ReplyInput("亲,您好~建议拍S码哦", List.of(), true, false, List.of(), null, null));
        assertFalse(greeted.hasFinding("missing_greeting"));
        assertTrue(greeted.hasFinding("greeting"));
        Annotations closing = TestContent.SCORER.score(new ReplyInput("好的", List.of(), false, true, List.of(), null, null));
        assertTrue(closing.hasFinding("missing_closing"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @DisplayName("impatience and contempt at the end of a plain answer are forbidden phrases (磨叽, 满意了吧, 还问啥, 认字就行)")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"发我,磨磨唧唧的还退不退了", "签收后一小时到账,满意了吧", "能,每天用两小时,还问啥",
            "黄色那张,上面写着除尘贴。认字就行", "加我企微发,别在这磨叽", "补你20,五星给足,听清楚了"})
    void impatienceAtTheEnd(String text) {
        Annotations a = TestContent.byRules("问一下", text);
        assertTrue(a.politeness().findings().stream().anyMatch(f -> f.type().equals("forbidden")), () -> text + " -> " + a.politeness().findings());
    }

    @Test
    @DisplayName("blaming the buyer is impolite")
    void blame() {
        Annotations a = answer("鞋子开胶了", "你自己穿的问题吧");
        assertEquals(Verdict.impolite, a.politeness().verdict());
    }

    @Test
    @DisplayName("the score is derived from the findings: base plus the findings' points, within 0..100")
    void scoreFromFindings() {
        Annotations a = score("亲,您好~有的哦");
        int sum = a.politeness().findings().stream().mapToInt(Finding::points).sum();
        int base = TestContent.CONTENT.rubric().politeness().base();
        assertEquals(Math.max(0, Math.min(100, base + sum)), a.politeness().score());
    }
}
