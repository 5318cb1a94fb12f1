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
        JsonObject labels = PracticeRoutes.factLabels(dress);
        assertEquals("按身高体重给出明确尺码(S 或 M)", labels.getString("size_advice"));
        assertEquals("告知七天无理由退换", labels.getString("return_policy"));
        Scenario other = catalog.scenarios().values().stream()
                .filter(s -> s.steps().values().stream().anyMatch(st -> st.expect().stream().anyMatch(f -> f.label() == null)))
                .findFirst().orElseThrow();
        var fact = other.steps().values().stream().flatMap(st -> st.expect().stream()).filter(f -> f.label() == null)
                .findFirst().orElseThrow();
        String shown = PracticeRoutes.factLabels(other).getString(fact.fact());
        assertEquals("应提到:" + String.join(" / ", fact.any().subList(0, Math.min(3, fact.any().size()))), shown);
    }
}
