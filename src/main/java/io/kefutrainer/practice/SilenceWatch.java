package io.kefutrainer.practice;

import io.kefutrainer.scenario.engine.ScenarioEngine;
import io.kefutrainer.scenario.engine.SessionState;
import io.kefutrainer.scenario.engine.Turn;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * What happens to a session while the trainee does not answer: the buyer nudges, loses patience and leaves
 * (silence), a closing wait runs out, or the shift is over (time-up). Each stores a system mark and the engine's
 * answer to it, under the session's lock.
 *
 * Threads: {@code sweepTimer} is set and cancelled by the background verticle (one sweep per process), and the sweep
 * runs on its event loop; it reads the shared cache of {@link SessionReplay}. The closing wait may also be ended
 * from the event loop of a late closing reply, and time-up from the shift ticker's; their writes take turns
 * through the session's lock.
 */
final class SilenceWatch {
    private static final Logger LOG = Logger.getLogger(SilenceWatch.class.getName());
    static final long SWEEP_MS = 1000;

    private final Vertx vertx;
    private final SessionLog log;
    private final ScenarioEngine engine;
    private final SessionReplay replay;
    private final LiveFeed feed;
    private final SessionGrading grading;
    private final ClosingWait closing;
    private long sweepTimer = -1;

    SilenceWatch(Vertx vertx, SessionLog log, ScenarioEngine engine, SessionReplay replay, LiveFeed feed,
                 SessionGrading grading, ClosingWait closing) {
        this.vertx = vertx;
        this.log = log;
        this.engine = engine;
        this.replay = replay;
        this.feed = feed;
        this.grading = grading;
        this.closing = closing;
    }

    void start() {
        sweepTimer = vertx.setPeriodic(Math.min(SWEEP_MS, engine.settings().secondMs()), id -> sweep());
    }

    void stop() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
    }

    // ---- silence

    /** Lets the engine act on buyers left waiting: nudges (在吗?), lower mood, and `lost` when patience runs out. */
    void sweep() {
        long now = System.currentTimeMillis();
        for (LiveSession l : replay.all()) {
            if (l.awaitingClosing() && now >= closing.until(l.closingFrom()).toInstant().toEpochMilli()) {
                endClosing(l.session().id(), l.lastSeq()).onFailure(e -> LOG.fine("closing wait not ended: " + e.getMessage()));
                continue;
            }
            if (l.state().ended() || l.state().awaiting().isEmpty() || l.lastLineAt() == null) {
                continue;
            }
            int silent = engine.settings().silentSeconds(now - l.lastLineAt().toInstant().toEpochMilli());
            if (silent <= 0) {
                continue;
            }
            Turn probe = engine.silence(l.state(), silent);
            if (probe.messages().isEmpty() && !probe.ended()) {
                continue;
            }
            applySilence(l.session().id(), l.lastSeq(), silent).onFailure(e -> LOG.fine("silence not applied: " + e.getMessage()));
        }
    }

    private Future<Void> applySilence(UUID sessionId, int expectedSeq, int silent) {
        return onOpenSession(sessionId, (locked, row, events, current, written) -> {
            if (current.lastSeq() != expectedSeq) {
                return Future.succeededFuture(); // a reply arrived meanwhile
            }
            Turn turn = engine.silence(current.state(), silent);
            if (turn.messages().isEmpty() && !turn.ended()) {
                return Future.succeededFuture();
            }
            OffsetDateTime now = TurnEvents.now();
            int seq = current.lastSeq();
            SessionEvent marker = new SessionEvent(++seq, SessionEvent.SYSTEM, "silence", "", now, current.state().step(),
                    null, null, null, null, silent);
            List<SessionEvent> buyer = TurnEvents.buyer(turn, seq, now);
            written.add(marker);
            written.addAll(buyer);
            Future<Void> saved = locked.append(written).compose(x -> locked.announce(feed.announcement(sessionId, marker.seq())));
            OffsetDateTime endedAt = buyer.isEmpty() ? now : buyer.get(buyer.size() - 1).at();
            if (turn.ended()) {
                List<SessionEvent> all = new ArrayList<>(events);
                all.addAll(written);
                saved = saved.compose(x -> locked.end(SessionGrading.ending(turn.state(), endedAt, grading.grade(all, turn.state()))));
            }
            SessionRow after = turn.ended() ? SessionGrading.ended(row, turn.state(), endedAt) : row;
            return saved.map(x -> {
                // nudges do not restart the silence clock (see ScenarioEngine.silence); a silence branch's line may open a round
                replay.cache(new LiveSession(after, turn.state(), marker.seq() + buyer.size(), current.lastLineAt(),
                        LiveSession.roundStart(buyer, current.roundStartAt()), current.replies(), null));
                return after;
            });
        });
    }

    // ---- closing wait over

    /**
     * The closing reply did not come in time: a system event marks it and the session ends with the ending the
     * buyer reached, graded on the replies it has (there is no closing to score). Nothing happens if the session
     * ended meanwhile, or (expectedSeq ≥ 0) if anything was stored since the sweep looked.
     */
    Future<Void> endClosing(UUID sessionId, int expectedSeq) {
        return onOpenSession(sessionId, (locked, row, events, current, written) -> {
            OffsetDateTime now = TurnEvents.now();
            if (!current.awaitingClosing() || (expectedSeq >= 0 && current.lastSeq() != expectedSeq)
                    || now.isBefore(closing.until(current.closingFrom()))) {
                return Future.succeededFuture();
            }
            SessionEvent marker = new SessionEvent(current.lastSeq() + 1, SessionEvent.SYSTEM, ClosingWait.MISSED, "", now,
                    null, null, null, null, null, null);
            return endWithMarker(locked, row, events, current, written, marker, current.state(), null);
        });
    }

    // ---- shift over

    /**
     * Closes a conversation because the trainee's shift is over (see ScenarioEngine.timeUp): a system event
     * marks the moment, the session ends and is graded like any other, and other instances hear of it. Nothing
     * happens if it already ended.
     */
    Future<Void> timeUp(UUID sessionId) {
        return onOpenSession(sessionId, (locked, row, events, current, written) -> {
            Turn turn = engine.timeUp(current.state());
            SessionEvent marker = new SessionEvent(current.lastSeq() + 1, SessionEvent.SYSTEM, ScenarioEngine.TIME_UP, "",
                    TurnEvents.now(), current.state().step(), null, null, null, null, null);
            return endWithMarker(locked, row, events, current, written, marker, turn.state(), current.roundStartAt());
        });
    }

    // ---- shared

    /** Work on a session that is still open, under its lock and with its events read (see {@link #onOpenSession}). */
    private interface OpenSessionWork {
        /** Writes through `locked`, listing what it stores in `written`; the session row after, or null when it wrote nothing. */
        Future<SessionRow> apply(SessionLog.Locked locked, SessionRow row, List<SessionEvent> events, LiveSession current,
                                 List<SessionEvent> written);
    }

    /**
     * Runs `work` under the session's lock when the session exists and has not ended (else does nothing), and once
     * the transaction has committed publishes what it wrote to the browsers following the session.
     */
    private Future<Void> onOpenSession(UUID sessionId, OpenSessionWork work) {
        List<SessionEvent> written = new ArrayList<>();
        SessionRow[] stored = new SessionRow[1];
        return log.<Void>locked(sessionId, locked -> {
            SessionRow row = locked.session();
            if (row == null || row.ended()) {
                return Future.succeededFuture();
            }
            return locked.events().compose(events -> work.apply(locked, row, events, replay.stateFor(row, events), written))
                    .map(after -> {
                        stored[0] = after;
                        return (Void) null;
                    });
        }).onSuccess(x -> {
            if (stored[0] != null) {
                feed.publish(stored[0], written);
            }
        });
    }

    /**
     * Ends an open session where it stands: stores `marker` (a system event), the ending and the grade of the
     * replies so far, and caches the ended state. Other instances hear of the marker once it is committed, as of a
     * reply: a browser following the session there sees it end now, not at its next read.
     */
    private Future<SessionRow> endWithMarker(SessionLog.Locked locked, SessionRow row, List<SessionEvent> events,
                                             LiveSession current, List<SessionEvent> written, SessionEvent marker,
                                             SessionState state, OffsetDateTime roundStartAt) {
        written.add(marker);
        List<SessionEvent> all = new ArrayList<>(events);
        all.add(marker);
        OffsetDateTime at = marker.at();
        SessionRow after = SessionGrading.ended(row, state, at);
        return locked.append(written)
                .compose(x -> locked.announce(feed.announcement(row.id(), marker.seq())))
                .compose(x -> locked.end(SessionGrading.ending(state, at, grading.grade(all, state))))
                .map(x -> {
                    replay.cache(new LiveSession(after, state, marker.seq(), current.lastLineAt(), roundStartAt, current.replies(), null));
                    return after;
                });
    }
}
