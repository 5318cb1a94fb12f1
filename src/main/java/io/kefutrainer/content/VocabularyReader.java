package io.kefutrainer.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.PositionedYamlReader;
import io.kefutrainer.yaml.YamlDocument;
import io.kefutrainer.scenario.Vocabulary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the {@link Vocabulary}: labels.yaml, the rule titles in rules.yaml, the KPI names in kpi.yaml, lexicon entries. */
public final class VocabularyReader {

    private VocabularyReader() {
    }

    /**
     * Reads DIR/labels.yaml, and the rules' titles from DIR/rules.yaml as the kind "rule" (a rule is named where it is
     * written); a missing file gives no words of its kinds (ids shown as they are).
     */
    public static Vocabulary load(Path dir) {
        Map<String, Map<String, String>> kinds = new LinkedHashMap<>();
        Path file = dir.resolve(Vocabulary.FILE);
        Path rules = dir.resolve("rules.yaml");
        try {
            if (Files.isRegularFile(file)) {
                JsonNode root = read(file);
                if (root != null) {
                    root.fields().forEachRemaining(kind -> {
                        Map<String, String> words = new LinkedHashMap<>();
                        kind.getValue().fields().forEachRemaining(e -> words.put(e.getKey(), e.getValue().asText()));
                        kinds.put(kind.getKey(), Collections.unmodifiableMap(words));
                    });
                }
            }
            if (Files.isRegularFile(rules)) {
                Map<String, String> titles = new LinkedHashMap<>();
                JsonNode root = read(rules);
                for (JsonNode rule : root == null ? List.<JsonNode>of() : root.path("rules")) {
                    if (rule.hasNonNull("id") && rule.hasNonNull("title")) {
                        titles.put(rule.get("id").asText(), rule.get("title").asText());
                    }
                }
                kinds.put("rule", Collections.unmodifiableMap(titles));
            }
            Path kpiFile = dir.resolve("kpi.yaml");
            if (Files.isRegularFile(kpiFile)) {
                Map<String, String> labels = new LinkedHashMap<>();
                Map<String, String> units = new LinkedHashMap<>();
                ScoringFiles.kpi(kpiFile).names().forEach((kpi, t) -> {
                    labels.put(kpi, t.label() == null ? kpi : t.label());
                    units.put(kpi, t.unit() == null ? "" : t.unit());
                });
                kinds.put("kpi", Collections.unmodifiableMap(labels));
                kinds.put("kpi_unit", Collections.unmodifiableMap(units));
            }
            Path lexicon = dir.resolve("lexicon");
            if (Files.isDirectory(lexicon)) {
                Map<String, String> entries = new LinkedHashMap<>();
                Map<String, String> findings = kinds.getOrDefault("finding", Map.of());
                try (var files = Files.list(lexicon)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                        JsonNode root = read(f);
                        if (root == null) {
                            continue;
                        }
                        String kind = root.path("kind").asText("");
                        for (JsonNode e : root.path("entries")) {
                            String first = e.path("phrases").path(0).asText("");
                            if (e.hasNonNull("id")) {
                                entries.put(e.get("id").asText(), findings.getOrDefault(kind, kind)
                                        + (first.isEmpty() ? "" : "「" + first + "」等"));
                            }
                        }
                    }
                }
                kinds.put("entry", Collections.unmodifiableMap(entries));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        }
        return Vocabulary.of(kinds);
    }

    /** A file's tree, null when it is blank; a YAML problem is refused with its position (the last words stay live). */
    private static JsonNode read(Path file) throws IOException {
        if (new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
            return null;
        }
        PositionedYamlReader.Result result = new PositionedYamlReader().read(file);
        var error = result.diagnostics().stream().filter(Diagnostic::isError).findFirst();
        if (error.isPresent()) {
            throw new IOException(error.get().format());
        }
        return result.document().map(YamlDocument::root).orElse(null);
    }
}
