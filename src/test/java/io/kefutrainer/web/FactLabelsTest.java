package io.kefutrainer.web;

import io.kefutrainer.scenario.ScenarioCatalog;
import io.kefutrainer.scenario.model.Scenario;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The coach panel and transcripts name a missed fact the way the trainer wrote it, never by its id. */
class FactLabelsTest {

    @Test
    @DisplayName("a fact's label from the scenario file, else its first accepted wordings")
    void labels() {
        var catalog = ScenarioCatalog.load(Path.of("scenarios"));
        Scenario dress = catalog.scenario("size-dress-between-sizes").orElseThrow();
        JsonObject labels = PracticeJson.factLabels(dress);
        assertEquals("按身高体重给出明确尺码(S 或 M)", labels.getString("size_advice"));
        assertEquals("告知七天无理由退换", labels.getString("return_policy"));
        Scenario other = catalog.scenarios().values().stream()
                .filter(s -> s.steps().values().stream().anyMatch(st -> st.expect().stream().anyMatch(f -> f.label() == null)))
                .findFirst().orElseThrow();
        var fact = other.steps().values().stream().flatMap(st -> st.expect().stream()).filter(f -> f.label() == null)
                .findFirst().orElseThrow();
        String shown = PracticeJson.factLabels(other).getString(fact.fact());
        assertEquals("应提到:" + String.join(" / ", fact.any().subList(0, Math.min(3, fact.any().size()))), shown);
    }

    @Test
    @DisplayName("a must-not point is never shown as 应提到: its label says 不要…,因为…; a reply that makes it has it in said")
    void mustNotPoints() {
        var catalog = ScenarioCatalog.load(Path.of("scenarios"));
        Scenario s = catalog.scenario("difficult-compensation-beyond-rules").orElseThrow();
        JsonObject labels = PracticeJson.factLabels(s);
        assertEquals("不要答应现金赔偿,因为现金赔偿要主管审批,先答应了兑现不了,买家会拿截图投诉", labels.getString("cash_promise"));
        catalog.scenarios().values().forEach(sc -> sc.steps().values().forEach(st -> st.mustNotSay().forEach(f ->
                org.junit.jupiter.api.Assertions.assertFalse(PracticeJson.factLabels(sc).getString(f.fact()).startsWith("应提到"),
                        sc.id() + " " + f.fact()))));
        var step = s.steps().get("demand");
        var scorer = io.kefutrainer.content.ScorerSource.load(Path.of("scenarios"));
        var said = scorer.score(new io.kefutrainer.scoring.ReplyInput("亲,非常抱歉,这次赔您200元吧", java.util.List.of(), false, false,
                step.expect(), null, null)).facts();
        assertEquals(java.util.List.of("cash_promise"), said.said());
        org.junit.jupiter.api.Assertions.assertFalse(said.missing().contains("cash_promise"));
        var quiet = scorer.score(new io.kefutrainer.scoring.ReplyInput("亲,非常抱歉,按平台规则会有延迟发货违约金", java.util.List.of(), false, false,
                step.expect(), null, null)).facts();
        assertEquals(java.util.List.of(), quiet.said());
        org.junit.jupiter.api.Assertions.assertFalse(quiet.missing().contains("cash_promise"), "an unsaid must-not point is not missing");
    }
}
