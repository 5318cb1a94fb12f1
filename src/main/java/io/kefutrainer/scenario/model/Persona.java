package io.kefutrainer.scenario.model;

import io.kefutrainer.yaml.Position;

import java.util.List;

/**
 * The buyer.
 *
 * @param patienceS  seconds the buyer waits for an answer before a nudge
 * @param maxNudges  nudges sent before the buyer leaves (ending `lost`)
 * @param nudges     the buyer's nudge lines (在吗?), empty for the defaults
 * @param offended   what the buyer says to a rude or rule-breaking reply that the step has no branch for, empty
 *                   for the defaults
 */
public record Persona(String name, Mood mood, int patienceS, int maxNudges, List<String> nudges, List<String> offended,
                      Position at) {
    public Persona {
        nudges = List.copyOf(nudges);
        offended = List.copyOf(offended);
    }
}
