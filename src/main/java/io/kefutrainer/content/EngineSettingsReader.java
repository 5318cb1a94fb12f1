package io.kefutrainer.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.PositionedYamlReader;
import io.kefutrainer.yaml.YamlDocument;
import io.kefutrainer.scenario.engine.EngineSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's settings: the buyers' default lines (a resource beside the scenario schema) and the product's pace,
 * a buyer on a phone: ~0.4 s to start, ~0.2 s per character, never more than 6 s; one second of patience is a second.
 * A content folder may carry {@value #FILE} to change the pace (a test folder makes buyers instant and impatient):
 * {@code typing: {base_ms, per_char_ms, max_ms}} and {@code second_ms}.
 */
public final class EngineSettingsReader {

    /** Optional file in a content folder; the product's scenarios have none. */
    public static final String FILE = "engine.yaml";
    private static final String DEFAULTS = "/io/kefutrainer/scenario/buyer-defaults.yaml";

    private EngineSettingsReader() {
    }

    /** The product's settings. */
    public static EngineSettings defaults() {
        byte[] bytes;
        try (InputStream in = EngineSettingsReader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULTS);
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode lines = root(new PositionedYamlReader().read(Path.of(DEFAULTS), bytes));
        Map<String, List<String>> violated = new LinkedHashMap<>();
        lines.path("violated").fields().forEachRemaining(e -> violated.put(e.getKey(), list(e.getValue())));
        return new EngineSettings(400, 200, 6000, 1000, list(lines.path("nudges")), list(lines.path("retry")),
                list(lines.path("lost")), list(lines.path("offended")), violated, list(lines.path("leave")));
    }

    /** The product's settings, with the content folder's {@value #FILE} applied when there is one (blocking). */
    public static EngineSettings load(Path contentDir) {
        EngineSettings settings = defaults();
        Path file = contentDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return settings;
        }
        JsonNode root = root(new PositionedYamlReader().read(file));
        JsonNode typing = root.path("typing");
        settings = settings.withTyping(typing.path("base_ms").asLong(settings.baseDelayMs()),
                typing.path("per_char_ms").asLong(settings.msPerChar()), typing.path("max_ms").asLong(settings.maxDelayMs()));
        return settings.withSecond(root.path("second_ms").asLong(settings.secondMs()));
    }

    private static JsonNode root(PositionedYamlReader.Result result) {
        var error = result.diagnostics().stream().filter(Diagnostic::isError).findFirst();
        if (error.isPresent()) {
            throw new IllegalStateException(error.get().format());
        }
        return result.document().map(YamlDocument::root).orElseThrow();
    }

    private static List<String> list(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.forEach(n -> out.add(n.asText()));
        return out;
    }
}
