package io.kefutrainer.practice;

import io.vertx.core.Future;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Where practice sessions and their numbered events are kept (the database is the truth; see store.PracticeStore).
 * Writes to one session take turns: {@link #locked} holds the session's lock for the work it runs, and
 * {@link #appendNext} stores a reply at a position the caller believes current, refusing it when it is not.
 */
public interface SessionLog extends SessionReader {

    /** The last event number of each of these sessions that has events (one query, for the live channels' catch-up). */
    Future<java.util.Map<UUID, Integer>> lastSeqs(List<UUID> sessions);

    /** What became of a shift's planned buyer: let in now, let in already by another admitter, or the shift is over. */
    enum Admission { admitted, already_admitted, shift_closed }

    /** The last event number of a session, and whether a clientId is already stored there (a resend). */
    record Position(int lastSeq, boolean clientIdSeen) {
    }

    /** How a session ended, with its grade (JSON text), as stored on the session. */
    record Ending(String ending, String outcome, Integer satisfaction, OffsetDateTime endedAt, String scorecardJson) {
    }

    /** {@link #appendNext} refused the events: something was stored since the caller's position, or the clientId was. */
    final class Stale extends RuntimeException {
        public Stale(Throwable cause) {
            super("the session changed since the cached position", cause, false, false);
        }
    }

    /** Work on one session while holding its lock. `session` is null when the id does not exist. */
    interface Locked {
        SessionRow session();

        Future<List<SessionEvent>> events();

        Future<Void> append(List<SessionEvent> events);

        /** The last event number of the session, and whether `clientId` is already stored (a resend). */
        Future<Position> position(String clientId);

        /** Tells every instance that the session has new events, once the work has committed (never for a rollback). */
        Future<Void> announce(String payload);

        Future<Void> end(Ending ending);

        /**
         * Ends the work now, behind the writes already sent, without waiting for their answers. If one of them failed
         * the whole work is undone, so the caller joins their futures with this one. Nothing may be written afterwards.
         */
        Future<Void> commit();
    }

    Future<Void> create(SessionRow row, List<SessionEvent> events);

    /** Stores a shift's buyer number `arrival`, idempotently (several admitters may try the same one). */
    Future<Admission> createInShift(SessionRow row, List<SessionEvent> events, UUID shiftId, int arrival);

    /** Stores a session that has already ended, with its grade (demo history). */
    Future<Void> createEnded(SessionRow row, List<SessionEvent> events, String scorecardJson);

    /** The stored grade of an ended session (JSON text), if any. */
    Future<Optional<String>> scorecard(UUID id);

    /** The user's sessions, newest first. */
    Future<List<SessionRow>> forUser(long userId, int limit);

    /** Runs `work` holding the session's lock; with a clientId, the position for it is fetched along with the lock. */
    <T> Future<T> locked(UUID id, String clientId, Function<Locked, Future<T>> work);

    default <T> Future<T> locked(UUID id, Function<Locked, Future<T>> work) {
        return locked(id, null, work);
    }

    /**
     * Stores events that continue a position the caller knows, with the session's ending when they end it, and
     * announces them once stored; fails with {@link Stale} (nothing stored) when the position was not current.
     */
    Future<Void> appendNext(UUID id, List<SessionEvent> events, String announcement, Ending ending);

    /** Tells every instance that a session has new events (after they were stored). */
    void announce(String payload);
}
