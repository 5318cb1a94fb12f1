package io.kefutrainer.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.PositionedYamlReader;
import io.kefutrainer.yaml.YamlDocument;
import io.kefutrainer.scoring.ContentException;
import io.kefutrainer.scoring.KpiTargets;
import io.kefutrainer.scoring.LearnedModel;
import io.kefutrainer.scoring.LexiconEntry;
import io.kefutrainer.scoring.Normalizer;
import io.kefutrainer.scoring.Rubric;
import io.kefutrainer.scoring.Rule;
import io.kefutrainer.scoring.ScoringContent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads the scorer's content files (lexicon/*.yaml, rules.yaml, rubric.yaml, kpi.yaml, normalise.yaml and the
 * learned layer) into the records {@link ScoringContent} holds. YAML goes through the one positioned reader, so a
 * syntax slip or a key written twice is refused as `file:line:col: error: ...`; the scorer never sees a parser type.
 */
public final class ScoringFiles {

    private ScoringFiles() {
    }

    /** Reads and checks the content under a scenarios folder (blocking: run it off the event loop). */
    public static ScoringContent load(Path scenariosDir) {
        Path lexiconDir = scenariosDir.resolve("lexicon");
        if (!Files.isDirectory(lexiconDir)) throw new ContentException(lexiconDir + ": no lexicon folder");
        List<LexiconEntry> lexicon = lexicon(lexiconDir);
        RuleBook book = rules(scenariosDir.resolve("rules.yaml"));
        Rubric rubric = rubric(scenariosDir.resolve("rubric.yaml"));
        KpiTargets kpi = kpi(scenariosDir.resolve("kpi.yaml"));
        NormaliseTables tables = normalise(scenariosDir.resolve("normalise.yaml"));
        Normalizer normalizer = new Normalizer(tables.traditional(), new HashSet<>(tables.hearts()));
        checkRuleReferences(book.rules());
        LearnedModel model = LearnedModel.load(scenariosDir.resolve(ScoringContent.MODEL_FILE));
        return new ScoringContent(digest(scenariosDir), lexicon, book.version(), book.params(), book.rules(), rubric, kpi,
                normalizer, model);
    }

    /** Reads a kpi.yaml (the scorer, the vocabulary, progress); none when the file is missing. */
    public static KpiTargets kpi(Path file) {
        return Files.exists(file) ? kpiTargets(file) : new KpiTargets("none", 10, Map.of());
    }

    /** A content file's top-level mapping; any YAML problem is refused with its position. */
    static JsonNode read(Path file) {
        PositionedYamlReader.Result result = new PositionedYamlReader().read(file);
        var error = result.diagnostics().stream().filter(Diagnostic::isError).findFirst();
        if (error.isPresent()) throw new ContentException(error.get().format());
        JsonNode node = result.document().map(YamlDocument::root).orElse(null);
        if (node == null || !node.isObject()) throw new ContentException(file + ": expected a mapping at top level");
        return node;
    }

    private static List<LexiconEntry> lexicon(Path dir) {
        List<Path> files;
        try (var stream = Files.list(dir)) {
            files = stream.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new ContentException(dir + ": " + e.getMessage(), e);
        }
        List<LexiconEntry> entries = new ArrayList<>();
        Map<String, Path> seen = new HashMap<>();
        for (Path file : files) {
            JsonNode root = read(file);
            String kind = text(root, "kind", file);
            JsonNode list = root.get("entries");
            if (list == null || !list.isArray()) throw new ContentException(file + ": 'entries' must be a list");
            for (JsonNode e : list) {
                String id = text(e, "id", file);
                Path before = seen.putIfAbsent(id, file);
                if (before != null) throw new ContentException(file + ": duplicate lexicon id '" + id + "' (also in " + before + ")");
                List<String> phrases = strings(e.get("phrases"));
                if (phrases.isEmpty()) throw new ContentException(file + ": entry '" + id + "' has no phrases");
                List<String> patterns = strings(e.get("patterns"));
                for (String p : patterns) {
                    try {
                        java.util.regex.Pattern.compile(p);
                    } catch (java.util.regex.PatternSyntaxException x) {
                        throw new ContentException(file + ": entry '" + id + "': bad pattern " + p + ": " + x.getDescription(), x);
                    }
                }
                entries.add(new LexiconEntry(id, kind, phrases, patterns, optText(e, "advice"),
                        e.hasNonNull("points") ? e.get("points").asInt() : null,
                        strings(e.get("except")), e.path("softenable").asBoolean(false),
                        e.path("clause_end").asBoolean(false), optText(e, "impolite"), optText(e, "position"),
                        e.path("window").asInt(0), optText(e, "role")));
            }
        }
        return entries;
    }

    private record RuleBook(String version, Map<String, String> params, List<Rule> rules) {
    }

    private static RuleBook rules(Path file) {
        JsonNode root = read(file);
        Map<String, String> params = new LinkedHashMap<>();
        root.path("params").fields().forEachRemaining(f -> params.put(f.getKey(), f.getValue().asText()));
        List<Rule> rules = new ArrayList<>();
        Map<String, Boolean> ids = new HashMap<>();
        for (JsonNode r : root.path("rules")) {
            String id = text(r, "id", file);
            if (ids.put(id, true) != null) throw new ContentException(file + ": duplicate rule id '" + id + "'");
            JsonNode v = r.path("violation");
            List<List<List<String>>> together = new ArrayList<>();
            for (JsonNode combo : v.path("together")) {
                List<List<String>> groups = new ArrayList<>();
                combo.forEach(g -> groups.add(strings(g)));
                if (groups.size() < 2) throw new ContentException(file + ": rule '" + id + "': 'together' needs two or more groups");
                together.add(groups);
            }
            String category = optText(r, "category");
            if (category != null && !Rule.isCategory(category)) {
                throw new ContentException(file + ": rule '" + id + "': unknown category '" + category + "'");
            }
            rules.add(new Rule(id, text(r, "title", file), category, optText(r, "summary"), text(r, "source", file),
                    optText(r, "advice"), strings(v.get("phrases")), strings(v.get("patterns")), together,
                    strings(r.get("exceptions")), r.path("negatable").asBoolean(true), strings(r.get("supersedes")),
                    strings(r.get("knowledge")), strings(v.get("requests"))));
        }
        if (rules.isEmpty()) throw new ContentException(file + ": no rules");
        return new RuleBook(text(root, "version", file), params, rules);
    }

    private static Rubric rubric(Path file) {
        JsonNode root = read(file);
        Map<String, Integer> weights = new LinkedHashMap<>();
        root.path("weights").fields().forEachRemaining(f -> weights.put(f.getKey(), f.getValue().asInt()));
        List<Rubric.Tier> tiers = new ArrayList<>();
        root.path("tiers").forEach(t -> tiers.add(new Rubric.Tier(text(t, "name", file), t.path("min").asDouble())));
        tiers.sort((a, b) -> Double.compare(b.min(), a.min()));
        JsonNode p = root.path("politeness");
        Map<String, Integer> points = new LinkedHashMap<>();
        p.path("points").fields().forEachRemaining(f -> points.put(f.getKey(), f.getValue().asInt()));
        Map<String, String> advice = new LinkedHashMap<>();
        p.path("advice").fields().forEachRemaining(f -> advice.put(f.getKey(), f.getValue().asText()));
        Map<String, Integer> maxHits = new LinkedHashMap<>();
        p.path("max_hits").fields().forEachRemaining(f -> maxHits.put(f.getKey(), f.getValue().asInt()));
        JsonNode s = root.path("speed");
        JsonNode o = root.path("outcome");
        Map<String, Integer> outcomeBase = new LinkedHashMap<>();
        o.path("base").fields().forEachRemaining(f -> outcomeBase.put(f.getKey(), f.getValue().asInt()));
        return new Rubric(text(root, "version", file), weights, root.path("pass_mark").asDouble(80), tiers,
                new Rubric.PolitenessParams(p.path("base").asInt(70), p.path("polite_from").asInt(80),
                        p.path("impolite_below").asInt(50), p.path("severe_at").asInt(-25), points, maxHits, advice),
                new Rubric.SpeedParams(s.path("response_target_s").asDouble(30), s.path("response_zero_s").asDouble(180),
                        s.path("typing_target_cpm").asDouble(50), s.path("plausible_max_cpm").asDouble(300),
                        s.path("response_share").asDouble(0.7)),
                new Rubric.OutcomeParams(outcomeBase, o.path("satisfaction_share").asDouble(0.5)),
                root.path("violation_penalty").asInt(25));
    }

    private static KpiTargets kpiTargets(Path file) {
        JsonNode root = read(file);
        Map<String, KpiTargets.Target> targets = new LinkedHashMap<>();
        root.path("targets").fields().forEachRemaining(f -> {
            JsonNode t = f.getValue();
            targets.put(f.getKey(), new KpiTargets.Target(optText(t, "label"), optText(t, "unit"),
                    t.hasNonNull("min") ? t.get("min").asDouble() : null, t.hasNonNull("max") ? t.get("max").asDouble() : null));
        });
        Map<String, KpiTargets.Target> measures = new LinkedHashMap<>();
        root.path("measures").fields().forEachRemaining(f -> measures.put(f.getKey(),
                new KpiTargets.Target(optText(f.getValue(), "label"), optText(f.getValue(), "unit"), null, null)));
        List<String> preSales = new ArrayList<>();
        root.path("categories").path("pre_sales").forEach(c -> preSales.add(c.asText()));
        List<String> afterSales = new ArrayList<>();
        root.path("categories").path("after_sales").forEach(c -> afterSales.add(c.asText()));
        return new KpiTargets(text(root, "version", file), root.path("last_sessions").asInt(10), targets, preSales, afterSales,
                optText(root, "readiness_exam"), measures);
    }

    private record NormaliseTables(Map<Integer, Integer> traditional, List<Integer> hearts) {
    }

    private static NormaliseTables normalise(Path file) {
        Map<Integer, Integer> traditional = new HashMap<>();
        List<Integer> hearts = new ArrayList<>();
        if (!Files.exists(file)) return new NormaliseTables(traditional, hearts);
        JsonNode root = read(file);
        root.path("traditional").fields().forEachRemaining(f -> {
            String from = f.getKey();
            String to = f.getValue().asText();
            if (from.codePointCount(0, from.length()) != 1 || to.codePointCount(0, to.length()) != 1) {
                throw new ContentException(file + ": traditional entries map one character to one character: " + from);
            }
            traditional.put(from.codePointAt(0), to.codePointAt(0));
        });
        root.path("hearts").forEach(h -> h.asText().codePoints().filter(cp -> cp != 0xFE0F).forEach(hearts::add));
        return new NormaliseTables(traditional, hearts);
    }

    private static void checkRuleReferences(List<Rule> rules) {
        var ids = rules.stream().map(Rule::id).toList();
        for (Rule r : rules) {
            for (String s : r.supersedes()) {
                if (!ids.contains(s)) throw new ContentException("rules.yaml: rule '" + r.id() + "' supersedes unknown rule '" + s + "'");
            }
            for (String p : r.patterns()) {
                try {
                    java.util.regex.Pattern.compile(p);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw new ContentException("rules.yaml: rule '" + r.id() + "': bad pattern " + p + ": " + e.getDescription(), e);
                }
            }
        }
    }

    private static String digest(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            Path model = dir.resolve(ScoringContent.MODEL_FILE);
            List<Path> content = files.filter(p -> p.toString().matches(".*\\.ya?ml") && (p.getParent().endsWith("lexicon")
                    || p.getParent().equals(dir)) || p.equals(model)).sorted().toList();
            for (Path f : content) {
                md.update(dir.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                md.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 12);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new ContentException(dir + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field, Path file) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull() || v.asText().isBlank()) throw new ContentException(file + ": missing '" + field + "' in " + node);
        return v.asText();
    }

    private static String optText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) return out;
        if (node.isArray()) node.forEach(n -> out.add(n.asText()));
        else out.add(node.asText());
        return out;
    }
}
