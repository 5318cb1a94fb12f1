package io.kefutrainer.scoring;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the learned layer changes is shown like everything else: a finding on a span, with advice. */
class LearnedLayerTest {
    private static final Scorer RULES_ONLY = TestContent.RULES_ONLY;

    private static Annotations both(String buyer, String text) {
        return TestContent.answer(buyer, text);
    }

    private static Annotations rules(String buyer, String text) {
        return TestContent.byRules(buyer, text);
    }

    @Test
    @DisplayName("sarcasm the lexicon lacks is impolite, with a tone finding on the words that made it so and advice")
    void sarcasmGetsASpan() {
        String buyer = "这都第三次坏了!!";
        String text = "行行行您说了算";
        assertEquals(Verdict.neutral, rules(buyer, text).politeness().verdict(), "the rules alone miss it");
        Annotations a = both(buyer, text);
        assertEquals(Verdict.impolite, a.politeness().verdict());
        Optional<Finding> tone = a.politeness().findings().stream().filter(f -> f.type().equals("tone")).findFirst();
        assertTrue(tone.isPresent(), a.politeness().findings().toString());
        Finding f = tone.get();
        assertTrue(f.start() < f.end() && f.end() <= text.length(), "a span inside the reply: " + f);
        assertTrue(text.substring(f.start(), f.end()).contains("行行"), text.substring(f.start(), f.end()));
        assertNotNull(f.advice());
        int sum = TestContent.CONTENT.rubric().politeness().base();
        for (Finding x : a.politeness().findings()) sum += x.points();
        assertEquals(a.politeness().score(), Math.max(0, Math.min(100, sum)), "the score is still the sum of the findings");
        assertTrue(a.politeness().score() < TestContent.CONTENT.rubric().politeness().impoliteBelow());
    }

    @Test
    @DisplayName("a reply that insults the buyer is impolite even when the model reads the rest of it as polite")
    void abuseIsAlwaysImpolite() {
        // a model sure of "polite" and unsure of every category: it keeps the rule's abuse finding (p 0.5 ≥ keep)
        // and, reading only the helpful part, would call the reply polite
        double[] bias = {10, -10, -10, -10, -10, -10, 0, -10};
        double[] bars = {0.3, 0.3, 0.3, 0.3, 0.3};
        double[] keep = {0.2, 0.2, 0.2, 0.2, 0.2};
        Scorer politeModel = Scorer.create(TestContent.CONTENT.withModel(new LearnedModel(new long[0], new float[0][], bias, bars, keep)));
        String text = "亲,床腿在保修范围内,我们免费补发,您把照片发我登记一下。但是嘴巴放干净点,你自己才是垃圾。";
        Annotations a = politeModel.score(new ReplyInput(text, List.of("床腿断了 什么垃圾东西"), false, false, List.of(), null, null));
        assertEquals(List.of("abuse"), a.violations().stream().map(Violation::category).toList());
        assertEquals(Verdict.impolite, a.politeness().verdict(), a.politeness().findings().toString());
        assertTrue(a.politeness().findings().stream().noneMatch(f -> f.type().equals("tone") && f.points() > 0),
                "no finding tells the trainee the tone was fine: " + a.politeness().findings());
        assertTrue(a.politeness().findings().stream().anyMatch(f -> f.points() < 0 && text.substring(f.start(), f.end()).contains("垃圾")),
                "a finding marks the insult: " + a.politeness().findings());
    }

    @Test
    @DisplayName("the model alone does not call the step's expected answer a violation; a rule's finding on it stands")
    void modelDoesNotOverruleTheTrainersExpectedAnswer() {
        // a model sure of false_promise and off_platform everywhere (p ≈ 1), with no features: what it adds covers the
        // whole reply, so it overlaps whatever the step expects
        double[] bias = {0, 0, -10, 10, -10, 10, -10, -10};
        double[] bars = {0.3, 0.3, 0.3, 0.3, 0.3};
        double[] keep = {0.2, 0.2, 0.2, 0.2, 0.2};
        Scorer sure = Scorer.create(TestContent.CONTENT.withModel(new LearnedModel(new long[0], new float[0][], bias, bars, keep)));
        List<String> buyer = List.of("小孩长得快", "买大一码明年还能穿不");
        String text = "亲,120码今年稍微宽松一点,明年还能穿的";
        ExpectedFact bigger = new ExpectedFact("bigger_effect", List.of("明年还能穿"), 10);

        Annotations free = sure.score(new ReplyInput(text, buyer, false, false, List.of(), null, null));
        assertEquals(List.of("off_platform", "false_promise"), free.violations().stream().map(Violation::category).toList());
        Annotations atStep = sure.score(new ReplyInput(text, buyer, false, false, List.of(bigger), null, null));
        assertEquals(List.of(), atStep.violations(), "the trainer wrote 明年还能穿 as this step's right answer");
        assertEquals(List.of("bigger_effect"), atStep.facts().matched());

        // a rule's finding is not the model's guess: listing 微信 as a point does not make it allowed
        ExpectedFact wechat = new ExpectedFact("contact", List.of("加我微信"), 10);
        Annotations rule = sure.score(new ReplyInput("加我微信,明年还能穿的", buyer, false, false, List.of(wechat), null, null));
        assertTrue(rule.violations().stream().anyMatch(v -> v.category().equals("off_platform")), rule.violations().toString());
    }

    @Test
    @DisplayName("a rude last sentence after a polite opening makes the reply impolite at a lower bar than a rude sentence earlier on")
    void rudeEndingWeighsMore() {
        // two features: the trigram 挺厉害 pulls towards impolite, 放心穿 towards polite. The whole reply reads polite;
        // the rude sentence alone is impolite with p between the two bars, which only the last sentence's bar lets through
        double[] bias = {0, -10, -4, -10, -10, -10, -10, -10};
        double[] bars = {0.3, 0.3, 0.3, 0.5, 0.3};
        double[] keep = {0.2, 0.2, 0.2, 0.2, 0.2};
        float[][] w = {{0, 0, 50, 0, 0, 0, 0, 0}, {30, 0, 0, 0, 0, 0, 0, 0}};
        LearnedModel model = new LearnedModel(new long[]{ModelFeatures.hash('T', "挺厉害", 0, 3), ModelFeatures.hash('T', "放心穿", 0, 3)},
                w, bias, bars, keep);
        Scorer scorer = Scorer.create(TestContent.CONTENT.withModel(model));
        String helpful = "亲,您好,这款是纯棉的,机洗没有问题,放心穿的。";
        String rude = "说明书那么厚都能弄丢,也是挺厉害的。";
        String sentenceAlone = rude;
        double[] alone = ModelFeatures.predict(model, TestContent.CONTENT.normalizer().normalize(sentenceAlone).text(), (String) null,
                TestContent.byRules(null, sentenceAlone).politeness(),
                List.of(), List.of(), false, false);
        assertTrue(alone[2] > 0.6 && alone[2] < ContentScorer.SENTENCE_IMPOLITE,
                "the rude sentence alone sits between the two bars: " + alone[2]);

        Annotations rudeLast = scorer.score(new ReplyInput(helpful + rude, List.of("说明书找不到了"), false, false, List.of(), null, null));
        assertEquals(Verdict.impolite, rudeLast.politeness().verdict(), rudeLast.politeness().findings().toString());
        String marked = rudeLast.politeness().findings().stream().filter(f -> f.type().equals("tone"))
                .map(f -> (helpful + rude).substring(f.start(), f.end())).findFirst().orElse("");
        assertTrue(rude.contains(marked) && !marked.isEmpty(), "the tone finding marks the rude ending: " + marked);

        Annotations rudeFirst = scorer.score(new ReplyInput(rude + helpful, List.of("说明书找不到了"), false, false, List.of(), null, null));
        assertEquals(Verdict.polite, rudeFirst.politeness().verdict(), rudeFirst.politeness().findings().toString());
    }

    @Test
    @DisplayName("sweet-worded deflection (推诿) to a waiting buyer is impolite")
    void deflectionIsImpolite() {
        assertEquals(Verdict.impolite, both("快递三天没动了", "这个得问快递呢亲,我们这边也没办法哈~").politeness().verdict());
    }

    @Test
    @DisplayName("a scam warning that names WeChat and 验证码 is no violation; a real off-platform move still is")
    void refusalsAreNotViolations() {
        assertTrue(both("客服加个微信吧", "亲,我们不会让您加微信,也不会要验证码,请放心").violations().isEmpty());
        Annotations vx = both("能便宜点吗", "亲,加我vx:abc12345,私聊给您算便宜点");
        assertEquals(List.of("off_platform"), vx.violations().stream().map(Violation::category).distinct().toList());
        Violation v = vx.violations().get(0);
        assertTrue(v.start() < v.end() && v.advice() != null);
    }

    @Test
    @DisplayName("a slip hidden among helpful sentences of a long reply is still flagged; a long scam warning is not")
    void longRepliesKeepTheirSlip() {
        Annotations slip = both("鞋子偏码吗", "亲,这款鞋子偏大半码,平时穿42的建议拍41.5。鞋面是飞织的,透气性很好,夏天跑步不闷脚。"
                + "给五星好评并晒三张图,私聊客服领10元现金红包哦。");
        assertEquals(List.of("review_manipulation"), slip.violations().stream().map(Violation::category).distinct().toList());
        Annotations warning = both("有人加我微信说是你们客服", "亲,那不是我们。我们不会加买家微信,也不会私下转账。"
                + "请您不要理会,谨防诈骗,有问题直接在旺旺找我们就行。");
        assertTrue(warning.violations().isEmpty(), warning.violations().toString());
    }

    @Test
    @DisplayName("sentences end at 。!? or a line break (a run of them ends one); a reply without one is one sentence")
    void sentences() {
        Normalizer normalizer = TestContent.CONTENT.normalizer();
        String text = "尺码按手掌围量。收到后给个好评,截图返您8块!!有问题找我";
        List<String> parts = ContentScorer.sentences(normalizer.normalize(text)).stream()
                .map(s -> text.substring(s[0], s[1])).toList();
        assertEquals(List.of("尺码按手掌围量。", "收到后给个好评,截图返您8块!!", "有问题找我"), parts);
        assertEquals(1, ContentScorer.sentences(normalizer.normalize("收到后给个好评,截图返您8块!")).size());
    }

    /** Six helpful sentences: after them, the model weighing the whole reply reads one slip as a polite reply. */
    private static final String HELPFUL = "亲,您好,感谢您选择我们家的投影仪!这款白天拉上窗帘就能看清,晚上效果更好。"
            + "支持手机投屏和电脑连接,接口在机身背面。到货后您先插电试一下画面,有任何问题都可以随时找我。"
            + "我们提供一年免费保修,七天无理由退换。";

    @Test
    @DisplayName("a long helpful reply that ends in contempt is impolite, and the tone finding marks the rude sentence")
    void oneRudeSentenceMakesALongReplyImpolite() {
        String buyer = "这个投影仪白天能看清吗";
        assertEquals(Verdict.polite, both(buyer, HELPFUL).politeness().verdict());
        String text = HELPFUL + "这么基础的问题,问之前能不能先动动脑子?";
        Annotations a = both(buyer, text);
        assertEquals(Verdict.impolite, a.politeness().verdict());
        Finding tone = a.politeness().findings().stream().filter(f -> f.type().equals("tone")).findFirst().orElseThrow();
        assertTrue(tone.start() >= HELPFUL.length() && tone.end() <= text.length(), "on the last sentence: " + tone);
        assertNotNull(tone.advice());
    }

    @Test
    @DisplayName("a reward for photos in the review, said in the last sentence of a long reply, is review_manipulation on that sentence")
    void aRewardInTheLastSentenceIsFound() {
        String text = HELPFUL + "另外您在评价里晒三张图的话,来找我领一个同款遥控器哈~";
        Annotations a = both("投影仪收到了", text);
        assertEquals(List.of("review_manipulation"), a.violations().stream().map(Violation::category).distinct().toList());
        assertTrue(a.violations().get(0).start() >= HELPFUL.length(), a.violations().toString());
    }

    @Test
    @DisplayName("without a model file the rules alone decide (content folders of tests and old shops keep working)")
    void noModelMeansRulesOnly() {
        assertEquals(null, TestContent.CONTENT.withModel(null).model());
        Annotations a = RULES_ONLY.score(ReplyInput.of("亲,您好~"));
        assertTrue(a.politeness().findings().stream().noneMatch(f -> f.type().equals("tone")));
    }

    @Test
    @DisplayName("the scoring path computes exactly the features training names (same hashes, each once)")
    void scoringFeaturesEqualTrainingFeatures() {
        Annotations rules = RULES_ONLY.score(ReplyInput.of("亲 您好,这款 有货哦~"));
        for (String text : List.of("亲 您好,这款 有货哦~", "  a  b ", "行行行您说了算", "加我vx:abc12345", "")) {
            java.util.Set<Long> named = new java.util.HashSet<>();
            ModelFeatures.named(text, "快递 怎么还没到", rules.politeness(), rules.violations(), List.of("off_platform"), true, false, f -> named.add(f.hash()));
            long[] fast = ModelFeatures.of(text, "快递 怎么还没到", rules.politeness(), rules.violations(), List.of("off_platform"), true, false);
            java.util.Set<Long> scored = new java.util.HashSet<>();
            for (long h : fast) scored.add(h);
            assertEquals(named, scored, text);
            assertEquals(scored.size(), fast.length, "each feature once: " + text);
        }
    }

    @Test
    @DisplayName("the feature walk's white-space test agrees with Character.isWhitespace on every character")
    void whitespaceAsTheJdkSaysIt() {
        for (char c = 0; c < Character.MAX_VALUE; c++) {
            assertEquals(Character.isWhitespace(c), ModelFeatures.isWhitespace(c), "U+" + Integer.toHexString(c));
        }
    }

    @Test
    @DisplayName("the scoring path's probabilities equal the model's over the feature set, and the compact weights keep the file's precision")
    void fusedPredictionAndCompactWeights() throws Exception {
        LearnedModel model = TestContent.CONTENT.model();
        Annotations rules = RULES_ONLY.score(ReplyInput.of("亲 您好,这款 有货哦~"));
        for (String text : List.of("亲 您好,这款 有货哦~", "行行行您说了算", "加我vx:abc12345", "你才是垃圾吧", "")) {
            double[] fused = ModelFeatures.predict(model, text, "快递 怎么还没到", rules.politeness(), rules.violations(), List.of("off_platform"), true, false);
            double[] apart = model.predict(ModelFeatures.of(text, "快递 怎么还没到", rules.politeness(), rules.violations(), List.of("off_platform"), true, false));
            org.junit.jupiter.api.Assertions.assertArrayEquals(apart, fused, 1e-12, text);
        }
        int checked = 0;
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("scenarios/model/scorer.tsv"))) {
            if (line.startsWith("#")) continue;
            String[] cells = line.split("\t");
            int row = model.row(ModelFeatures.hash(cells[0]));
            assertTrue(row >= 0, cells[0]);
            for (int k = 0; k < LearnedModel.K; k++) {
                // the file keeps three decimals; the 16-bit weights are as fine as that
                assertEquals(Double.parseDouble(cells[k + 1]), model.weight(row, k), 0.001, cells[0]);
            }
            checked++;
        }
        assertTrue(checked > 1000);
        assertEquals(-1, model.row(ModelFeatures.hash('T', "不在模型里的一串字", 0, 9)));
    }
}
