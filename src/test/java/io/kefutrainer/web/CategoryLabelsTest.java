package io.kefutrainer.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayName("every scenario category of the schema has a Chinese label on the progress pages and in the workbench")
class CategoryLabelsTest {

    private static List<String> categories() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(Path.of("scenarios/schema/scenario.schema.json").toFile());
        List<String> out = new ArrayList<>();
        schema.at("/properties/category/enum").forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    @DisplayName("ProgressRoutes.CATEGORY_LABELS and workbench.js name each category in Chinese")
    void labelled() throws IOException {
        String js = Files.readString(Path.of("webroot/js/workbench.js"));
        Pattern han = Pattern.compile("\\p{IsHan}");
        List<String> missing = new ArrayList<>();
        for (String c : categories()) {
            String label = ProgressRoutes.CATEGORY_LABELS.get(c);
            if (label == null || !han.matcher(label).find()) missing.add("ProgressRoutes: " + c);
            if (!Pattern.compile("[{,\\s]" + Pattern.quote(c) + ":\\s*'\\p{IsHan}").matcher(js).find()) missing.add("workbench.js: " + c);
        }
        assertEquals(List.of(), missing);
    }
}
