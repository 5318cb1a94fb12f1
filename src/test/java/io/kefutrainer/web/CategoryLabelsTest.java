package io.kefutrainer.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayName("every scenario category of the schema has a Chinese label in the content vocabulary")
class CategoryLabelsTest {

    private static List<String> categories() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(Path.of("scenarios/schema/scenario.schema.json").toFile());
        List<String> out = new ArrayList<>();
        schema.at("/properties/category/enum").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    @DisplayName("scenarios/labels.yaml (read by every page and script) names each category in Chinese")
    void labelled() throws IOException {
        JsonNode labels = new ObjectMapper(new YAMLFactory()).readTree(Path.of("scenarios/labels.yaml").toFile()).path("category");
        Pattern han = Pattern.compile("\\p{IsHan}");
        List<String> missing = new ArrayList<>();
        for (String c : categories()) {
            if (!han.matcher(labels.path(c).asText("")).find()) missing.add(c);
        }
        assertEquals(List.of(), missing);
    }
}
