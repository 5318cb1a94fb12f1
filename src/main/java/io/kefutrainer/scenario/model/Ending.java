package io.kefutrainer.scenario.model;

import io.kefutrainer.scoring.Outcome;
import io.kefutrainer.yaml.Position;

/** How the conversation ends. satisfaction (1..5) is null when it is derived from the final mood. */
public record Ending(String id, Outcome outcome, Integer satisfaction, BuyerLines buyer, Position at) {
}
