package io.kefutrainer.scoring;

import java.util.List;
import java.util.Map;

/**
 * Everything the scorer reads from the scenarios folder: lexicon/*.yaml, rules.yaml, rubric.yaml, kpi.yaml and
 * normalise.yaml, read by {@code io.kefutrainer.content.ScoringFiles} (off the event loop); hand it to
 * {@link Scorer#create(ScoringContent)}.
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

    /** The same content with another learned layer (null: rules only, as `train-model` needs). */
    public ScoringContent withModel(LearnedModel other) {
        return new ScoringContent(version + (other == null ? "-rules" : "-model"), lexicon, rulesVersion, params, rules,
                rubric, kpi, normalizer, other);
    }

    public Rule rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst().orElse(null);
    }
}
