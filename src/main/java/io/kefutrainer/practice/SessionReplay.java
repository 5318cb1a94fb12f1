package io.kefutrainer.practice;

import io.kefutrainer.problem.Problem;
import io.kefutrainer.scenario.CatalogSnapshot;
import io.kefutrainer.scenario.engine.ScenarioEngine;
import io.kefutrainer.scenario.engine.SessionState;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scoring.Annotations;
import io.vertx.core.Future;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The state of the open sessions, cached, and rebuilt by replaying the stored events when the cache is behind (after
 * a restart, or when another instance wrote last). The database is the truth; the cache only saves the replay.
 *
 * Threads: one instance serves every event loop of the process. {@code live} (session → {@link LiveSession}) is a
 * ConcurrentHashMap of immutable records, written by whichever event loop committed a change to the session (the
 * session's lock serialises writers in the database), read by every loop and by the silence sweep on the background
 * verticle. A write keeps the entry with the highest event number, and every use checks it against the stored
 * position (under the lock, or through the primary key on the one-round-trip path), so a stale entry only costs a
 * replay. Ended sessions leave it.
 */
final class SessionReplay {
    private final SessionLog log;
    private final Supplier<CatalogSnapshot> catalog;
    private final ScenarioEngine engine;
    private final Map<UUID, LiveSession> live = new ConcurrentHashMap<>();

    SessionReplay(SessionLog log, Supplier<CatalogSnapshot> catalog, ScenarioEngine engine) {
        this.log = log;
        this.catalog = catalog;
        this.engine = engine;
    }

    /** The cached state of a session, or null; check its lastSeq against the stored position before trusting it. */
    LiveSession cached(UUID sessionId) {
        return live.get(sessionId);
    }

    /** The open sessions cached here (the silence sweep's work list). */
    Collection<LiveSession> all() {
        return live.values();
    }

    /** Drops a session's cached state: the outcome of a write is unknown, so the next use reads the position. */
    void forget(UUID sessionId) {
        live.remove(sessionId);
    }

    /** The cached state when it reflects every stored event, else a replay of the events. */
    LiveSession stateFor(SessionRow row, List<SessionEvent> events) {
        int lastSeq = events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
        LiveSession cached = live.get(row.id());
        if (cached != null && cached.lastSeq() == lastSeq) {
            return cached;
        }
        LiveSession rebuilt = replay(row, events);
        cache(rebuilt);
        return rebuilt;
    }

    /**
     * Caches a session's state unless the cache already holds a later one: two event loops may finish writes to
     * one session in either order after their commits (a reply here, a silence on the background loop).
     */
    void cache(LiveSession next) {
        if (next.session().ended() || (next.state().ended() && next.closingFrom() == null)) {
            // nothing more to play or sweep: an ended session leaves the cache (it would otherwise hold every session
            // ever played and the silence sweep would walk them all each second); a late reply reads the database
            live.remove(next.session().id());
            return;
        }
        live.merge(next.session().id(), next, (old, fresh) -> fresh.lastSeq() >= old.lastSeq() ? fresh : old);
    }

    /**
     * Brings an open session's state into this instance's cache, so the silence sweep acts on it (a shift's
     * buyers after a restart: nobody may touch them before they would nudge or leave).
     */
    Future<Void> ensureLive(UUID sessionId) {
        if (live.containsKey(sessionId)) {
            return Future.succeededFuture();
        }
        return log.session(sessionId).compose(found -> {
            if (found.isEmpty() || found.get().ended()) {
                return Future.<Void>succeededFuture();
            }
            return log.events(sessionId).map(events -> {
                stateFor(found.get(), events);
                return (Void) null;
            });
        });
    }

    /**
     * Rebuilds a session's state from its events. The engine is deterministic for a seed and the same inputs,
     * so the buyer lines it picks again are the ones stored. A scenario edited since the session began is
     * replayed with its current version (the stored messages stay as they were shown).
     */
    private LiveSession replay(SessionRow row, List<SessionEvent> events) {
        Scenario scenario = catalog.get().scenario(row.scenarioId())
                .orElseThrow(() -> new Problem(Problem.Kind.conflict,
                        "scenario '" + row.scenarioId() + "' is no longer available", null));
        SessionState state = engine.start(scenario, row.seed()).state();
        OffsetDateTime lastLine = null;
        OffsetDateTime roundStart = null;
        List<Annotations> replies = new ArrayList<>();
        OffsetDateTime closingFrom = null;
        for (SessionEvent e : events) {
            boolean wasEnded = state.ended();
            if (e.fromTrainee()) {
                roundStart = null;
            } else if (e.fromBuyer() && roundStart == null && !"ending".equals(e.kind())) {
                roundStart = e.at();
            }
            Annotations annotations = e.fromTrainee() && e.annotationsJson() != null ? AnnotationsJson.read(e.annotationsJson()) : null;
            if (annotations != null) {
                replies.add(annotations);
            }
            if (annotations != null && !state.ended()) {
                state = engine.reply(state, annotations, e.text(), e.at().toInstant().toEpochMilli()).state();
            } else if (SessionEvent.SYSTEM.equals(e.sender()) && e.silenceS() != null && !state.ended()) {
                state = engine.silence(state, e.silenceS()).state();
            } else if (SessionEvent.SYSTEM.equals(e.sender()) && ScenarioEngine.TIME_UP.equals(e.kind()) && !state.ended()) {
                state = engine.timeUp(state).state();
            } else if (e.fromBuyer() && !"nudge".equals(e.kind())) {
                lastLine = e.at();
            }
            // the closing wait: opened by a reply that reached an ending with a closing turn, timed from the buyer's
            // last line after it, over with the closing reply (or a system mark: time out, shift over)
            if (!wasEnded && state.ended()) {
                closingFrom = annotations != null && ScenarioEngine.closingTurn(state) ? e.at() : null;
            } else if (wasEnded && (e.fromTrainee() || SessionEvent.SYSTEM.equals(e.sender()) && !e.isNotice())) {
                closingFrom = null;
            } else if (closingFrom != null && (e.fromBuyer() || e.isNotice()) && e.at().isAfter(closingFrom)) {
                closingFrom = e.at();
            }
        }
        int lastSeq = events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
        return new LiveSession(row, state, lastSeq, lastLine, roundStart, List.copyOf(replies), closingFrom);
    }
}
