package io.kefutrainer.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What scenarios/rules.yaml tells trainees about the law: every rule cites its article and when it took effect. */
@DisplayName("scenarios/rules.yaml: every rule cites its exact article and effective date")
class RulebookContentTest {

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern ARTICLE = Pattern.compile("第[一二三四五六七八九十百零]+条");
    private static final Pattern CHINESE_DATE = Pattern.compile("\\d{4}年\\d{1,2}月\\d{1,2}日");

    private static Map<String, JsonNode> rules() throws IOException {
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(Path.of("scenarios/rules.yaml").toFile());
        Map<String, JsonNode> byId = new HashMap<>();
        root.path("rules").forEach(r -> byId.put(r.path("id").asText(), r));
        return byId;
    }

    @Test
    @DisplayName("each rule has a basis: laws with article and ISO effective date (at least one law), platform rules with a section")
    void everyRuleHasArticleAndDate() throws IOException {
        List<String> problems = new ArrayList<>();
        rules().forEach((id, r) -> {
            JsonNode basis = r.path("basis");
            int laws = 0;
            for (JsonNode b : basis) {
                if (b.has("law")) {
                    laws++;
                    if (!ARTICLE.matcher(b.path("article").asText()).find()) problems.add(id + ": no article in " + b);
                    if (!ISO_DATE.matcher(b.path("effective").asText()).matches()) problems.add(id + ": no effective date in " + b);
                } else if (!b.has("platform") || b.path("section").asText().isBlank()) {
                    problems.add(id + ": a basis entry is neither a law with article nor a platform rule with section: " + b);
                }
            }
            if (laws == 0) problems.add(id + ": no law in basis");
            String source = r.path("source").asText();
            if (!ARTICLE.matcher(source).find() || !CHINESE_DATE.matcher(source).find()) {
                problems.add(id + ": source names no article or no date: " + source);
            }
        });
        assertEquals(List.of(), problems);
    }

    @Test
    @DisplayName("七天无理由: the statutory exclusions are the four of 消法第25条 (报纸期刊 in, 贴身衣物 only when confirmed at purchase)")
    void statutoryExclusions() throws IOException {
        String summary = rules().get("seven-day-return").path("summary").asText();
        int from = summary.indexOf("法定不适用");
        assertTrue(from >= 0, summary);
        String statutory = summary.substring(from, summary.indexOf('。', from));
        for (String item : List.of("定作", "鲜活易腐", "数字化商品", "报纸", "期刊")) {
            assertTrue(statutory.contains(item), item + " missing from: " + statutory);
        }
        assertFalse(statutory.contains("贴身衣物"), "贴身衣物 is no statutory exclusion: " + statutory);
        assertTrue(summary.contains("贴身衣物") && summary.contains("确认"), "贴身衣物 only when confirmed at purchase");
        assertTrue(rules().get("seven-day-return").path("source").asText().contains("第九条"), "暂行办法第九条: a cut tag is not 完好");
    }

    @Test
    @DisplayName("好评返现 cites the seller's duties (电商法第17条, 反不正当竞争法, 网络反不正当竞争暂行规定第8条), not the platform's (第39条)")
    void reviewCashbackBasis() throws IOException {
        String source = rules().get("review-cashback").path("source").asText();
        assertFalse(source.contains("第三十九条"), source);
        assertTrue(source.contains("《电子商务法》第十七条"), source);
        assertTrue(source.contains("《反不正当竞争法》"), source);
        assertTrue(source.contains("《网络反不正当竞争暂行规定》第八条"), source);
    }

    @Test
    @DisplayName("the rules the scenarios rely on exist as knowledge rules (no must-pass category)")
    void knowledgeRulesExist() throws IOException {
        Map<String, JsonNode> rules = rules();
        for (String id : List.of("price-protection", "fake-goods-compensation", "quality-return-7days", "transit-risk",
                "presale-deposit", "no-early-confirm", "delayed-shipping")) {
            JsonNode r = rules.get(id);
            assertTrue(r != null, id + " missing");
            assertNull(r.get("category"), id + " is knowledge, not a violation");
            assertTrue(r.path("knowledge").size() > 0, id + " has knowledge phrases");
        }
        assertTrue(rules.get("fake-goods-compensation").path("source").asText().contains("第五十五条"));
        assertTrue(rules.get("quality-return-7days").path("source").asText().contains("第二十四条"));
        assertTrue(rules.get("transit-risk").path("source").asText().contains("第二十条"));
        assertTrue(rules.get("buyer-privacy").path("summary").asText().contains("核对"), "privacy: confirming the buyer's own 收货人 is allowed");
    }
}
