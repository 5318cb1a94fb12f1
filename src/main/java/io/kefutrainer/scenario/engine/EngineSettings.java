package io.kefutrainer.scenario.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Engine tuning: how fast the simulated buyer "types", and what buyers say when a file gives no line.
 * Delay of a message = min(maxDelayMs, baseDelayMs + msPerChar × characters).
 */
public record EngineSettings(long baseDelayMs, long msPerChar, long maxDelayMs,
                             List<String> nudges, List<String> retries, List<String> lostLines,
                             List<String> offended, java.util.Map<String, List<String>> violated, List<String> leave) {

    private static final String DEFAULTS = "/io/kefutrainer/scenario/buyer-defaults.yaml";

    public EngineSettings {
        nudges = List.copyOf(nudges);
        retries = List.copyOf(retries);
        lostLines = List.copyOf(lostLines);
        offended = List.copyOf(offended);
        violated = java.util.Map.copyOf(violated);
        leave = List.copyOf(leave);
    }

    /** Typing pace of a buyer on a phone: ~0.4 s to start, ~0.2 s per character, never more than 6 s. */
    public static EngineSettings defaults() {
        try (InputStream in = EngineSettings.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULTS);
            }
            JsonNode lines = new ObjectMapper(new YAMLFactory()).readTree(in);
            java.util.Map<String, List<String>> violated = new java.util.LinkedHashMap<>();
            lines.path("violated").fields().forEachRemaining(e -> violated.put(e.getKey(), list(e.getValue())));
            return new EngineSettings(400, 200, 6000, list(lines.path("nudges")), list(lines.path("retry")),
                    list(lines.path("lost")), list(lines.path("offended")), violated, list(lines.path("leave")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Same lines, another typing pace (0, 0, 0 for tests and previews without waiting). */
    public EngineSettings withTyping(long base, long perChar, long max) {
        return new EngineSettings(base, perChar, max, nudges, retries, lostLines, offended, violated, leave);
    }

    long delayFor(String text) {
        return Math.min(maxDelayMs, baseDelayMs + msPerChar * text.codePointCount(0, text.length()));
    }

    private static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
