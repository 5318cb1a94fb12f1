package io.kefutrainer.practice;

import java.time.OffsetDateTime;

/**
 * One numbered event of a session: a buyer message (shown at `at`, after its typing delay), a trainee reply
 * (received at `at`, with the scorer's annotations as JSON), or a system event: silence the engine acted on, the
 * end of a shift, or a notice (kind {@value #NOTICE}, a scenario's `system:` text shown as grey text).
 */
public record SessionEvent(int seq, String sender, String kind, String text, OffsetDateTime at, String step,
                           String clientId, String metricsJson, String annotationsJson, Integer responseMs,
                           Integer silenceS) {

    public static final String BUYER = "buyer";
    public static final String TRAINEE = "trainee";
    public static final String SYSTEM = "system";
    /** Kind of a system event that is shown: a scenario's `system:` notice. */
    public static final String NOTICE = "system";

    public boolean fromTrainee() {
        return TRAINEE.equals(sender);
    }

    public boolean fromBuyer() {
        return BUYER.equals(sender);
    }

    /** A scenario's notice: shown to the trainee as grey system text, never as the buyer's words. */
    public boolean isNotice() {
        return SYSTEM.equals(sender) && NOTICE.equals(kind);
    }
}
