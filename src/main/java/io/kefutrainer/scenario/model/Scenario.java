package io.kefutrainer.scenario.model;

import io.kefutrainer.yaml.Position;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One scenario file, immutable. A running session holds the Scenario it started with, so a reload
 * never changes a conversation in progress.
 *
 * @param order  the order card, or null before payment
 * @param rules  ids of rules.yaml entries this scenario trains (shown on the scorecard)
 * @param traineeFirst the trainee opens the conversation (催付, 回访, 主动推荐): the start step has no buyer lines
 * @param draft  made by import-chats and not yet published: never offered to trainees
 */
public record Scenario(String id, String title, String category, int difficulty, List<String> tags,
                       Persona persona, Product product, Order order, List<String> rules, String start,
                       Map<String, Step> steps, Map<String, Ending> endings, List<TranscriptTest> tests,
                       Path source, Position at, boolean traineeFirst, boolean draft) {

    /** Patience running out ends the conversation here when the file defines no ending `lost`. */
    public static final String LOST = "lost";

    public Scenario {
        tags = List.copyOf(tags);
        rules = List.copyOf(rules);
        steps = Collections.unmodifiableMap(new LinkedHashMap<>(steps));
        endings = Collections.unmodifiableMap(new LinkedHashMap<>(endings));
        tests = List.copyOf(tests);
    }

    public Optional<Step> step(String stepId) {
        return Optional.ofNullable(steps.get(stepId));
    }

    public Optional<Ending> ending(String endingId) {
        return Optional.ofNullable(endings.get(endingId));
    }
}
