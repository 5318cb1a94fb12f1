package io.kefutrainer.practice;

import io.kefutrainer.scenario.engine.BuyerMessage;
import io.kefutrainer.scenario.engine.Turn;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** What the engine says in a turn, as the session events that store it; and the clock events are stamped with. */
final class TurnEvents {
    private TurnEvents() {
    }

    /** The turn's buyer lines and notices, numbered after `afterSeq`, each shown after its typing delay from `from`. */
    static List<SessionEvent> buyer(Turn turn, int afterSeq, OffsetDateTime from) {
        List<SessionEvent> events = new ArrayList<>();
        long at = from.toInstant().toEpochMilli();
        int seq = afterSeq;
        for (BuyerMessage m : turn.messages()) {
            at += m.delayMs();
            // a notice (system:) is stored as a system event with text: never a buyer message, so no KPI round
            String sender = m.kind() == BuyerMessage.Kind.system ? SessionEvent.SYSTEM : SessionEvent.BUYER;
            events.add(new SessionEvent(++seq, sender, m.kind().name(), m.text(),
                    OffsetDateTime.ofInstant(Instant.ofEpochMilli(at), ZoneOffset.UTC), turn.state().step(),
                    null, null, null, null, null));
        }
        return events;
    }

    /** PostgreSQL keeps microseconds: times are cut to that so a stored time reads back equal. */
    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
