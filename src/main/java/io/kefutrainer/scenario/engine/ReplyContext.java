package io.kefutrainer.scenario.engine;

import io.kefutrainer.scoring.ExpectedFact;
import io.kefutrainer.scoring.ReplyInput;
import io.kefutrainer.scoring.TypingMetrics;

import java.util.List;

/**
 * What the scorer needs to know about the reply the engine is waiting for.
 *
 * @param buyerMessages buyer messages this reply answers, oldest first (including nudges)
 * @param first         true when this will be the trainee's first reply of the conversation
 * @param expected      the current step's expected facts
 * @param floorPrice    the product's floor price, or null
 */
public record ReplyContext(String step, List<String> buyerMessages, boolean first, List<ExpectedFact> expected,
                           Double floorPrice) {
    public ReplyContext {
        buyerMessages = List.copyOf(buyerMessages);
        expected = List.copyOf(expected);
    }

    /** The scorer's input for a reply in this context; `closing` is unknown before the branch is chosen. */
    public ReplyInput toReplyInput(String text, TypingMetrics typing, Long responseMs) {
        return new ReplyInput(text, buyerMessages, first, false, expected, typing, responseMs);
    }
}
