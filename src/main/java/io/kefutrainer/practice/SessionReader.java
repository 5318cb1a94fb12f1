package io.kefutrainer.practice;

import io.vertx.core.Future;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reading stored practice sessions and their events, nothing else: what a capability that only looks at sessions
 * (appeals, the calibration set) needs from the {@link SessionLog}.
 */
public interface SessionReader {

    Future<Optional<SessionRow>> session(UUID id);

    Future<List<SessionEvent>> events(UUID id);
}
