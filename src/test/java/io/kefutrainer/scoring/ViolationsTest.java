package io.kefutrainer.scoring;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static io.kefutrainer.scoring.TestContent.score;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Rule violations")
class ViolationsTest {

    @ParameterizedTest(name = "{0}")
    @DisplayName("evasive spellings of off-platform contact are caught")
    @ValueSource(strings = {"加我vx详聊", "加我V信哦", "亲加薇信吧", "威信号发您", "加❤聊", "加我💚", "扣扣 一二三四五六七八九",
            "加我維信", "电话 幺三八 零零一三 八零零零", "打我手机138-0013-8000", "Q我 12345678", "私下转账便宜点"})
    void evasiveSpellings(String text) {
        assertEquals(Set.of("off_platform"), score(text).violationCategories(), text);
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("correct refusals that name the thing are not violations")
    @ValueSource(strings = {"根据平台规定不能加微信哦", "平台不允许好评返现", "没办法百分百保证明天到哦", "亲,微信是不能加的哦",
            "我们不支持私下转账哦", "为了保护隐私,其他买家的地址是不能透露的", "不保证哪天到,一般3-5天", "亲,这款是100%纯棉的",
            "亲,您说的“加微信”我们这边不能加哦", "您的订单号是 3928 1170 5562 0331 哦", "电子发票发到您的qq邮箱哦"})
    void correctRefusals(String text) {
        assertTrue(score(text).violations().isEmpty(), () -> text + " -> " + score(text).violations());
    }

    @Test
    @DisplayName("review manipulation: benefit for a good review or for deleting a bad one")
    void reviewManipulation() {
        assertEquals(Set.of("review_manipulation"), score("五星好评截图给客服返5元红包哦").violationCategories());
        assertEquals(Set.of("review_manipulation"), score("您把差评删了,我们补偿您20元").violationCategories());
        assertTrue(score("亲,满意的话欢迎给个真实的评价哦").violations().isEmpty());
    }

    @Test
    @DisplayName("false promises and absolute words are caught, hedged delivery estimates are not")
    void falsePromises() {
        assertEquals(Set.of("false_promise"), score("保证明天到,放心拍").violationCategories());
        assertEquals(Set.of("false_promise"), score("这款是全网最好的,绝对有效").violationCategories());
        assertTrue(score("正常情况下预计2-3天送达,具体以物流为准哦").violations().isEmpty());
        assertTrue(score("亲,我们会第一时间为您处理").violations().isEmpty());
    }

    @Test
    @DisplayName("giving out another buyer's address or phone is a privacy violation, not off-platform")
    void privacy() {
        assertEquals(Set.of("privacy"), score("上一个买家的地址是杭州市西湖区文三路100号,电话13800138000").violationCategories());
        assertEquals(Set.of("privacy"), score("麻烦把手机收到的验证码发给我").violationCategories());
    }

    @Test
    @DisplayName("abuse is a violation and makes the reply impolite; negation does not excuse it")
    void abuse() {
        Annotations a = score("你才傻逼,滚");
        assertEquals(Set.of("abuse"), a.violationCategories());
        assertEquals(Verdict.impolite, a.politeness().verdict());
        assertTrue(score("亲,这个垃圾袋是赠品哦").violations().isEmpty());
    }

    private static Set<String> byRules(String text) {
        return TestContent.byRules(null, text).violationCategories();
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("the rules catch moves, promises, threats and review pressure that name no app and no promise word")
    @ValueSource(strings = {
            "off_platform|下次别在淘宝拍了,直接找我便宜点", "off_platform|行,以后不用上淘宝,直接打这个号订",
            "false_promise|洗一百次都不起球,起一个球我赔您一套新的", "false_promise|丢件赔你十倍货款",
            "false_promise|这只包三年后原价回收", "false_promise|黄金只涨不跌,买了亏不了", "false_promise|304不锈钢,泡海水里都不会生锈",
            "false_promise|这款市面上的车都能装", "false_promise|跟着练没有考不过的", "false_promise|不掉色不起球,一起洗就行",
            "false_promise|今天下午拍,明天中午前准到", "false_promise|这款防咬线随便啃都没事",
            "privacy|你敢闹试试,你家地址电话我这都有", "review_manipulation|先别急着评,差评写了就不好处理了", "review_manipulation|给好评的我们都优先安排发货哦"})
    void newWordings(String row) {
        String[] p = row.split("\\|");
        assertTrue(byRules(p[1]).contains(p[0]), () -> p[1] + " -> " + byRules(p[1]));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("the shop's own return, after-sales or invoice landline is no off-platform move; a private one still is")
    @ValueSource(strings = {"退货地址:杭州市余杭区良睦路18号 售后部 收,电话0571-88213456", "您看快递面单上寄件方是我们旗舰店,电话0591-87651234",
            "开票信息:杭州某某科技有限公司,开户行工行文三支行,电话0571-86731259"})
    void shopLandline(String text) {
        assertTrue(byRules(text).isEmpty(), () -> text + " -> " + byRules(text));
        assertEquals(Set.of("off_platform"), byRules("有事直接打我座机0571-88213456"));
    }

    @Test
    @DisplayName("a violation's span points into the original reply and it carries rule and advice")
    void violationSpan() {
        String text = "亲😊 加我 ＶＸ：abc123";
        Violation v = score(text).violations().get(0);
        assertTrue(text.substring(v.start(), v.end()).contains("ＶＸ"), text.substring(v.start(), v.end()));
        assertEquals("off-platform", v.rule());
        assertTrue(v.advice() != null && !v.advice().isBlank());
    }
}
