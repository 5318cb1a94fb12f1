package io.kefutrainer.quiz;

import io.kefutrainer.quiz.transfer.GiftParser;
import io.kefutrainer.quiz.transfer.GiftWriter;
import io.kefutrainer.quiz.transfer.Imported;
import io.kefutrainer.quiz.transfer.Importer;
import io.kefutrainer.yaml.Diagnostic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("GIFT and Aiken: every construct, positioned errors, lossless round trip")
class GiftTest {
    static final Path DIR = Path.of("src/test/resources/quiz/gift");
    static Imported imported;
    static Map<String, Question> byTitle;

    static Imported read(String file) throws Exception {
        Path p = DIR.resolve(file);
        return Importer.read(p, Files.readAllBytes(p), Importer.guess(file), "导入/默认", "gift");
    }

    static Imported parse(String gift) {
        return new GiftParser(Path.of("t.gift"), "默认", "t").parse(gift);
    }

    static Question one(String gift) {
        Imported r = parse(gift);
        assertEquals(List.of(), r.errors());
        assertEquals(1, r.questions().size());
        return r.questions().get(0);
    }

    @BeforeAll
    static void load() throws Exception {
        imported = read("every-construct.gift");
        assertEquals(List.of(), imported.errors());
        byTitle = imported.questions().stream().filter(q -> !q.title().isEmpty())
                .collect(Collectors.toMap(Question::title, Function.identity()));
    }

    @Test
    @DisplayName("comments are skipped, $CATEGORY sets the category (Moodle's $course$/top dropped), [id:] [tag:] [difficulty:] [rule:] read")
    void categoriesAndMetadata() {
        assertEquals(18, imported.questions().size());
        Question q = imported.questions().get(0);
        assertEquals("g-single", q.id());
        assertEquals("定制商品", q.title());
        assertEquals(List.of("售后", "七天无理由"), q.category());
        assertEquals(List.of("七天无理由"), q.tags());
        assertEquals(List.of("seven-day-return"), q.rules());
        assertEquals(Difficulty.easy, q.difficulty());
        assertEquals(List.of("KPI", "时长"), byTitle.get("数值").category());
        assertEquals("gift-002", byTitle.get("多选").id(), "ids are generated from the prefix and position");
        assertEquals(5.0, byTitle.get("问答").points());
    }

    @Test
    @DisplayName("{=right ~wrong ~%50%part} is single choice with feedback, weights and general feedback ####")
    void singleChoice() {
        Question q = byTitle.get("定制商品");
        assertEquals(QuestionType.single, q.type());
        assertEquals("买家下单的刻字项链,签收后想七天无理由退货,可以吗?", q.text());
        assertEquals(List.of(new Choice("不可以,定制商品不适用七天无理由", 100, "对,定制类商品除外"),
                new Choice("可以,所有商品都适用", 0, "不对,定制商品除外"),
                new Choice("要看买家心情", 50, "只对一半")), q.choices());
        assertEquals("《七天无理由退货办法》规定定制类商品不适用。", q.explanation());
    }

    @Test
    @DisplayName("{~%50%a ~%50%b ~%-100%c} without '=' is multiple choice with negative weights")
    void multipleChoice() {
        Question q = byTitle.get("多选");
        assertEquals(QuestionType.multiple, q.type());
        assertEquals(List.of(50.0, 50.0, -100.0), q.choices().stream().map(Choice::weight).toList());
        assertEquals("普通T恤适用", q.choices().get(2).feedback());
    }

    @Test
    @DisplayName("{T} {F} {TRUE} {FALSE} with wrong/right feedback and general feedback")
    void trueFalse() {
        Question f = byTitle.get("判断");
        assertEquals(QuestionType.true_false, f.type());
        assertEquals(Boolean.FALSE, f.truth());
        assertEquals("错了,这是站外交易", f.feedbackWrong());
        assertEquals("对,这属于站外交易", f.feedbackRight());
        List<Question> untitled = imported.questions().stream().filter(q -> q.text().startsWith("判断")).toList();
        assertEquals(List.of(true, false, true), untitled.stream().map(Question::truth).toList());
        assertEquals("平台介入时需要商家举证。", untitled.get(2).explanation());
    }

    @Test
    @DisplayName("{=a =b =%50%c#feedback} is short answer with alternatives")
    void shortAnswer() {
        Question q = byTitle.get("填空");
        assertEquals(QuestionType.short_answer, q.type());
        assertEquals(List.of(new Choice("3", 100, ""), new Choice("三", 100, ""), new Choice("三分钟", 50, "单位不用写")), q.choices());
        assertEquals("\"3分钟回复率\"里的时长是几分钟?", q.text());
    }

    @Test
    @DisplayName("{=x -> y} is matching")
    void matching() {
        Question q = byTitle.get("匹配");
        assertEquals(QuestionType.matching, q.type());
        assertEquals(3, q.pairs().size());
        assertEquals(new MatchPair("首次响应时间", "买家第一条消息到客服第一次回复的时间"), q.pairs().get(0));
    }

    @Test
    @DisplayName("numeric {#7} {#30:5} {#0.8..1} and several weighted answers {#=20:2 =%50%30:5}")
    void numeric() {
        assertEquals(List.of(NumericAnswer.exact(7, 0)), byTitle.get("数值").numbers());
        assertEquals(List.of(NumericAnswer.exact(30, 5)), byTitle.get("容差").numbers());
        assertEquals(List.of(NumericAnswer.range(0.8, 1)), byTitle.get("区间").numbers());
        assertEquals(List.of(new NumericAnswer(20.0, 2, null, null, 100, "很好"), new NumericAnswer(30.0, 5, null, null, 50, "还可以")),
                byTitle.get("多个数值").numbers());
    }

    @Test
    @DisplayName("{} is an essay (with ####), no braces is a description")
    void essayAndDescription() {
        assertEquals(QuestionType.essay, byTitle.get("问答").type());
        assertEquals("g-essay", byTitle.get("问答").id());
        assertEquals("不能引导站外交易。", byTitle.get("问答").explanation());
        assertEquals(QuestionType.description, byTitle.get("说明").type());
        assertEquals("以下题目考查转义字符。", byTitle.get("说明").text());
    }

    @Test
    @DisplayName("escapes \\: \\= \\~ \\# \\{ \\} \\\\ become the characters themselves")
    void escapes() {
        Question q = imported.questions().stream().filter(x -> x.text().startsWith("转义")).findFirst().orElseThrow();
        assertEquals("转义: 冒号, 等号=, 波浪~, 井号#, 花括号{}, 反斜杠\\ 都能写。", q.text());
        assertEquals("a=b#c", q.choices().get(0).text());
        assertEquals("", q.choices().get(0).feedback());
    }

    @Test
    @DisplayName("multi-line questions, text after the answers (missing word) and [markdown] markers")
    void multiLineAndMissingWord() {
        Question multi = imported.questions().stream().filter(x -> x.text().startsWith("买家问")).findFirst().orElseThrow();
        assertEquals("买家问:这件衣服\n能不能\n七天无理由?", multi.text());
        assertEquals(QuestionType.short_answer, multi.type());
        Question missing = imported.questions().stream().filter(x -> x.text().startsWith("买家说 ")).findFirst().orElseThrow();
        assertEquals("买家说 _____ ,客服应该马上回复。", missing.text());
        Question md = imported.questions().get(imported.questions().size() - 1);
        assertEquals("g-md", md.id());
        assertEquals("**加粗**的题目", md.text());
    }

    @Test
    @DisplayName("import → export → import gives the same questions, field for field")
    void roundTrip() {
        String exported = GiftWriter.write(imported.questions());
        Imported again = new GiftParser(Path.of("again.gift"), "别的默认", "other").parse(exported);
        assertEquals(List.of(), again.errors(), exported);
        assertEquals(imported.questions(), again.questions());
        assertEquals(exported, GiftWriter.write(again.questions()));
    }

    @Test
    @DisplayName("YAML banks survive export to GIFT and back")
    void bankRoundTrip() {
        List<Question> bank = List.copyOf(QuizContent.load(BankTest.VALID).questions().values());
        Imported again = parse(GiftWriter.write(bank));
        assertEquals(List.of(), again.errors());
        assertEquals(bank, again.questions());
    }

    @Test
    @DisplayName("text with every special character survives a round trip")
    void specialCharacters() {
        Question q = one("::a\\:b::x\\{y\\} \\= \\~ \\# \\\\ z\\nline2 {=p\\~q#f\\#g ~r####e\\{}");
        assertEquals("a:b", q.title());
        assertEquals("x{y} = ~ # \\ z\nline2", q.text());
        assertEquals(new Choice("p~q", 100, "f#g"), q.choices().get(0));
        assertEquals("e{", q.explanation());
        assertEquals(q, parse(GiftWriter.write(List.of(q))).questions().get(0));
    }

    @Test
    @DisplayName("broken GIFT: one FILE:LINE:COL error per broken question, good ones still parsed")
    void brokenGift() throws Exception {
        Imported r = read("broken.gift");
        assertEquals(List.of(
                "5:11: 答案块 '{' 没有用 '}' 结束",
                "7:12: 分值 'abc' 不是数",
                "9:12: '七' 不是数、数值:误差 或 下限..上限",
                "13:11: 正分值加起来是 0%,应为 100%"),
                r.errors().stream().map(d -> d.position() + ": " + d.message()).toList());
        assertEquals(2, r.questions().size());
        assertTrue(r.errors().get(0).file().toString().endsWith("broken.gift"));
    }

    @Test
    @DisplayName("malformed constructs each get a message at the right place")
    void malformed() {
        assertEquals("1:4: '}' 前面没有对应的 '{'(正文里的大括号写 \\})", error("题目 } {=a}"));
        assertEquals("1:1: 标题没有结束:写成 ::标题::(冒号本身写 \\:)", error("::标题 题目 {=a}"));
        assertEquals("1:13: 匹配题的每一对要用 '->' 隔开两边", error("题目 {=a -> b =c}"));
        assertEquals("1:5: 看不出题型:选项以 = 或 ~ 开头,{T}/{F} 是判断题,{#…} 是数值题,{} 是问答题", error("题目 {abc}"));
        assertEquals("1:5: 答案块里又出现了 '{'(大括号本身写 \\{)", error("题{=a{ ~b}"));
        assertEquals("2:4: 一道题只有一个答案块;是不是下一题前面少了空行?", error("题 {=a ~b}\n题二 {T}"));
        assertEquals("1:5: 分值 150% 超出 -100%..100%", error("题 {~%150%a ~b}"));
        assertEquals("1:3: 正分值加起来是 80%,应为 100%", error("题 {~%50%a ~%30%b}"));
        assertEquals("1:3: 选项 'a' 出现了两次", error("题 {=a ~a}"));
        assertEquals("4:4: id 'x' 已被前面的题目使用", error("// [id:x]\n题 {T}\n\n// [id:x]\n题 {F}"));
        assertEquals("1:4: 难度 'impossible' 不是 easy、medium 或 hard", error("// [difficulty:impossible]\n题 {T}"));
    }

    private static String error(String gift) {
        Imported r = parse(gift);
        assertFalse(r.errors().isEmpty(), "expected an error for: " + gift);
        Diagnostic d = r.errors().get(0);
        return d.position() + ": " + d.message();
    }

    @Test
    @DisplayName("Aiken: options A. and B) with ANSWER: become single choice")
    void aiken() throws Exception {
        Imported r = read("good.aiken");
        assertEquals(List.of(), r.errors());
        assertEquals(2, r.questions().size());
        Question q = r.questions().get(0);
        assertEquals(QuestionType.single, q.type());
        assertEquals("买家要求改地址,客服应该怎么做?", q.text());
        assertEquals(List.of(0.0, 100.0, 0.0), q.choices().stream().map(Choice::weight).toList());
        assertEquals("核实订单状态,未发货可修改", q.choices().get(1).text());
        assertEquals(List.of("导入", "默认"), q.category());
        assertNull(q.truth());
    }

    @Test
    @DisplayName("broken Aiken: answer not an option, options out of order, missing ANSWER")
    void brokenAiken() throws Exception {
        Imported r = read("broken.aiken");
        assertEquals(List.of(
                "4:1: ANSWER: C 不在选项 A–B 之中",
                "8:1: 选项 C 顺序不对:这里应是 B.",
                "11:1: 题目的选项后面没有 ANSWER: 行"),
                r.errors().stream().map(d -> d.position() + ": " + d.message()).toList());
        assertEquals(1, r.questions().size());
    }

    @Test
    @DisplayName("two Chinese-named files get different id prefixes (not both q-…), stable for the same name")
    void chineseFileNamesGetDistinctPrefixes() {
        String a = io.kefutrainer.quiz.transfer.Ids.prefixOf("售后题库.gift");
        String b = io.kefutrainer.quiz.transfer.Ids.prefixOf("物流题库.gift");
        assertNotEquals(a, b);
        assertEquals(a, io.kefutrainer.quiz.transfer.Ids.prefixOf("售后题库.gift"));
        assertTrue(io.kefutrainer.quiz.transfer.Ids.VALID.matcher(a).matches(), a);
        assertEquals("after-sales", io.kefutrainer.quiz.transfer.Ids.prefixOf("after-sales.gift"));
        // the same digits after different Chinese words
        assertNotEquals(io.kefutrainer.quiz.transfer.Ids.prefixOf("售后2024.gift"), io.kefutrainer.quiz.transfer.Ids.prefixOf("物流2024.gift"));
    }

}
