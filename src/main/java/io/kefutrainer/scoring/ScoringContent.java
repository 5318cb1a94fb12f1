package io.kefutrainer.scoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything the scorer reads from the scenarios folder: lexicon/*.yaml, rules.yaml, rubric.yaml, kpi.yaml and
 * normalise.yaml. Load it off the event loop (it reads files); hand it to {@link Scorer#create(ScoringContent)}.
 *
 * @param version a digest of the files, so callers can tell when content changed and recompile
 */
public record ScoringContent(String version, List<LexiconEntry> lexicon, String rulesVersion, Map<String, String> params,
                             List<Rule> rules, Rubric rubric, KpiTargets kpi, Normalizer normalizer, LearnedModel model) {

    /** The learned layer's file under the content folder (absent: the rules alone decide). */
    public static final String MODEL_FILE = "model/scorer.tsv";

    public ScoringContent {
        lexicon = List.copyOf(lexicon);
        rules = List.copyOf(rules);
        params = Map.copyOf(params);
    }

    /** Reads and checks the content under a scenarios folder (blocking). */
    public static ScoringContent load(Path scenariosDir) {
        Path lexiconDir = scenariosDir.resolve("lexicon");
        if (!Files.isDirectory(lexiconDir)) throw new ContentException(lexiconDir + ": no lexicon folder");
        List<LexiconEntry> lexicon = ContentFiles.lexicon(lexiconDir);
        ContentFiles.RuleBook book = ContentFiles.rules(scenariosDir.resolve("rules.yaml"));
        Rubric rubric = ContentFiles.rubric(scenariosDir.resolve("rubric.yaml"));
        Path kpiFile = scenariosDir.resolve("kpi.yaml");
        KpiTargets kpi = Files.exists(kpiFile) ? ContentFiles.kpi(kpiFile) : new KpiTargets("none", 10, Map.of());
        ContentFiles.NormaliseTables tables = ContentFiles.normalise(scenariosDir.resolve("normalise.yaml"));
        Normalizer normalizer = new Normalizer(tables.traditional(), new HashSet<>(tables.hearts()));
        checkRuleReferences(book.rules());
        LearnedModel model = LearnedModel.load(scenariosDir.resolve(MODEL_FILE));
        return new ScoringContent(digest(scenariosDir), lexicon, book.version(), book.params(), book.rules(), rubric, kpi,
                normalizer, model);
    }

    /** The same content with another learned layer (null: rules only, as `train-model` needs). */
    public ScoringContent withModel(LearnedModel other) {
        return new ScoringContent(version + (other == null ? "-rules" : "-model"), lexicon, rulesVersion, params, rules,
                rubric, kpi, normalizer, other);
    }

    public Rule rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
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
            Path model = dir.resolve(MODEL_FILE);
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
}
