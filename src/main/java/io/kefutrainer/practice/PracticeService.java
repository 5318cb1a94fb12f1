package io.kefutrainer.practice;

import io.kefutrainer.scenario.CatalogSnapshot;
import io.kefutrainer.scenario.engine.ScenarioEngine;
import io.kefutrainer.scoring.Scorer;
import io.kefutrainer.scoring.SessionResult;
import io.kefutrainer.scoring.SessionRubric;
import io.kefutrainer.scoring.TypingMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs practice sessions: the one entry the HTTP routes, the shift clock and the background verticle use. The work
 * is done by its parts, each with one reason to change: {@link PracticeSessions} (open, read back),
 * {@link ReplyFlow} (the stored-before-acknowledged reply), {@link SessionReplay} (the state cache, rebuilt from
 * stored events), {@link LiveFeed} (live channels in this process and across instances), {@link SilenceWatch}
 * (silence, closing wait, time-up) and {@link SessionGrading}. The database is the truth; what is kept in memory
 * is a cache.
 *
 * Threads: no mutable state here; one service serves every event loop of the process (each part says who owns
 * what it keeps).
 */
public final class PracticeService {
    /** How long the session waits for the closing reply once the buyer's part is over (serve: 60 s). */
    public static final Duration CLOSING_TIMEOUT = Duration.ofSeconds(60);

    private final SessionLog log;
    private final Supplier<CatalogSnapshot> catalog;
    private final Supplier<Scorer> scorer;
    private final ScenarioEngine engine;
    private final SessionReplay replay;
    private final SessionGrading grading;
    private final LiveFeed feed;
    private final SilenceWatch watch;
    private final PracticeSessions sessions;
    private final ReplyFlow replies;

    public PracticeService(Vertx vertx, SessionLog log, Supplier<CatalogSnapshot> catalog, Supplier<Scorer> scorer,
                           Supplier<SessionRubric> rubric, ScenarioEngine engine) {
        this(vertx, log, catalog, scorer, rubric, engine, CLOSING_TIMEOUT);
    }

    /** @param closingTimeout how long a session waits for the closing reply before it ends without one (tests: short) */
    public PracticeService(Vertx vertx, SessionLog log, Supplier<CatalogSnapshot> catalog, Supplier<Scorer> scorer,
                           Supplier<SessionRubric> rubric, ScenarioEngine engine, Duration closingTimeout) {
        this.log = log;
        this.catalog = catalog;
        this.scorer = scorer;
        this.engine = engine;
        ClosingWait closing = new ClosingWait(closingTimeout);
        SessionReplay replay = new SessionReplay(log, catalog, engine);
        this.grading = new SessionGrading(log, rubric, replay);
        this.feed = new LiveFeed(vertx, log);
        this.watch = new SilenceWatch(vertx, log, engine, replay, feed, grading, closing);
        this.sessions = new PracticeSessions(log, catalog, engine, replay, closing);
        this.replies = new ReplyFlow(log, scorer, engine, replay, feed, grading, watch, closing);
        this.replay = replay;
    }

    /** Lets live updates travel on the local event bus; once per Vert.x instance (see {@link LiveFeed}). */
    public static void registerCodec(Vertx vertx) {
        LiveFeed.registerCodec(vertx);
    }

    /** Starts the silence sweep; called by the background verticle (one sweep per process). */
    public void startSilenceSweep() {
        watch.start();
    }

    public void stop() {
        watch.stop();
    }

    public Future<PracticeSessions.Started> start(long userId, String scenarioId, SessionRow.Mode mode, Long seed) {
        return sessions.start(userId, scenarioId, mode, seed);
    }

    /** Starts a shift's buyer number `arrival` (see {@link PracticeSessions#startInShift}). */
    public Future<SessionLog.Admission> startInShift(long userId, String scenarioId, SessionRow.Mode mode, long seed,
                                                     UUID shiftId, int arrival) {
        return sessions.startInShift(userId, scenarioId, mode, seed, shiftId, arrival);
    }

    public Future<ReplyFlow.ReplyResult> reply(long userId, UUID sessionId, String text, String clientId, TypingMetrics metrics) {
        return replies.reply(userId, sessionId, text, clientId, metrics);
    }

    public Future<PracticeSessions.View> view(long userId, UUID sessionId, boolean anyOwner) {
        return sessions.view(userId, sessionId, anyOwner);
    }

    /** The scorecard of an ended session, stored with it or graded now from its events. */
    public Future<SessionResult> scorecard(long userId, UUID sessionId, boolean anyOwner) {
        return grading.scorecard(userId, sessionId, anyOwner);
    }

    /** Closes a conversation because the trainee's shift is over (see {@link SilenceWatch#timeUp}). */
    public Future<Void> timeUp(UUID sessionId) {
        return watch.timeUp(sessionId);
    }

    /** Brings an open session's state into this instance's cache, so the silence sweep acts on it. */
    public Future<Void> ensureLive(UUID sessionId) {
        return replay.ensureLive(sessionId);
    }

    /** A live channel showed these stored events of a session (so a catch-up after a lost LISTEN skips them). */
    public void shown(UUID sessionId, List<SessionEvent> events) {
        feed.shown(sessionId, events);
    }

    /** Follows one session's new events on the caller's event loop; returns the unsubscribe action. */
    public Runnable subscribe(UUID sessionId, Consumer<LiveFeed.Update> listener) {
        return feed.subscribe(sessionId, listener);
    }

    /** The stored events of a session from `fromSeq` on, with the session as stored; null when there are none. */
    public Future<LiveFeed.Update> stored(UUID sessionId, int fromSeq) {
        return feed.stored(sessionId, fromSeq);
    }

    /** Another instance announced new events of a session (LISTEN/NOTIFY). */
    public void onAnnouncement(String payload) {
        feed.onAnnouncement(payload);
    }

    /** The LISTEN connection was re-opened: every followed session catches up from the database. */
    public void catchUp() {
        feed.catchUp();
    }

    // ---- for the demo history, which replays transcripts through the same engine and scorer

    ScenarioEngine engine() {
        return engine;
    }

    Scorer scorer() {
        return scorer.get();
    }

    CatalogSnapshot catalog() {
        return catalog.get();
    }

    SessionLog log() {
        return log;
    }

    SessionGrading grading() {
        return grading;
    }
}
