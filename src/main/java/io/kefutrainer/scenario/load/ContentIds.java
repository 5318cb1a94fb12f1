package io.kefutrainer.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.PositionedYamlReader;
import io.kefutrainer.yaml.Position;
import io.kefutrainer.yaml.YamlDocument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The ids scenarios may reference in the shared content owned by the scoring side:
 * `rules.yaml` = {version, rules: [{id, ...}]} and `lexicon/*.yaml` = {kind, entries: [{id, ...}]}.
 * Only the ids are read here; an absent file means "not checked", with a warning.
 *
 * @param rules          rule ids, or empty when rules.yaml is absent or unreadable
 * @param lexicon        lexicon entry ids, or empty when lexicon/ is absent
 * @param ruleCategories rule id → its violation category, for the rules that have one
 * @param products       imported products a scenario may name by id (`product: p-…`): id → products/ID.yaml
 */
public record ContentIds(Optional<Set<String>> rules, Optional<Set<String>> lexicon, List<Diagnostic> diagnostics,
                         Map<String, String> ruleCategories, Map<String, Path> products) {

    /** Where import-products writes, under the content root. */
    public static final String PRODUCTS_DIR = "products";

    public ContentIds {
        diagnostics = List.copyOf(diagnostics);
        ruleCategories = Map.copyOf(ruleCategories);
        products = Map.copyOf(products);
    }

    public ContentIds(Optional<Set<String>> rules, Optional<Set<String>> lexicon, List<Diagnostic> diagnostics) {
        this(rules, lexicon, diagnostics, Map.of(), Map.of());
    }

    public static ContentIds load(Path root) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        PositionedYamlReader reader = new PositionedYamlReader();
        Optional<Set<String>> rules = Optional.empty();
        Path rulesFile = root.resolve("rules.yaml");
        Map<String, String> categories = new LinkedHashMap<>();
        if (Files.isRegularFile(rulesFile)) {
            rules = ids(reader, rulesFile, "rules", diagnostics);
            PositionedYamlReader.Result read = reader.read(rulesFile);
            read.document().ifPresent(doc -> doc.root().path("rules").forEach(rule -> {
                if (rule.path("id").isValueNode() && rule.path("category").isTextual()) {
                    categories.put(rule.path("id").asText(), rule.path("category").asText());
                }
            }));
        } else {
            diagnostics.add(Diagnostic.warning(rulesFile, Position.START, "找不到 rules.yaml:不检查规则 id"));
        }
        Optional<Set<String>> lexicon = Optional.empty();
        Path lexiconDir = root.resolve("lexicon");
        if (Files.isDirectory(lexiconDir)) {
            Set<String> ids = new LinkedHashSet<>();
            try (Stream<Path> files = Files.list(lexiconDir)) {
                for (Path f : files.filter(ContentIds::isYaml).sorted().toList()) {
                    ids(reader, f, "entries", diagnostics).ifPresent(ids::addAll);
                }
                lexicon = Optional.of(ids);
            } catch (IOException e) {
                diagnostics.add(Diagnostic.warning(lexiconDir, Position.START, "读不了 lexicon/ 目录:" + e.getMessage()));
            }
        } else {
            diagnostics.add(Diagnostic.warning(lexiconDir, Position.START, "找不到 lexicon/ 目录:不检查词条 id"));
        }
        return new ContentIds(rules, lexicon, diagnostics, categories, products(root.resolve(PRODUCTS_DIR)));
    }

    /** products/ID.yaml files by id (the file name; import-products names each file after its product's id). */
    private static Map<String, Path> products(Path dir) {
        Map<String, Path> out = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(Files::isRegularFile).filter(ContentIds::isYaml).sorted()
                    .forEach(f -> out.put(f.getFileName().toString().replaceFirst("\\.ya?ml$", ""), f));
        } catch (IOException e) {
            // unreadable: every reference then reports an unknown product, which names the folder
        }
        return out;
    }

    public static ContentIds none() {
        return new ContentIds(Optional.empty(), Optional.empty(), List.of());
    }

    static boolean isYaml(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static Optional<Set<String>> ids(PositionedYamlReader reader, Path file, String listKey,
                                             List<Diagnostic> diagnostics) {
        PositionedYamlReader.Result result = reader.read(file);
        // The owner of these files validates them; here their problems only explain why ids are not checked.
        result.diagnostics().forEach(d -> diagnostics.add(Diagnostic.warning(d.file(), d.position(),
                d.message() + "(不检查这个文件里的 id)")));
        if (result.document().isEmpty()) {
            return Optional.empty();
        }
        YamlDocument doc = result.document().get();
        JsonNode list = doc.root().path(listKey);
        if (!list.isArray()) {
            diagnostics.add(Diagnostic.warning(file, doc.at(""), "没有 '" + listKey + ":' 列表:不检查这个文件里的 id"));
            return Optional.empty();
        }
        Set<String> ids = new LinkedHashSet<>();
        list.forEach(item -> {
            if (item.path("id").isValueNode()) {
                ids.add(item.path("id").asText());
            }
        });
        return Optional.of(ids);
    }
}
