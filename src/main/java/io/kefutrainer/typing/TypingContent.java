package io.kefutrainer.typing;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.PositionedYamlReader;
import io.kefutrainer.yaml.YamlDocument;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The trainer-owned phrases of the typing drill (scenarios/typing/phrases.yaml) and the default quick phrases
 * a new trainee starts with (scenarios/typing/quick-phrases.yaml). Blocking file I/O: call on a worker thread.
 * A missing or broken file yields an empty list and a diagnostic rather than failing the page.
 */
public record TypingContent(List<Group> drill, List<String> quickPhraseDefaults, List<String> problems) {

    public static final int MAX_PHRASES = 50;
    public static final int MAX_PHRASE_CHARS = 200;

    public record Group(String name, List<String> phrases) {
        public Group {
            phrases = List.copyOf(phrases);
        }
    }

    public TypingContent {
        drill = List.copyOf(drill);
        quickPhraseDefaults = List.copyOf(quickPhraseDefaults);
        problems = List.copyOf(problems);
    }

    public static TypingContent load(Path scenariosDir) {
        Path dir = scenariosDir.resolve("typing");
        List<String> problems = new ArrayList<>();
        PositionedYamlReader reader = new PositionedYamlReader();

        List<Group> groups = new ArrayList<>();
        JsonNode drill = read(reader, dir.resolve("phrases.yaml"), problems);
        if (drill != null) {
            for (JsonNode g : drill.path("groups")) {
                List<String> phrases = strings(g.path("phrases"));
                if (g.path("name").isTextual() && !phrases.isEmpty()) {
                    groups.add(new Group(g.path("name").asText(), phrases));
                }
            }
        }

        List<String> defaults = new ArrayList<>();
        JsonNode quick = read(reader, dir.resolve("quick-phrases.yaml"), problems);
        if (quick != null) {
            defaults.addAll(strings(quick.path("defaults")));
        }
        if (defaults.size() > MAX_PHRASES) {
            problems.add("quick-phrases.yaml: only the first " + MAX_PHRASES + " defaults are used");
            defaults = new ArrayList<>(defaults.subList(0, MAX_PHRASES));
        }
        return new TypingContent(groups, defaults, problems);
    }

    private static JsonNode read(PositionedYamlReader reader, Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(file + ": not found");
            return null;
        }
        PositionedYamlReader.Result result = reader.read(file);
        result.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format).forEach(problems::add);
        return result.document().map(YamlDocument::root).orElse(null);
    }

    /** Non-blank strings of a YAML list, trimmed; over-long entries are left out (the limit of a quick phrase). */
    private static List<String> strings(JsonNode list) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : list) {
            if (n.isTextual()) {
                String s = n.asText().strip();
                if (!s.isEmpty() && s.codePointCount(0, s.length()) <= MAX_PHRASE_CHARS) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
