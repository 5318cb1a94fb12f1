package io.kefutrainer.practice;

import io.kefutrainer.scenario.engine.SessionState;
import io.kefutrainer.scoring.Annotations;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The cached state of a session and the last event number it reflects, with the scorer's annotations of the
 * trainee's replies so far (what the grade at the end is computed from, so ending needs no read of the events).
 * lastLineAt (the buyer's last line) drives the silence clock; roundStartAt (the first buyer message the trainee
 * has not answered yet) is what a reply's response time is measured from, as the KPIs and the transcript
 * measure it (Taobao's convention). closingFrom is set while the engine's conversation is over but the session
 * waits for the trainee's closing reply: the moment the buyer's last line shows, from which the wait is timed.
 * Immutable, so any event loop may read it (see {@link SessionReplay}).
 */
record LiveSession(SessionRow session, SessionState state, int lastSeq, OffsetDateTime lastLineAt,
                   OffsetDateTime roundStartAt, List<Annotations> replies, OffsetDateTime closingFrom) {

    /** After a reply: the buyer's answer to it, if any, opens the next round. */
    LiveSession next(SessionRow session, SessionState state, int lastSeq, OffsetDateTime lastLineAt, List<SessionEvent> buyer,
                     Annotations reply, OffsetDateTime closingFrom) {
        List<Annotations> all = new ArrayList<>(replies.size() + 1);
        all.addAll(replies);
        all.add(reply);
        return new LiveSession(session, state, lastSeq, lastLineAt, roundStart(buyer, null), List.copyOf(all), closingFrom);
    }

    boolean awaitingClosing() {
        return closingFrom != null && !session.ended();
    }

    /** The first buyer message of an unanswered round (its closing lines form none), else the round already open. */
    static OffsetDateTime roundStart(List<SessionEvent> buyer, OffsetDateTime open) {
        if (open != null) {
            return open;
        }
        for (SessionEvent e : buyer) {
            if (e.fromBuyer() && !"ending".equals(e.kind())) {
                return e.at();
            }
        }
        return null;
    }

    static OffsetDateTime lastLineAt(List<SessionEvent> buyer, OffsetDateTime previous) {
        OffsetDateTime last = previous;
        for (SessionEvent e : buyer) {
            if (e.fromBuyer() && !"nudge".equals(e.kind())) {
                last = e.at();
            }
        }
        return last;
    }
}
