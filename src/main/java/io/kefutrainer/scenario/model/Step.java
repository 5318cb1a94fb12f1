package io.kefutrainer.scenario.model;

import io.kefutrainer.scenario.yaml.Position;
import io.kefutrainer.scoring.ExpectedFact;

import java.util.List;

/**
 * One point of the conversation where the buyer speaks and waits for the trainee's reply.
 *
 * @param retry buyer lines when no branch matches (the buyer stays on this step); empty for the defaults
 */
public record Step(String id, BuyerLines buyer, List<ExpectedFact> expect, List<Branch> branches,
                   BuyerLines retry, Position at) {
    public Step {
        expect = List.copyOf(expect);
        branches = List.copyOf(branches);
    }
}
