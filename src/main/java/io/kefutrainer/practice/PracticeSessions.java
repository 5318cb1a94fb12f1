package io.kefutrainer.practice;

import io.kefutrainer.problem.Problem;
import io.kefutrainer.scenario.CatalogSnapshot;
import io.kefutrainer.scenario.engine.ScenarioEngine;
import io.kefutrainer.scenario.engine.SessionState;
import io.kefutrainer.scenario.engine.Turn;
import io.kefutrainer.scenario.model.Scenario;
import io.vertx.core.Future;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Opens sessions (on their own, or as a shift's buyer) and reads one back as it stands.
 *
 * Threads: no mutable state of its own; runs on the event loop of the request (or of the shift ticker). A session
 * it opens goes into the shared cache of {@link SessionReplay} once stored.
 */
public final class PracticeSessions {
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Started(SessionRow session, List<SessionEvent> messages, SessionState state) {
    }

    /** `closingUntil`: while the session waits for the closing reply, when it ends by itself. */
    public record View(SessionRow session, Optional<Scenario> scenario, List<SessionEvent> events, SessionState state,
                       OffsetDateTime closingUntil) {
    }

    /** A session built by the engine and not yet stored. */
    private record Prepared(SessionRow row, List<SessionEvent> messages, Turn turn) {
    }

    private final SessionLog log;
    private final Supplier<CatalogSnapshot> catalog;
    private final ScenarioEngine engine;
    private final SessionReplay replay;
    private final ClosingWait closing;

    PracticeSessions(SessionLog log, Supplier<CatalogSnapshot> catalog, ScenarioEngine engine, SessionReplay replay, ClosingWait closing) {
        this.log = log;
        this.catalog = catalog;
        this.engine = engine;
        this.replay = replay;
        this.closing = closing;
    }

    Future<Started> start(long userId, String scenarioId, SessionRow.Mode mode, Long seed) {
        return prepare(userId, scenarioId, mode, seed).compose(p -> log.create(p.row(), p.messages()).map(x -> goLive(p)));
    }

    /**
     * Starts the buyer that arrives as number `arrival` of a shift. Arrival numbers are unique per shift in the
     * database and the insert is idempotent: when another admitter (this instance's ticker, another instance) let
     * this buyer in first, or the shift closed meanwhile, nothing is stored and the admission says so.
     */
    Future<SessionLog.Admission> startInShift(long userId, String scenarioId, SessionRow.Mode mode, long seed,
                                              UUID shiftId, int arrival) {
        return prepare(userId, scenarioId, mode, seed).compose(p -> log.createInShift(p.row(), p.messages(), shiftId, arrival)
                .map(admission -> {
                    if (admission == SessionLog.Admission.admitted) {
                        goLive(p);
                    }
                    return admission;
                }));
    }

    private Future<Prepared> prepare(long userId, String scenarioId, SessionRow.Mode mode, Long seed) {
        CatalogSnapshot snapshot = catalog.get();
        Scenario scenario = snapshot.scenario(scenarioId).orElse(null);
        if (scenario == null || scenario.draft()) {
            // a draft is a trainer's work in progress: trainees cannot start it by id either
            return Future.failedFuture(new Problem(Problem.Kind.invalid, "unknown scenario '" + scenarioId + "'", "scenario"));
        }
        long actualSeed = seed != null ? seed : RANDOM.nextLong() & Long.MAX_VALUE;
        Turn turn = engine.start(scenario, actualSeed);
        OffsetDateTime now = TurnEvents.now();
        SessionRow row = new SessionRow(UUID.randomUUID(), userId, scenario.id(), scenario.title(), scenario.category(),
                scenario.difficulty(), snapshot.version(), mode, actualSeed, now, null, null, null, null);
        return Future.succeededFuture(new Prepared(row, TurnEvents.buyer(turn, 0, now), turn));
    }

    /** Once stored, the session is cached live on this instance. */
    private Started goLive(Prepared p) {
        replay.cache(new LiveSession(p.row(), p.turn().state(), p.messages().size(), LiveSession.lastLineAt(p.messages(), null),
                LiveSession.roundStart(p.messages(), null), List.of(), null));
        return new Started(p.row(), p.messages(), p.turn().state());
    }

    Future<View> view(long userId, UUID sessionId, boolean anyOwner) {
        return log.session(sessionId).compose(found -> {
            if (found.isEmpty() || (!anyOwner && found.get().userId() != userId)) {
                return Future.failedFuture(notFound());
            }
            SessionRow row = found.get();
            return log.events(sessionId).map(events -> {
                LiveSession current = replay.stateFor(row, events);
                return new View(row, catalog.get().scenario(row.scenarioId()), events, current.state(),
                        row.ended() ? null : closing.until(current.closingFrom()));
            });
        });
    }

    static Problem notFound() {
        return new Problem(Problem.Kind.not_found, "no such session", null);
    }
}
