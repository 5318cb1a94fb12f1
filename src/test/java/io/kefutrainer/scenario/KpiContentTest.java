package io.kefutrainer.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("scenarios/kpi.yaml: the targets shops hold new hires to, each with its source")
class KpiContentTest {

    private static JsonNode kpi() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(Path.of("scenarios/kpi.yaml").toFile());
    }

    @Test
    @DisplayName("every target and floor target names its source")
    void sources() throws IOException {
        List<String> missing = new ArrayList<>();
        JsonNode k = kpi();
        for (String section : List.of("targets", "floor_targets")) {
            k.path(section).fields().forEachRemaining(e -> {
                if (e.getValue().path("source").asText().isBlank()) missing.add(section + "." + e.getKey());
            });
        }
        assertEquals(List.of(), missing);
    }

    @Test
    @DisplayName("询单转化率 and 解决率 decide readiness; 退款率 and 好评率 are floor targets; speed as shops ask of new hires")
    void targets() throws IOException {
        JsonNode t = kpi().path("targets");
        assertTrue(t.path("conversion_rate").has("min"));
        assertTrue(t.path("resolution_rate").has("min"));
        assertTrue(t.path("first_response_s").path("max").asDouble() <= 15, "shops ask 10–15 s of new hires");
        assertTrue(t.path("typing_cpm").path("min").asDouble() >= 60, "shops ask 60–80 字/分");
        JsonNode floor = kpi().path("floor_targets");
        assertTrue(floor.has("refund_rate") && floor.has("positive_review_rate"), floor.toString());
    }
}
