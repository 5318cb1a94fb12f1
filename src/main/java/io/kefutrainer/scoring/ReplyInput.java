package io.kefutrainer.scoring;

import java.util.List;

/**
 * Everything the scorer may look at for one reply.
 *
 * @param text          the trainee's reply as sent
 * @param buyerMessages the buyer message(s) this reply answers, oldest first (context: complaint, question)
 * @param first         true for the trainee's first reply of the conversation (a greeting is expected)
 * @param closing       true when the conversation ends after this reply (a closing is expected)
 * @param expected      the step's expected facts (may be empty)
 * @param typing        browser-reported typing metrics, or null
 * @param responseMs    server-measured response time, or null
 */
public record ReplyInput(String text, List<String> buyerMessages, boolean first, boolean closing,
                         List<ExpectedFact> expected, TypingMetrics typing, Long responseMs) {
    public ReplyInput {
        buyerMessages = List.copyOf(buyerMessages);
        expected = List.copyOf(expected);
    }

    /** A reply with no context: used by the score command and quick checks. */
    public static ReplyInput of(String text) {
        return new ReplyInput(text, List.of(), false, false, List.of(), null, null);
    }
}
