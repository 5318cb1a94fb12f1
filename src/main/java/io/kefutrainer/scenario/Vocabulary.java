package io.kefutrainer.scenario;

import java.util.Collections;
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
    private static final Vocabulary EMPTY = new Vocabulary(Map.of());

    private final Map<String, Map<String, String>> kinds;

    private Vocabulary(Map<String, Map<String, String>> kinds) {
        this.kinds = kinds;
    }

    public static Vocabulary empty() {
        return EMPTY;
    }

    /** Words by kind, then by id (read by {@code io.kefutrainer.content.VocabularyReader}); none: {@link #empty()}. */
    public static Vocabulary of(Map<String, Map<String, String>> kinds) {
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
