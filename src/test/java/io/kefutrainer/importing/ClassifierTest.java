package io.kefutrainer.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Classifier: a conversation goes to the category its buyer lines cue most")
class ClassifierTest {

    private static final Classifier CLASSIFIER = new Classifier(Cues.load());

    @ParameterizedTest(name = "{1} ← {0}")
    @CsvSource(delimiter = '|', value = {
            "身高165 体重110斤 穿什么码|size",
            "我的快递三天没更新了 物流是不是卡住了|logistics",
            "能便宜点吗 太贵了|bargaining",
            "东西坏了 我要退货退款|after_sales",
            "你们再这样我就给差评|review",
            "我要投诉 找你们主管|escalation",
            "要开发票 公司抬头|invoice",
            "双十一满减怎么算|promotion",
            "这个是纯棉的吗|product",
            "嗯|product",
    })
    void classifies(String buyer, String category) {
        assertEquals(category, CLASSIFIER.classify(List.of(buyer)));
    }

    @Test
    @DisplayName("every category in cues.yaml is one the scenario schema allows")
    void categoriesExist() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(Path.of("scenarios/schema/scenario.schema.json").toFile());
        Set<String> allowed = new HashSet<>();
        schema.at("/properties/category/enum").forEach(n -> allowed.add(n.asText()));
        for (String category : Cues.load().categories().keySet()) {
            assertTrue(allowed.contains(category), category);
        }
        assertTrue(allowed.contains(Classifier.FALLBACK));
    }
}
