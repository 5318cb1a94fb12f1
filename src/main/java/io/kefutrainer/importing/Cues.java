package io.kefutrainer.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The importer's data (category cues, surnames), read once from cues.yaml beside this class: content is data,
 * not Java literals.
 *
 * @param categories category → keyword cues, in tie-break order
 */
public record Cues(Map<String, List<String>> categories, String surnames, List<String> compoundSurnames) {

    public static Cues load() {
        try (InputStream in = Cues.class.getResourceAsStream("/io/kefutrainer/importing/cues.yaml")) {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(in);
            Map<String, List<String>> categories = new LinkedHashMap<>();
            root.path("categories").fields().forEachRemaining(e -> categories.put(e.getKey(), strings(e.getValue())));
            return new Cues(categories, root.path("surnames").asText(), strings(root.path("compound_surnames")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
