package io.kefutrainer.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Chinese word for every id a user can see (scenarios/labels.yaml): categories, outcomes, modes, verdicts, score
 * dimensions, finding types, violation categories, order states, moods; and the KPIs' labels and units, which are
 * written once in kpi.yaml (kinds {@code kpi} and {@code kpi_unit}, keyed by the KPI's API name). Pages, the CSV export and the browser (served
 * once per page) all name an id through this one table, so 成交 never reads 已下单 elsewhere. An id without a label
 * is shown as itself (and the crawl test catches it).
 */
public final class Vocabulary {
    public static final String FILE = "labels.yaml";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final Vocabulary EMPTY = new Vocabulary(Map.of());

    private final Map<String, Map<String, String>> kinds;

    private Vocabulary(Map<String, Map<String, String>> kinds) {
        this.kinds = kinds;
    }

    public static Vocabulary empty() {
        return EMPTY;
    }

    /**
     * Reads DIR/labels.yaml, and the rules' titles from DIR/rules.yaml as the kind "rule" (a rule is named where it is
     * written); a missing file gives no words of its kinds (ids shown as they are).
     */
    public static Vocabulary load(Path dir) {
        Map<String, Map<String, String>> kinds = new LinkedHashMap<>();
        Path file = dir.resolve(FILE);
        Path rules = dir.resolve("rules.yaml");
        try {
            if (Files.isRegularFile(file)) {
                JsonNode root = YAML.readTree(file.toFile());
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
                JsonNode root = YAML.readTree(rules.toFile());
                for (JsonNode rule : root == null ? YAML.createArrayNode() : root.path("rules")) {
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
                io.kefutrainer.content.ScoringFiles.kpi(kpiFile).names().forEach((kpi, t) -> {
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
                        JsonNode root = YAML.readTree(f.toFile());
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
        return kinds.isEmpty() ? EMPTY : new Vocabulary(Collections.unmodifiableMap(kinds));
    }

    /** What a finding or violation came from, in words: a rule by its title, a lexicon entry by its kind and first phrase. */
    public String source(String id) {
        String rule = kinds.getOrDefault("rule", Map.of()).get(id);
        return rule != null ? rule : label("entry", id);
    }

    /** A platform rule by its title in rules.yaml. */
    public String rule(String id) {
        return label("rule", id);
    }

    /** The word for an id of a kind ("outcome", "converted" → 成交); the id itself when there is none; null stays null. */
    public String label(String kind, String id) {
        if (id == null) {
            return null;
        }
        return kinds.getOrDefault(kind, Map.of()).getOrDefault(id, id);
    }

    public String category(String id) {
        return label("category", id);
    }

    public String outcome(String id) {
        return label("outcome", id);
    }

    public String violation(String id) {
        return label("violation", id);
    }

    public String finding(String id) {
        return label("finding", id);
    }

    public String verdict(String id) {
        return label("verdict", id);
    }

    public String mode(String id) {
        return label("mode", id);
    }

    /** A KPI by its API name (firstResponseS → 首次响应时间), from kpi.yaml. */
    public String kpi(String name) {
        return label("kpi", name);
    }

    /** Every kind with its words, for the browser. */
    public Map<String, Map<String, String>> all() {
        return kinds;
    }
}
