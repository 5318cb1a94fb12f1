package io.kefutrainer.scenario.model;

import io.kefutrainer.yaml.Position;

/**
 * One way out of a step. `when` is null for the fallback (`else:`) branch.
 * When the branch has buyer lines, they replace the opening lines of the target step
 * (so "你这什么态度?" + goto: same step re-asks without repeating the question).
 *
 * @param mood the buyer's mood after this branch, or null to keep it
 */
public record Branch(Condition when, String target, BuyerLines buyer, Mood mood, Position at) {

    public boolean isFallback() {
        return when == null;
    }
}
