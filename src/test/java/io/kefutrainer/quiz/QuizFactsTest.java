package io.kefutrainer.quiz;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Questions whose answers were wrong, ambiguous or easy to guess, checked so they do not come back. */
@DisplayName("quiz facts: legal bases, premises a 客服 can see, distractors new hires really choose")
class QuizFactsTest {

    private static Question q(String id) {
        return QuizContentTest.CONTENT.question(id).orElseThrow(() -> new AssertionError("no question " + id));
    }

    private static List<String> wrongChoices(Question q) {
        return q.choices().stream().filter(c -> c.weight() <= 0).map(Choice::text).toList();
    }

    @Test
    @DisplayName("sdr-07: a used cosmetic is not 完好 under 暂行办法第九条 (not the 第七条 purchase confirmation)")
    void sdr07() {
        Question q = q("sdr-07");
        assertTrue(q.explanation().contains("第九条"), q.explanation());
        assertTrue(wrongChoices(q).stream().anyMatch(c -> c.contains("勾选")), "the 第七条 confusion is the distractor");
    }

    @Test
    @DisplayName("sdr-08: a cut tag is 不完好 by 暂行办法第九条第三项; 描述不符 is still returnable")
    void sdr08() {
        Question q = q("sdr-08");
        assertEquals(Boolean.TRUE, q.truth());
        assertTrue(q.explanation().contains("第九条第三项") && q.explanation().contains("描述不符"), q.explanation());
    }

    @Test
    @DisplayName("frt-07 says who bought the 运费险 (the seller), so 12 − 8 = 4 is the only answer")
    void frt07() {
        Question q = q("frt-07");
        assertTrue(q.text().contains("卖家赠送") && q.text().contains("投保人"), q.text());
    }

    @Test
    @DisplayName("adv-01: 销量第一 is wrong only without verifiable data and source")
    void adv01() {
        Question q = q("adv-01");
        String sales = q.choices().stream().map(Choice::text).filter(t -> t.contains("销量第一")).findFirst().orElseThrow();
        assertTrue(sales.contains("出处"), sales);
        assertTrue(q.explanation().contains("第十一条"), q.explanation());
    }

    @Test
    @DisplayName("phr-10 asks about what a 客服 can see (an unpaid order), not the buyer's cart")
    void phr10() {
        Question q = q("phr-10");
        assertFalse(q.text().contains("购物车"), q.text());
        assertTrue(q.text().contains("等待买家付款"), q.text());
    }

    @Test
    @DisplayName("phr-08 (不知道/不清楚 are 禁语) is not tagged as the abuse rule")
    void phr08() {
        assertFalse(q("phr-08").rules().contains("abuse"));
    }

    @Test
    @DisplayName("no distractor is absurd: nobody answers 先给好评再退")
    void noAbsurdDistractors() {
        List<String> absurd = List.of("先给好评", "给好评再", "给好评就可以", "先给店铺好评", "去给差评", "谁先申请谁承担", "有没有给好评",
                "不回复买家", "让买家找快递公司", "让客服少说话", "发朋友圈提醒", "我们只卖给", "店铺信誉升级", "流量奖励", "扣A的工资",
                "在评价里骂买家");
        List<String> found = new ArrayList<>();
        for (Question q : QuizContentTest.CONTENT.questions().values()) {
            for (String c : wrongChoices(q)) {
                if (absurd.stream().anyMatch(c::contains)) found.add(q.id() + ": " + c);
            }
        }
        assertEquals(List.of(), found);
    }

    @Test
    @DisplayName("the misconceptions new hires hold (特价不退, 色差不算描述不符, 拆了吊牌就不能退, 卖家买的运费险) are taught as wrong choices")
    void misconceptionsAreDistractors() {
        List<String> wrong = new ArrayList<>();
        QuizContentTest.CONTENT.questions().values().forEach(q -> wrong.addAll(wrongChoices(q)));
        for (String m : List.of("特价商品一律不退", "色差都不算描述不符", "色差是正常现象,不算描述不符", "运费险是卖家买的", "穿过的衣服就不能退", "吊牌剪了就不能退")) {
            assertTrue(wrong.stream().anyMatch(c -> c.contains(m)), m);
        }
        Question sdr17 = q("sdr-17");
        assertEquals(Boolean.FALSE, sdr17.truth(), "特价 is no exclusion from 七天无理由");
    }

    @Test
    @DisplayName("the statutory figures in the new banks: 消法第25条 7 days to refund, 第23条 6 months, 第55条 three times, 食品安全法 1000元 floor")
    void statutoryFigures() {
        assertTrue(q("asd-14").explanation().contains("第二十五条"));
        assertTrue(q("qg-06").explanation().contains("六个月") && q("qg-05").explanation().contains("第二十三条第三款"));
        assertTrue(q("qg-09").explanation().contains("800 × 3 = 2400"));
        assertTrue(q("qg-07").explanation().contains("不足一千元的,为一千元"));
    }
}
