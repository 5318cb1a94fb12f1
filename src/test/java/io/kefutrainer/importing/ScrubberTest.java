package io.kefutrainer.importing;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayName("Scrubber: personal data → placeholders, ordinary chat untouched")
class ScrubberTest {

    private static final Scrubber SCRUBBER = Scrubber.create(Cues.load());

    private static String scrub(String text) {
        return SCRUBBER.scrub(text, Set.of("小美酱2024"), Set.of("杯杯家居旗舰店:小王", "小王"), new Scrubber.Report());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "电话13812345678|电话{手机号}",
            "电话 138 1234 5678 谢谢|电话 {手机号} 谢谢",
            "138-1234-5678|{手机号}",
            "+86 138 1234 5678|{手机号}",
            "+8613812345678|{手机号}",
            "86-13812345678|{手机号}",
            "手机一三八一二三四五六七八|手机{手机号}",
            "幺三八零零一二三四五六|{手机号}",
            "１３８１２３４５６７８|{手机号}",
            "座机0571-88886666|座机{手机号}",
            "身份证110101199003071234|身份证{身份证号}",
            "身份证 11010119900307123X|身份证 {身份证号}",
            "110101 19900307 1234|{身份证号}",
            "卡号6222 0212 3456 7899|卡号{银行卡号}",
            "订单号:3826451937201846572|订单号:{订单号}",
            "订单 2024050112345678|订单 {订单号}",
            "寄到浙江省杭州市西湖区文三路123号|寄到{地址}",
            "地址是北京朝阳区建国路88号|地址是{地址}",
            "上海市浦东新区张江路100号恒鼎大厦5栋2单元1502室 谢谢|{地址} 谢谢",
            "收件人:张伟 电话138 1234 5678|收件人:{买家} 电话{手机号}",
            "王先生您好|{买家}先生您好",
            "欧阳女士 您的快递到了|{买家}女士 您的快递到了",
            "我是小美酱2024|我是{买家}",
            "亲 我是小王 有什么可以帮您|亲 我是{客服} 有什么可以帮您",
            "我是tb_abc12345|我是{买家}",
    })
    void replaces(String text, String expected) {
        assertEquals(expected, scrub(text));
    }

    @ParameterizedTest
    @DisplayName("ordinary chat stays as it is")
    @ValueSource(strings = {
            "宝宝5岁 身高110 体重38斤 穿什么码",
            "尺码 110 120 130 140 都有",
            "价格是159.00元 满300减30",
            "快递到小区门口了吗",
            "这两款有什么区别",
            "12号之前能到吗",
            "双11的时候买的 99.9",
            "能便宜点吗 两个杯子包邮不",
    })
    void keepsOrdinaryText(String text) {
        assertEquals(text, scrub(text));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("the report counts kinds, never values")
    @ValueSource(strings = {"电话13812345678 地址是杭州市西湖区文三路1号"})
    void reportCounts(String text) {
        Scrubber.Report report = new Scrubber.Report();
        SCRUBBER.scrub(text, List.of(), List.of(), report);
        assertEquals("{phone=1, address=1}", report.asMap().toString());
    }
}
