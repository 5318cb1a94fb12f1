package io.kefutrainer.scenario.model;

import io.kefutrainer.yaml.Position;
import io.kefutrainer.scoring.ExpectedFact;

import java.util.List;

/**
 * One point of the conversation where the buyer speaks and waits for the trainee's reply.
 *
 * @param expect the step's points: what the reply should say, then (avoid: true) what it must not say
 * @param retry buyer lines when no branch matches (the buyer stays on this step); empty for the defaults
 */
public record Step(String id, BuyerLines buyer, List<ExpectedFact> expect, List<Branch> branches,
                   BuyerLines retry, Position at) {
    public Step {
        expect = List.copyOf(expect);
        branches = List.copyOf(branches);
    }

    /** The points the reply should make (the file's expect:). */
    public List<ExpectedFact> mustSay() {
        return expect.stream().filter(f -> !f.avoid()).toList();
    }

    /** The points the reply must not make (the file's avoid:). */
    public List<ExpectedFact> mustNotSay() {
        return expect.stream().filter(ExpectedFact::avoid).toList();
    }
}
