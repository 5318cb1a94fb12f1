package io.kefutrainer.scenario.engine;

import java.util.List;

/**
 * The engine's answer to a start, reply or silence: the new state and the buyer messages to send, in order.
 *
 * @param branch why the conversation moved, or null for start and for silences that changed nothing
 */
public record Turn(SessionState state, List<BuyerMessage> messages, BranchTaken branch) {
    public Turn {
        messages = List.copyOf(messages);
    }

    public boolean ended() {
        return state.ended();
    }
}
