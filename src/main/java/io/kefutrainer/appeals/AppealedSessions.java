package io.kefutrainer.appeals;

import io.kefutrainer.practice.SessionEvent;
import io.kefutrainer.practice.SessionRow;
import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** The practice sessions an appeal or a calibration label is about, read only. */
public interface AppealedSessions {

    Future<Optional<SessionRow>> session(UUID id);

    Future<List<SessionEvent>> events(UUID id);

    /** Reads through two look-ups, e.g. the session store's (it is practice's, so appeals does not name it). */
    static AppealedSessions of(Function<UUID, Future<Optional<SessionRow>>> session,
                               Function<UUID, Future<List<SessionEvent>>> events) {
        return new AppealedSessions() {
            @Override
            public Future<Optional<SessionRow>> session(UUID id) {
                return session.apply(id);
            }

            @Override
            public Future<List<SessionEvent>> events(UUID id) {
                return events.apply(id);
            }
        };
    }
}
