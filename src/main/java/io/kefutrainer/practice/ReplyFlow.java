package io.kefutrainer.practice;

import io.kefutrainer.problem.Problem;
import io.kefutrainer.scenario.engine.ReplyContext;
import io.kefutrainer.scenario.engine.ScenarioEngine;
import io.kefutrainer.scenario.engine.SessionState;
import io.kefutrainer.scenario.engine.Turn;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.Scorer;
import io.kefutrainer.scoring.TypingMetrics;
import io.vertx.core.Future;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * A trainee's reply: scored, answered by the engine, and stored before it is acknowledged (one transaction with the
 * buyer's answer, the announcement and, when it ends the session, the grade). The clientId makes it idempotent: a
 * resend of a stored reply gets the stored answer, never a second reply.
 *
 * Threads: no mutable state of its own; a reply runs on the event loop of the request that carries it. Two replies
 * to one session (two tabs, two instances) take turns through the session's lock, and a reply scored against the
 * shared cache of {@link SessionReplay} is refused by the database when the cache was behind.
 */
public final class ReplyFlow {
    private static final Logger LOG = Logger.getLogger(ReplyFlow.class.getName());
    static final int MAX_REPLY_CHARS = 2000;

    /**
     * What a reply produced; `replayed` is true when the same clientId had already been answered. `closingUntil` is
     * set while the session waits for the trainee's closing reply (the buyer's part is over; see
     * {@link ScenarioEngine#closingTurn}).
     */
    public record ReplyResult(SessionRow session, SessionEvent reply, Annotations annotations, List<SessionEvent> messages,
                              SessionState state, boolean replayed, OffsetDateTime closingUntil) {
        public boolean closing() {
            return closingUntil != null && !session.ended();
        }
    }

    /** A closing reply that came after the wait ran out (the sweep had not ended the session yet): refused, then ended. */
    private static final Problem CLOSING_OVER = new Problem(Problem.Kind.conflict,
            "this session has ended: the time for a closing reply is over", null);

    private final SessionLog log;
    private final Supplier<Scorer> scorer;
    private final ScenarioEngine engine;
    private final SessionReplay replay;
    private final LiveFeed feed;
    private final SessionGrading grading;
    private final SilenceWatch watch;
    private final ClosingWait closing;

    ReplyFlow(SessionLog log, Supplier<Scorer> scorer, ScenarioEngine engine, SessionReplay replay, LiveFeed feed,
              SessionGrading grading, SilenceWatch watch, ClosingWait closing) {
        this.log = log;
        this.scorer = scorer;
        this.engine = engine;
        this.replay = replay;
        this.feed = feed;
        this.grading = grading;
        this.watch = watch;
        this.closing = closing;
    }

    Future<ReplyResult> reply(long userId, UUID sessionId, String text, String clientId, TypingMetrics metrics) {
        if (text == null || text.isBlank()) {
            return Future.failedFuture(new Problem(Problem.Kind.invalid, "text must not be empty", "text"));
        }
        if (text.codePointCount(0, text.length()) > MAX_REPLY_CHARS) {
            return Future.failedFuture(new Problem(Problem.Kind.invalid,
                    "text is longer than " + MAX_REPLY_CHARS + " characters", "text"));
        }
        if (clientId == null || clientId.isBlank() || clientId.length() > 100) {
            return Future.failedFuture(new Problem(Problem.Kind.invalid,
                    "clientId is required (1–100 characters; resend a reply with the same clientId)", "clientId"));
        }
        LiveSession cached = replay.cached(sessionId);
        if (cached != null && cached.session().userId() == userId && !cached.session().ended()) {
            if (!cached.state().ended()) {
                return fastReply(userId, sessionId, text, clientId, metrics, cached, draft(cached, text, clientId, metrics));
            }
            if (cached.awaitingClosing() && !closing.over(cached.closingFrom(), TurnEvents.now())) {
                return fastClosing(userId, sessionId, text, clientId, metrics, cached);
            }
        }
        return lockedReply(userId, sessionId, text, clientId, metrics);
    }

    /** A reply scored and answered by the engine from a known state, not yet stored. */
    private record Draft(SessionEvent reply, Annotations annotations, List<SessionEvent> buyer, Turn turn, OffsetDateTime now) {
        /** When the conversation ends: as the buyer's last line shows, or at the reply when the ending says nothing. */
        OffsetDateTime endedAt() {
            return buyer.isEmpty() ? now : buyer.get(buyer.size() - 1).at();
        }

        /** Set when this reply ended the conversation and the trainee now gets a closing turn: the wait starts then. */
        OffsetDateTime closingFrom() {
            return turn.ended() && ScenarioEngine.closingTurn(turn.state()) ? endedAt() : null;
        }

        /** True when the session ends with this reply (no closing turn follows). */
        boolean ends() {
            return turn.ended() && closingFrom() == null;
        }

        List<SessionEvent> written() {
            List<SessionEvent> all = new ArrayList<>(1 + buyer.size());
            all.add(reply);
            all.addAll(buyer);
            return all;
        }
    }

    private Draft draft(LiveSession current, String text, String clientId, TypingMetrics metrics) {
        OffsetDateTime now = TurnEvents.now();
        int seq = current.lastSeq();
        OffsetDateTime roundStart = current.roundStartAt() != null ? current.roundStartAt() : current.lastLineAt();
        Long responseMs = roundStart == null ? null
                : Math.max(0, now.toInstant().toEpochMilli() - roundStart.toInstant().toEpochMilli());
        ReplyContext context = engine.context(current.state());
        Annotations annotations = scorer.get().score(context.toReplyInput(text, metrics, responseMs));
        Turn turn = engine.reply(current.state(), annotations, text, now.toInstant().toEpochMilli());
        SessionEvent reply = new SessionEvent(++seq, SessionEvent.TRAINEE, "reply", text, now, context.step(), clientId,
                AnnotationsJson.write(metrics), AnnotationsJson.write(annotations),
                responseMs == null ? null : (int) Math.min(Integer.MAX_VALUE, responseMs), null);
        return new Draft(reply, annotations, TurnEvents.buyer(turn, seq, now), turn, now);
    }

    /**
     * The usual reply, in one database round trip: scored against the state cached here and stored with the event
     * numbers that follow it (see {@link SessionLog#appendNext}). If anything was stored since (another tab,
     * another instance, a silence, the end) or the clientId is a resend, the database refuses the numbers or the
     * clientId, nothing is stored, and the reply takes the locked path, which reads the position first.
     */
    private Future<ReplyResult> fastReply(long userId, UUID sessionId, String text, String clientId, TypingMetrics metrics,
                                          LiveSession cached, Draft draft) {
        List<SessionEvent> written = draft.written();
        Turn turn = draft.turn();
        SessionRow after = cached.session();
        SessionLog.Ending ending = null;
        OffsetDateTime closingFrom = draft.closingFrom();
        if (draft.ends()) {
            OffsetDateTime endedAt = draft.endedAt();
            List<Annotations> replies = new ArrayList<>(cached.replies());
            replies.add(draft.annotations());
            after = SessionGrading.ended(cached.session(), turn.state(), endedAt);
            ending = SessionGrading.ending(turn.state(), endedAt, grading.gradeReplies(replies, turn.state()));
        }
        LiveSession next = cached.next(after, turn.state(), draft.reply().seq() + draft.buyer().size(),
                LiveSession.lastLineAt(draft.buyer(), cached.lastLineAt()), draft.buyer(), draft.annotations(), closingFrom);
        ReplyResult result = new ReplyResult(after, draft.reply(), draft.annotations(), draft.buyer(), turn.state(), false,
                closing.until(closingFrom));
        return storeAhead(sessionId, written, ending, next, result, () -> lockedReply(userId, sessionId, text, clientId, metrics));
    }

    /**
     * The closing reply (结束语) while the session waits for it, in one round trip like {@link #fastReply}: graded
     * from the cached replies' annotations, so the session's events are not read back. A wait that ran out, or
     * anything stored since (the sweep's "missed" marker, another tab), leaves it to the locked path.
     */
    private Future<ReplyResult> fastClosing(long userId, UUID sessionId, String text, String clientId, TypingMetrics metrics,
                                            LiveSession cached) {
        SessionState state = cached.state();
        ClosingDraft draft = closingDraft(cached, text, clientId, metrics);
        List<Annotations> replies = new ArrayList<>(cached.replies());
        replies.add(draft.annotations());
        SessionRow after = SessionGrading.ended(cached.session(), state, draft.reply().at());
        SessionLog.Ending ending = SessionGrading.ending(state, draft.reply().at(), grading.gradeReplies(replies, state));
        LiveSession next = cached.next(after, state, draft.reply().seq(), cached.lastLineAt(), List.of(), draft.annotations(), null);
        ReplyResult result = new ReplyResult(after, draft.reply(), draft.annotations(), List.of(), state, false, null);
        return storeAhead(sessionId, List.of(draft.reply()), ending, next, result,
                () -> lockedReply(userId, sessionId, text, clientId, metrics));
    }

    /**
     * Stores events at the position the cache holds (see {@link SessionLog#appendNext}); on success the cache moves
     * to `next` and live channels hear of them. A refused position or clientId stores nothing and takes `locked`.
     */
    private Future<ReplyResult> storeAhead(UUID sessionId, List<SessionEvent> written, SessionLog.Ending ending,
                                           LiveSession next, ReplyResult result, Supplier<Future<ReplyResult>> locked) {
        return log.appendNext(sessionId, written, feed.announcement(sessionId, written.get(0).seq()), ending)
                .map(x -> {
                    replay.cache(next);
                    return result;
                })
                .onSuccess(r -> feed.publish(r.session(), written))
                .recover(e -> {
                    if (e instanceof SessionLog.Stale) {
                        return locked.get();
                    }
                    replay.forget(sessionId); // the outcome is unknown: the next reply reads the position
                    return Future.failedFuture(e);
                });
    }

    /** The reply under the session's lock: the position and clientId are read first, the events only when needed. */
    private Future<ReplyResult> lockedReply(long userId, UUID sessionId, String text, String clientId, TypingMetrics metrics) {
        List<SessionEvent> written = new ArrayList<>();
        return log.<ReplyResult>locked(sessionId, clientId, locked -> {
            SessionRow row = locked.session();
            if (row == null || row.userId() != userId) {
                return Future.failedFuture(PracticeSessions.notFound());
            }
            // The cheap path: when the cached state reflects every stored event and the clientId is new, the
            // events are not read (their annotations are the bulk of a session's data).
            LiveSession[] cachedState = new LiveSession[1];
            return locked.position(clientId).compose(position -> {
                LiveSession cached = replay.cached(row.id());
                if (!position.clientIdSeen() && !row.ended() && cached != null && cached.lastSeq() == position.lastSeq()) {
                    cachedState[0] = cached;
                    return Future.<List<SessionEvent>>succeededFuture(null);
                }
                return locked.events();
            }).compose(events -> {
                if (events != null) {
                    Optional<SessionEvent> earlier = events.stream().filter(e -> clientId.equals(e.clientId())).findFirst();
                    if (earlier.isPresent()) {
                        OffsetDateTime waitsUntil = row.ended() ? null : closing.until(replay.stateFor(row, events).closingFrom());
                        return Future.succeededFuture(replayedResult(row, events, earlier.get(), waitsUntil));
                    }
                }
                if (row.ended()) {
                    return Future.failedFuture(new Problem(Problem.Kind.conflict, "this session has ended", null));
                }
                LiveSession current = events == null ? cachedState[0] : replay.stateFor(row, events);
                if (current.state().ended()) {
                    return closingReply(locked, row, current, events, text, clientId, metrics, written);
                }
                Draft draft = draft(current, text, clientId, metrics);
                SessionEvent reply = draft.reply();
                List<SessionEvent> buyer = draft.buyer();
                Turn turn = draft.turn();
                written.addAll(draft.written());
                // the grade at the end needs every event: read them (before this reply's) only then
                Future<List<SessionEvent>> prior = events != null || !draft.ends()
                        ? Future.succeededFuture(events) : locked.events();
                Future<Void> saved = prior.compose(before -> {
                    // the insert, the NOTIFY (delivered at commit), the end of the session and the COMMIT are
                    // pipelined on the transaction's connection: one round trip; any failure rolls all back
                    Future<Void> appended = locked.append(written);
                    Future<Void> announced = locked.announce(feed.announcement(sessionId, reply.seq()));
                    Future<Void> ended = Future.succeededFuture();
                    if (draft.ends()) {
                        List<SessionEvent> all = new ArrayList<>(before);
                        all.addAll(written);
                        ended = locked.end(SessionGrading.ending(turn.state(), draft.endedAt(), grading.grade(all, turn.state())));
                    }
                    return Future.join(appended, announced, ended, locked.commit()).mapEmpty();
                });
                SessionRow after = draft.ends() ? SessionGrading.ended(row, turn.state(), draft.endedAt()) : row;
                return saved.map(x -> {
                    replay.cache(current.next(after, turn.state(), reply.seq() + buyer.size(),
                            LiveSession.lastLineAt(buyer, current.lastLineAt()), buyer, draft.annotations(), draft.closingFrom()));
                    return new ReplyResult(after, reply, draft.annotations(), buyer, turn.state(), false,
                            closing.until(draft.closingFrom()));
                });
            });
        }).onSuccess(result -> {
            if (!result.replayed()) {
                feed.publish(result.session(), written);
            }
        }).onFailure(e -> {
            if (e == CLOSING_OVER) {
                watch.endClosing(sessionId, -1).onFailure(x -> LOG.fine("closing wait not ended: " + x.getMessage()));
            } else if (!(e instanceof Problem)) {
                replay.forget(sessionId); // the cache may be ahead of what was committed
            }
        });
    }

    /**
     * The trainee's closing reply (结束语), after the buyer's part is over: scored as a closing (the scorer looks for
     * one), stored, and the session ends with it and is graded, in one transaction. No buyer answers it and it opens
     * no round, so it has no response time (it does not count for the reply-speed KPIs).
     */
    private Future<ReplyResult> closingReply(SessionLog.Locked locked, SessionRow row, LiveSession current,
                                             List<SessionEvent> known, String text, String clientId, TypingMetrics metrics,
                                             List<SessionEvent> written) {
        if (closing.over(current.closingFrom(), TurnEvents.now())) {
            return Future.failedFuture(CLOSING_OVER);
        }
        SessionState state = current.state();
        ClosingDraft draft = closingDraft(current, text, clientId, metrics);
        SessionEvent reply = draft.reply();
        Annotations annotations = draft.annotations();
        OffsetDateTime now = reply.at();
        written.add(reply);
        SessionRow after = SessionGrading.ended(row, state, now);
        Future<List<SessionEvent>> prior = known != null ? Future.succeededFuture(known) : locked.events();
        return prior.compose(before -> {
            List<SessionEvent> all = new ArrayList<>(before);
            all.add(reply);
            Future<Void> appended = locked.append(written);
            Future<Void> announced = locked.announce(feed.announcement(row.id(), reply.seq()));
            Future<Void> ended = locked.end(SessionGrading.ending(state, now, grading.grade(all, state)));
            return Future.join(appended, announced, ended, locked.commit()).mapEmpty();
        }).map(x -> {
            replay.cache(current.next(after, state, reply.seq(), current.lastLineAt(), List.of(), annotations, null));
            return new ReplyResult(after, reply, annotations, List.of(), state, false, null);
        });
    }

    /** A closing reply scored (the scorer looks for a closing) and numbered after the cached position, not yet stored. */
    private record ClosingDraft(SessionEvent reply, Annotations annotations) {
    }

    private ClosingDraft closingDraft(LiveSession current, String text, String clientId, TypingMetrics metrics) {
        Annotations annotations = scorer.get().score(ScenarioEngine.closingInput(current.state(), text, metrics));
        SessionEvent reply = new SessionEvent(current.lastSeq() + 1, SessionEvent.TRAINEE, ClosingWait.REPLY, text,
                TurnEvents.now(), null, clientId, AnnotationsJson.write(metrics), AnnotationsJson.write(annotations), null, null);
        return new ClosingDraft(reply, annotations);
    }

    private static ReplyResult replayedResult(SessionRow row, List<SessionEvent> events, SessionEvent reply,
                                              OffsetDateTime closingUntil) {
        List<SessionEvent> after = new ArrayList<>();
        for (SessionEvent e : events) {
            if (e.seq() <= reply.seq()) {
                continue;
            }
            if (e.fromTrainee()) {
                break;
            }
            if (e.fromBuyer() || e.isNotice()) {
                after.add(e);
            }
        }
        Annotations annotations = reply.annotationsJson() == null ? null : AnnotationsJson.read(reply.annotationsJson());
        return new ReplyResult(row, reply, annotations, after, null, true, closingUntil);
    }
}
