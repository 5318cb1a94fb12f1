package io.kefutrainer.practice;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * The wait for the trainee's closing reply (结束语) once the buyer's part is over (see ScenarioEngine.closingTurn):
 * how long it lasts, and the event kinds that end it.
 *
 * @param timeout how long a session waits for the closing reply before it ends without one (serve: 60 s; tests: short)
 */
record ClosingWait(Duration timeout) {
    /** Event kind of the trainee's closing reply. */
    static final String REPLY = "closing";
    /** Event kind of the system mark of a closing wait that ran out. */
    static final String MISSED = "closing_missed";
    /** Late by this much, a closing reply still counts: the sweep runs once a second, and clocks differ a little. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    /** When a session waiting for its closing reply since `from` ends by itself; null when it does not wait. */
    OffsetDateTime until(OffsetDateTime from) {
        return from == null ? null : from.plus(timeout);
    }

    /** True when a closing reply received `now` comes too late for a wait that began `from` (null: no wait). */
    boolean over(OffsetDateTime from, OffsetDateTime now) {
        return from != null && now.isAfter(from.plus(timeout).plus(GRACE));
    }
}
