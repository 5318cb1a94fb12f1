package io.kefutrainer.practice;

import java.time.OffsetDateTime;

/**
 * One numbered event of a session: a buyer message (shown at `at`, after its typing delay), a trainee reply
 * (received at `at`, with the scorer's annotations as JSON), or a system event (silence the engine acted on).
 */
public record SessionEvent(int seq, String sender, String kind, String text, OffsetDateTime at, String step,
                           String clientId, String metricsJson, String annotationsJson, Integer responseMs,
                           Integer silenceS) {

    public static final String BUYER = "buyer";
    public static final String TRAINEE = "trainee";
    public static final String SYSTEM = "system";

    public boolean fromTrainee() {
        return TRAINEE.equals(sender);
    }

    public boolean fromBuyer() {
        return BUYER.equals(sender);
    }
}
