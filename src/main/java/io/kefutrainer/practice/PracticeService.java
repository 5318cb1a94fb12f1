package io.kefutrainer.practice;

import io.kefutrainer.problem.Problem;
import io.kefutrainer.scenario.CatalogSnapshot;
import io.kefutrainer.scenario.engine.BuyerMessage;
import io.kefutrainer.scenario.engine.ReplyContext;
import io.kefutrainer.scenario.engine.ScenarioEngine;
import io.kefutrainer.scenario.engine.SessionState;
import io.kefutrainer.scenario.engine.Turn;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.Scorer;
import io.kefutrainer.scoring.SessionResult;
import io.kefutrainer.scoring.SessionRubric;
import io.kefutrainer.scoring.TypingMetrics;
import io.kefutrainer.store.PracticeStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.MessageConsumer;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Runs practice sessions: stores every reply before acknowledging it, scores it, lets the dialogue engine
 * answer, and acts on silence. The database is the truth: the state kept in memory is a cache that is
 * rebuilt by replaying the stored events (after a restart, or when another instance wrote last).
 *
 * One service serves every event loop of the process (HTTP verticle instances and the background verticle), so
 * what it keeps in memory is shared between threads:
 * <ul>
 *   <li>{@code live} (session → cached state): a ConcurrentHashMap of immutable records, written by whichever event
 *   loop committed a change to the session (the session's row lock serialises writers in the database), read by
 *   every loop and by the silence sweep on the background verticle. A write keeps the entry with the highest event
 *   number, and every use checks it against the stored position (under the row lock, or through the primary key
 *   on the one-round-trip path), so a stale entry only costs a replay. Ended sessions leave it.</li>
 *   <li>Live channels: each SSE stream registers a local event-bus consumer on its own event loop at
 *   {@link #address(UUID)}; new events are published there from whichever loop stored them, and Vert.x runs the
 *   consumer on the stream's loop. {@code followed} (session → open streams in this process, a ConcurrentHashMap)
 *   only decides whether another instance's NOTIFY is worth a database read.</li>
 * </ul>
 */
public final class PracticeService {
    private static final Logger LOG = Logger.getLogger(PracticeService.class.getName());
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final int MAX_REPLY_CHARS = 2000;
    static final long SILENCE_SWEEP_MS = 1000;

    public record Started(SessionRow session, List<SessionEvent> messages, SessionState state) {
    }

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

    /** `closingUntil`: while the session waits for the closing reply, when it ends by itself. */
    public record View(SessionRow session, Optional<Scenario> scenario, List<SessionEvent> events, SessionState state,
                       OffsetDateTime closingUntil) {
    }

    /** New events of a session, for the live channel, with the session as it is after them. */
    public record Update(SessionRow session, List<SessionEvent> events) {
    }

    /**
     * The cached state of a session and the last event number it reflects, with the scorer's annotations of the
     * trainee's replies so far (what the grade at the end is computed from, so ending needs no read of the events).
     * lastLineAt (the buyer's last line) drives the silence clock; roundStartAt (the first buyer message the trainee
     * has not answered yet) is what a reply's response time is measured from, as the KPIs and the transcript
     * measure it (Taobao's convention). closingFrom is set while the engine's conversation is over but the session
     * waits for the trainee's closing reply: the moment the buyer's last line shows, from which the wait is timed.
     */
    private record Live(SessionRow session, SessionState state, int lastSeq, OffsetDateTime lastLineAt,
                        OffsetDateTime roundStartAt, List<Annotations> replies, OffsetDateTime closingFrom) {
        /** After a reply: the buyer's answer to it, if any, opens the next round. */
        Live next(SessionRow session, SessionState state, int lastSeq, OffsetDateTime lastLineAt, List<SessionEvent> buyer,
                  Annotations reply, OffsetDateTime closingFrom) {
            List<Annotations> all = new ArrayList<>(replies.size() + 1);
            all.addAll(replies);
            all.add(reply);
            return new Live(session, state, lastSeq, lastLineAt, roundStart(buyer, null), List.copyOf(all), closingFrom);
        }

        boolean awaitingClosing() {
            return closingFrom != null && !session.ended();
        }
    }

    /** How long the session waits for the closing reply once the buyer's part is over (serve: 60 s). */
    public static final Duration CLOSING_TIMEOUT = Duration.ofSeconds(60);
    /** Event kinds: the trainee's closing reply, and the system mark of a closing wait that ran out. */
    public static final String CLOSING = "closing";
    public static final String CLOSING_MISSED = "closing_missed";

    private final Vertx vertx;
    private final Duration closingTimeout;
    private final PracticeStore store;
    private final Supplier<CatalogSnapshot> catalog;
    private final Supplier<Scorer> scorer;
    private final Supplier<SessionRubric> rubric;
    private final ScenarioEngine engine;
    private final Map<UUID, Live> live = new ConcurrentHashMap<>();
    private final Map<UUID, Integer> followed = new ConcurrentHashMap<>();
    private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true).setCodecName(UpdateCodec.NAME);
    /** Set and cancelled by the background verticle (one sweep per process), on its event loop. */
    private long sweepTimer = -1;
    /** Tells this instance's own announcements apart from other instances' (LISTEN/NOTIFY reaches everyone). */
    private final String instanceId = UUID.randomUUID().toString();

    public PracticeService(Vertx vertx, PracticeStore store, Supplier<CatalogSnapshot> catalog, Supplier<Scorer> scorer,
                           Supplier<SessionRubric> rubric, ScenarioEngine engine) {
        this(vertx, store, catalog, scorer, rubric, engine, CLOSING_TIMEOUT);
    }

    /** @param closingTimeout how long a session waits for the closing reply before it ends without one (tests: short) */
    public PracticeService(Vertx vertx, PracticeStore store, Supplier<CatalogSnapshot> catalog, Supplier<Scorer> scorer,
                           Supplier<SessionRubric> rubric, ScenarioEngine engine, Duration closingTimeout) {
        this.closingTimeout = closingTimeout;
        this.vertx = vertx;
        this.store = store;
        this.catalog = catalog;
        this.scorer = scorer;
        this.rubric = rubric;
        this.engine = engine;
    }

    public void startSilenceSweep() {
        sweepTimer = vertx.setPeriodic(Math.min(SILENCE_SWEEP_MS, engine.settings().secondMs()), id -> sweepSilence());
    }

    /** The local event-bus address where a session's new events are published for the live channels of this process. */
    public static String address(UUID sessionId) {
        return "kt.session." + sessionId;
    }

    /**
     * Lets {@link Update}s travel on the local event bus by reference (they are immutable); once per Vert.x instance.
     * Nothing leaves the process this way: other instances learn of new events through NOTIFY.
     */
    public static void registerCodec(Vertx vertx) {
        try {
            vertx.eventBus().registerCodec(new UpdateCodec());
        } catch (IllegalStateException alreadyRegistered) {
            // another service on this Vert.x registered it
        }
    }

    private static final class UpdateCodec implements MessageCodec<Update, Update> {
        static final String NAME = "kt-live-update";

        @Override
        public void encodeToWire(Buffer buffer, Update update) {
            throw new UnsupportedOperationException("live updates stay in the process");
        }

        @Override
        public Update decodeFromWire(int pos, Buffer buffer) {
            throw new UnsupportedOperationException("live updates stay in the process");
        }

        @Override
        public Update transform(Update update) {
            return update;
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public byte systemCodecID() {
            return -1;
        }
    }

    public void stop() {
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
    }

    // ---- start

    /**
     * Starts the buyer that arrives as number `arrival` of a shift. Arrival numbers are unique per shift in the
     * database and the insert is idempotent: when another admitter (this instance's ticker, another instance) let
     * this buyer in first, or the shift closed meanwhile, nothing is stored and the admission says so.
     */
    public Future<PracticeStore.Admission> startInShift(long userId, String scenarioId, SessionRow.Mode mode, long seed,
                                                        UUID shiftId, int arrival) {
        return prepare(userId, scenarioId, mode, seed).compose(p -> store.createInShift(p.row(), p.messages(), shiftId, arrival)
                .map(admission -> {
                    if (admission == PracticeStore.Admission.admitted) {
                        goLive(p);
                    }
                    return admission;
                }));
    }

    /** A session built by the engine and not yet stored. */
    private record Prepared(SessionRow row, List<SessionEvent> messages, Turn turn) {
    }

    /** Once stored, the session is cached live on this instance. */
    private Started goLive(Prepared p) {
        cache(new Live(p.row(), p.turn().state(), p.messages().size(), lastLineAt(p.messages(), null),
                roundStart(p.messages(), null), List.of(), null));
        return new Started(p.row(), p.messages(), p.turn().state());
    }

    public Future<Started> start(long userId, String scenarioId, SessionRow.Mode mode, Long seed) {
        return prepare(userId, scenarioId, mode, seed).compose(p -> store.create(p.row(), p.messages()).map(x -> goLive(p)));
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
        OffsetDateTime now = now();
        SessionRow row = new SessionRow(UUID.randomUUID(), userId, scenario.id(), scenario.title(), scenario.category(),
                scenario.difficulty(), snapshot.version(), mode, actualSeed, now, null, null, null, null);
        return Future.succeededFuture(new Prepared(row, buyerEvents(turn, 0, now), turn));
    }

    // ---- reply

    public Future<ReplyResult> reply(long userId, UUID sessionId, String text, String clientId, TypingMetrics metrics) {
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
        Live cached = live.get(sessionId);
        if (cached != null && cached.session().userId() == userId && !cached.session().ended() && !cached.state().ended()) {
            return fastReply(userId, sessionId, text, clientId, metrics, cached, draft(cached, text, clientId, metrics));
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

        List<SessionEvent> written() {
            List<SessionEvent> all = new ArrayList<>(1 + buyer.size());
            all.add(reply);
            all.addAll(buyer);
            return all;
        }
    }

    private Draft draft(Live current, String text, String clientId, TypingMetrics metrics) {
        OffsetDateTime now = now();
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
        return new Draft(reply, annotations, buyerEvents(turn, seq, now), turn, now);
    }

    /**
     * The usual reply, in one database round trip: scored against the state cached here and stored with the event
     * numbers that follow it (see {@link PracticeStore#appendNext}). If anything was stored since (another tab,
     * another instance, a silence, the end) or the clientId is a resend, the database refuses the numbers or the
     * clientId, nothing is stored, and the reply takes the locked path, which reads the position first.
     */
    private Future<ReplyResult> fastReply(long userId, UUID sessionId, String text, String clientId, TypingMetrics metrics,
                                          Live cached, Draft draft) {
        List<SessionEvent> written = draft.written();
        Turn turn = draft.turn();
        SessionRow after = cached.session();
        PracticeStore.Ending ending = null;
        OffsetDateTime closingFrom = draft.closingFrom();
        if (turn.ended() && closingFrom == null) {
            OffsetDateTime endedAt = draft.endedAt();
            List<Annotations> replies = new ArrayList<>(cached.replies());
            replies.add(draft.annotations());
            after = ended(cached.session(), turn.state(), endedAt);
            ending = new PracticeStore.Ending(turn.state().ending(), outcomeName(turn.state()), turn.state().satisfaction(),
                    endedAt, AnnotationsJson.write(rubric.get().grade(replies, turn.state().outcome(), turn.state().satisfaction(), null)));
        }
        SessionRow row = after;
        return store.appendNext(sessionId, written, announcement(sessionId, draft.reply().seq()), ending)
                .map(x -> {
                    cache(cached.next(row, turn.state(), draft.reply().seq() + draft.buyer().size(),
                            lastLineAt(draft.buyer(), cached.lastLineAt()), draft.buyer(), draft.annotations(), closingFrom));
                    return new ReplyResult(row, draft.reply(), draft.annotations(), draft.buyer(), turn.state(), false,
                            closingUntil(closingFrom));
                })
                .onSuccess(result -> publish(result.session(), written))
                .recover(e -> {
                    if (e instanceof PracticeStore.Stale) {
                        return lockedReply(userId, sessionId, text, clientId, metrics);
                    }
                    live.remove(sessionId); // the outcome is unknown: the next reply reads the position
                    return Future.failedFuture(e);
                });
    }

    /** The reply under the session's row lock: the position and clientId are read first, the events only when needed. */
    private Future<ReplyResult> lockedReply(long userId, UUID sessionId, String text, String clientId, TypingMetrics metrics) {
        List<SessionEvent> written = new ArrayList<>();
        return store.<ReplyResult>locked(sessionId, clientId, locked -> {
            SessionRow row = locked.session();
            if (row == null || row.userId() != userId) {
                return Future.failedFuture(notFound());
            }
            // The cheap path: when the cached state reflects every stored event and the clientId is new, the
            // events are not read (their annotations are the bulk of a session's data).
            Live[] cachedState = new Live[1];
            return locked.position(clientId).compose(position -> {
                Live cached = live.get(row.id());
                if (!position.clientIdSeen() && !row.ended() && cached != null && cached.lastSeq() == position.lastSeq()) {
                    cachedState[0] = cached;
                    return Future.<List<SessionEvent>>succeededFuture(null);
                }
                return locked.events();
            }).compose(events -> {
                if (events != null) {
                    Optional<SessionEvent> earlier = events.stream().filter(e -> clientId.equals(e.clientId())).findFirst();
                    if (earlier.isPresent()) {
                        OffsetDateTime waitsUntil = row.ended() ? null : closingUntil(stateFor(row, events).closingFrom());
                        return Future.succeededFuture(replayedResult(row, events, earlier.get(), waitsUntil));
                    }
                }
                if (row.ended()) {
                    return Future.failedFuture(new Problem(Problem.Kind.conflict, "this session has ended", null));
                }
                Live current = events == null ? cachedState[0] : stateFor(row, events);
                if (current.state().ended()) {
                    return closingReply(locked, row, current, events, text, clientId, metrics, written);
                }
                Draft draft = draft(current, text, clientId, metrics);
                OffsetDateTime now = draft.now();
                SessionEvent reply = draft.reply();
                List<SessionEvent> buyer = draft.buyer();
                Turn turn = draft.turn();
                written.addAll(draft.written());
                // the grade at the end needs every event: read them (before this reply's) only then
                Future<List<SessionEvent>> prior = events != null || !turn.ended() || draft.closingFrom() != null
                        ? Future.succeededFuture(events) : locked.events();
                Future<Void> saved = prior.compose(before -> {
                    // the insert, the NOTIFY (delivered at commit), the end of the session and the COMMIT are
                    // pipelined on the transaction's connection: one round trip; any failure rolls all back
                    Future<Void> appended = locked.append(written);
                    Future<Void> announced = locked.announce(announcement(sessionId, reply.seq()));
                    Future<Void> ended = Future.succeededFuture();
                    if (turn.ended() && draft.closingFrom() == null) {
                        OffsetDateTime endedAt = draft.endedAt();
                        List<SessionEvent> all = new ArrayList<>(before);
                        all.addAll(written);
                        ended = locked.end(turn.state().ending(), outcomeName(turn.state()),
                                turn.state().satisfaction(), endedAt, AnnotationsJson.write(grade(all, turn.state())));
                    }
                    return Future.join(appended, announced, ended, locked.commit()).mapEmpty();
                });
                SessionRow after = turn.ended() && draft.closingFrom() == null ? ended(row, turn.state(), draft.endedAt()) : row;
                return saved.map(x -> {
                    cache(current.next(after, turn.state(), reply.seq() + buyer.size(), lastLineAt(buyer, current.lastLineAt()),
                            buyer, draft.annotations(), draft.closingFrom()));
                    return new ReplyResult(after, reply, draft.annotations(), buyer, turn.state(), false,
                            closingUntil(draft.closingFrom()));
                });
            });
        }).onSuccess(result -> {
            if (!result.replayed()) {
                publish(result.session(), written);
            }
        }).onFailure(e -> {
            if (e == CLOSING_OVER) {
                endClosing(sessionId, -1).onFailure(x -> LOG.fine("closing wait not ended: " + x.getMessage()));
            } else if (!(e instanceof Problem)) {
                live.remove(sessionId); // the cache may be ahead of what was committed
            }
        });
    }

    /** A closing reply that came after the wait ran out (the sweep had not ended the session yet): refused, then ended. */
    private static final Problem CLOSING_OVER = new Problem(Problem.Kind.conflict,
            "this session has ended: the time for a closing reply is over", null);

    /** Late by this much, a closing reply still counts: the sweep runs once a second, and clocks differ a little. */
    private static final Duration CLOSING_GRACE = Duration.ofSeconds(2);

    /**
     * The trainee's closing reply (结束语), after the buyer's part is over: scored as a closing (the scorer looks for
     * one), stored, and the session ends with it and is graded, in one transaction. No buyer answers it and it opens
     * no round, so it has no response time (it does not count for the reply-speed KPIs).
     */
    private Future<ReplyResult> closingReply(PracticeStore.Locked locked, SessionRow row, Live current, List<SessionEvent> known,
                                             String text, String clientId, TypingMetrics metrics, List<SessionEvent> written) {
        OffsetDateTime now = now();
        if (current.closingFrom() != null && now.isAfter(current.closingFrom().plus(closingTimeout).plus(CLOSING_GRACE))) {
            return Future.failedFuture(CLOSING_OVER);
        }
        SessionState state = current.state();
        Annotations annotations = scorer.get().score(ScenarioEngine.closingInput(state, text, metrics));
        SessionEvent reply = new SessionEvent(current.lastSeq() + 1, SessionEvent.TRAINEE, CLOSING, text, now, null, clientId,
                AnnotationsJson.write(metrics), AnnotationsJson.write(annotations), null, null);
        written.add(reply);
        SessionRow after = ended(row, state, now);
        Future<List<SessionEvent>> prior = known != null ? Future.succeededFuture(known) : locked.events();
        return prior.compose(before -> {
            List<SessionEvent> all = new ArrayList<>(before);
            all.add(reply);
            Future<Void> appended = locked.append(written);
            Future<Void> announced = locked.announce(announcement(row.id(), reply.seq()));
            Future<Void> ended = locked.end(state.ending(), outcomeName(state), state.satisfaction(), now,
                    AnnotationsJson.write(grade(all, state)));
            return Future.join(appended, announced, ended, locked.commit()).mapEmpty();
        }).map(x -> {
            cache(current.next(after, state, reply.seq(), current.lastLineAt(), List.of(), annotations, null));
            return new ReplyResult(after, reply, annotations, List.of(), state, false, null);
        });
    }

    // ---- view

    /** The engine and scorer this service plays with (the demo history replays transcripts through them). */
    ScenarioEngine engine() {
        return engine;
    }

    Scorer scorer() {
        return scorer.get();
    }

    CatalogSnapshot catalog() {
        return catalog.get();
    }

    PracticeStore store() {
        return store;
    }

    public Future<View> view(long userId, UUID sessionId, boolean anyOwner) {
        return store.session(sessionId).compose(found -> {
            if (found.isEmpty() || (!anyOwner && found.get().userId() != userId)) {
                return Future.failedFuture(notFound());
            }
            SessionRow row = found.get();
            return store.events(sessionId).map(events -> {
                Live current = stateFor(row, events);
                return new View(row, catalog.get().scenario(row.scenarioId()), events, current.state(),
                        row.ended() ? null : closingUntil(current.closingFrom()));
            });
        });
    }

    /**
     * Subscribes the caller's event loop to new events of one session (the browser's live channel): the listener
     * runs on the event loop that called this, whichever loop stored the events. Returns the unsubscribe action
     * (idempotent).
     */
    public Runnable subscribe(UUID sessionId, Consumer<Update> listener) {
        MessageConsumer<Update> consumer = vertx.eventBus().localConsumer(address(sessionId), m -> listener.accept(m.body()));
        followed.merge(sessionId, 1, Integer::sum);
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                consumer.unregister();
                followed.computeIfPresent(sessionId, (k, n) -> n > 1 ? n - 1 : null);
            }
        };
    }

    /** The stored events of a session from `fromSeq` on, with the session as stored; null when there are none. */
    public Future<Update> stored(UUID sessionId, int fromSeq) {
        return store.session(sessionId).compose(found -> found.isEmpty() ? Future.<Update>succeededFuture(null)
                : store.events(sessionId).map(events -> {
                    List<SessionEvent> after = events.stream().filter(e -> e.seq() >= fromSeq).toList();
                    return after.isEmpty() ? null : new Update(found.get(), after);
                }));
    }

    /**
     * Brings an open session's state into this instance's cache, so the silence sweep acts on it (a shift's
     * buyers after a restart: nobody may touch them before they would nudge or leave).
     */
    public Future<Void> ensureLive(UUID sessionId) {
        if (live.containsKey(sessionId)) {
            return Future.succeededFuture();
        }
        return store.session(sessionId).compose(found -> {
            if (found.isEmpty() || found.get().ended()) {
                return Future.<Void>succeededFuture();
            }
            return store.events(sessionId).map(events -> {
                stateFor(found.get(), events);
                return (Void) null;
            });
        });
    }

    // ---- other instances

    /** {"s":session,"from":seq,"i":instance}; written by hand (a UUID, a number and a UUID need no escaping). */
    private String announcement(UUID sessionId, int fromSeq) {
        return "{\"s\":\"" + sessionId + "\",\"from\":" + fromSeq + ",\"i\":\"" + instanceId + "\"}";
    }

    /**
     * A NOTIFY from an instance: when a browser connected here follows that session, its new events are read
     * from the database and pushed (the live channel drops events it has already sent, by event id).
     */
    public void onAnnouncement(String payload) {
        if (payload.endsWith("\"i\":\"" + instanceId + "\"}")) {
            return; // written here: already pushed after commit (every reply of this instance comes back this way)
        }
        UUID sessionId;
        int from;
        try {
            io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(payload);
            if (instanceId.equals(json.getString("i"))) {
                return; // written here: already pushed after commit
            }
            sessionId = UUID.fromString(json.getString("s"));
            from = json.getInteger("from", 1);
        } catch (RuntimeException e) {
            LOG.fine("ignored a malformed session announcement: " + e.getMessage());
            return;
        }
        if (followed.containsKey(sessionId)) {
            pushStored(sessionId, from);
        }
    }

    /** After the LISTEN connection was re-opened: announcements may have been missed, so every followed session catches up. */
    public void catchUp() {
        for (UUID sessionId : followed.keySet()) {
            pushStored(sessionId, 1);
        }
    }

    private void pushStored(UUID sessionId, int fromSeq) {
        stored(sessionId, fromSeq)
                .onSuccess(update -> {
                    if (update != null) {
                        vertx.eventBus().publish(address(sessionId), update, LOCAL);
                    }
                })
                .onFailure(e -> LOG.fine("could not push stored events of " + sessionId + ": " + e.getMessage()));
    }

    // ---- silence

    /** Lets the engine act on buyers left waiting: nudges (在吗?), lower mood, and `lost` when patience runs out. */
    void sweepSilence() {
        long now = System.currentTimeMillis();
        for (Live l : live.values()) {
            if (l.awaitingClosing() && now >= closingUntil(l.closingFrom()).toInstant().toEpochMilli()) {
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
            OffsetDateTime now = now();
            int seq = current.lastSeq();
            SessionEvent marker = new SessionEvent(++seq, SessionEvent.SYSTEM, "silence", "", now, current.state().step(),
                    null, null, null, null, silent);
            List<SessionEvent> buyer = buyerEvents(turn, seq, now);
            written.add(marker);
            written.addAll(buyer);
            Future<Void> saved = locked.append(written).compose(x -> locked.announce(announcement(sessionId, marker.seq())));
            OffsetDateTime endedAt = buyer.isEmpty() ? now : buyer.get(buyer.size() - 1).at();
            if (turn.ended()) {
                List<SessionEvent> all = new ArrayList<>(events);
                all.addAll(written);
                saved = saved.compose(x -> locked.end(turn.state().ending(), outcomeName(turn.state()),
                        turn.state().satisfaction(), endedAt, AnnotationsJson.write(grade(all, turn.state()))));
            }
            SessionRow after = turn.ended() ? ended(row, turn.state(), endedAt) : row;
            return saved.map(x -> {
                // nudges do not restart the silence clock (see ScenarioEngine.silence); a silence branch's line may open a round
                cache(new Live(after, turn.state(), marker.seq() + buyer.size(), current.lastLineAt(),
                        roundStart(buyer, current.roundStartAt()), current.replies(), null));
                return after;
            });
        });
    }

    /** Work on a session that is still open, under its lock and with its events read (see {@link #onOpenSession}). */
    private interface OpenSessionWork {
        /** Writes through `locked`, listing what it stores in `written`; the session row after, or null when it wrote nothing. */
        Future<SessionRow> apply(PracticeStore.Locked locked, SessionRow row, List<SessionEvent> events, Live current,
                                 List<SessionEvent> written);
    }

    /**
     * Runs `work` under the session's lock when the session exists and has not ended (else does nothing), and once
     * the transaction has committed publishes what it wrote to the browsers following the session.
     */
    private Future<Void> onOpenSession(UUID sessionId, OpenSessionWork work) {
        List<SessionEvent> written = new ArrayList<>();
        SessionRow[] stored = new SessionRow[1];
        return store.<Void>locked(sessionId, locked -> {
            SessionRow row = locked.session();
            if (row == null || row.ended()) {
                return Future.succeededFuture();
            }
            return locked.events().compose(events -> work.apply(locked, row, events, stateFor(row, events), written))
                    .map(after -> {
                        stored[0] = after;
                        return (Void) null;
                    });
        }).onSuccess(x -> {
            if (stored[0] != null) {
                publish(stored[0], written);
            }
        });
    }

    /**
     * Ends an open session where it stands: stores `marker` (a system event), the ending and the grade of the
     * replies so far, and caches the ended state. With `announce`, other instances hear of the marker.
     */
    private Future<SessionRow> endWithMarker(PracticeStore.Locked locked, SessionRow row, List<SessionEvent> events, Live current,
                                             List<SessionEvent> written, SessionEvent marker, SessionState state,
                                             OffsetDateTime roundStartAt, boolean announce) {
        written.add(marker);
        List<SessionEvent> all = new ArrayList<>(events);
        all.add(marker);
        OffsetDateTime at = marker.at();
        SessionRow after = ended(row, state, at);
        Future<Void> appended = locked.append(written);
        if (announce) {
            appended = appended.compose(x -> locked.announce(announcement(row.id(), marker.seq())));
        }
        return appended
                .compose(x -> locked.end(state.ending(), outcomeName(state), state.satisfaction(), at,
                        AnnotationsJson.write(grade(all, state))))
                .map(x -> {
                    cache(new Live(after, state, marker.seq(), current.lastLineAt(), roundStartAt, current.replies(), null));
                    return after;
                });
    }

    // ---- closing wait over

    /**
     * The closing reply did not come in time: a system event marks it and the session ends with the ending the
     * buyer reached, graded on the replies it has (there is no closing to score). Nothing happens if the session
     * ended meanwhile, or (expectedSeq ≥ 0) if anything was stored since the sweep looked.
     */
    private Future<Void> endClosing(UUID sessionId, int expectedSeq) {
        return onOpenSession(sessionId, (locked, row, events, current, written) -> {
            OffsetDateTime now = now();
            if (!current.awaitingClosing() || (expectedSeq >= 0 && current.lastSeq() != expectedSeq)
                    || now.isBefore(closingUntil(current.closingFrom()))) {
                return Future.succeededFuture();
            }
            SessionEvent marker = new SessionEvent(current.lastSeq() + 1, SessionEvent.SYSTEM, CLOSING_MISSED, "", now,
                    null, null, null, null, null, null);
            return endWithMarker(locked, row, events, current, written, marker, current.state(), null, true);
        });
    }

    /** When a session waiting for its closing reply since `closingFrom` ends by itself; null when it does not wait. */
    private OffsetDateTime closingUntil(OffsetDateTime closingFrom) {
        return closingFrom == null ? null : closingFrom.plus(closingTimeout);
    }

    // ---- shift over

    /**
     * Closes a conversation because the trainee's shift is over (see ScenarioEngine.timeUp): a system event
     * marks the moment, the session ends and is graded like any other. Nothing happens if it already ended.
     */
    public Future<Void> timeUp(UUID sessionId) {
        return onOpenSession(sessionId, (locked, row, events, current, written) -> {
            Turn turn = engine.timeUp(current.state());
            SessionEvent marker = new SessionEvent(current.lastSeq() + 1, SessionEvent.SYSTEM, ScenarioEngine.TIME_UP, "", now(),
                    current.state().step(), null, null, null, null, null);
            return endWithMarker(locked, row, events, current, written, marker, turn.state(), current.roundStartAt(), false);
        });
    }

    // ---- grading

    /** The scorecard of an ended session, stored with it or graded now from its events. */
    public Future<SessionResult> scorecard(long userId, UUID sessionId, boolean anyOwner) {
        return store.session(sessionId).compose(found -> {
            if (found.isEmpty() || (!anyOwner && found.get().userId() != userId)) {
                return Future.failedFuture(notFound());
            }
            if (!found.get().ended()) {
                return Future.failedFuture(new Problem(Problem.Kind.conflict,
                        "the session has not ended yet: its scorecard comes at the end", null));
            }
            return store.scorecard(sessionId).compose(stored -> stored.isPresent()
                    ? Future.succeededFuture(AnnotationsJson.readResult(stored.get()))
                    : store.events(sessionId).map(events -> grade(events, stateFor(found.get(), events).state())));
        });
    }

    /** Grades a session with the rubric: per-dimension scores, total, pass/fail, tier, must-pass failures. */
    SessionResult grade(List<SessionEvent> events, SessionState state) {
        List<Annotations> replies = new ArrayList<>();
        for (SessionEvent e : events) {
            if (e.fromTrainee() && e.annotationsJson() != null) {
                replies.add(AnnotationsJson.read(e.annotationsJson()));
            }
        }
        return rubric.get().grade(replies, state.outcome(), state.satisfaction(), null);
    }

    // ---- helpers

    /** The cached state when it reflects every stored event, else a replay of the events. */
    private Live stateFor(SessionRow row, List<SessionEvent> events) {
        int lastSeq = events.isEmpty() ? 0 : events.get(events.size() - 1).seq();
        Live cached = live.get(row.id());
        if (cached != null && cached.lastSeq() == lastSeq) {
            return cached;
        }
        Live rebuilt = replay(row, events);
        cache(rebuilt);
        return rebuilt;
    }

    /**
     * Rebuilds a session's state from its events. The engine is deterministic for a seed and the same inputs,
     * so the buyer lines it picks again are the ones stored. A scenario edited since the session began is
     * replayed with its current version (the stored messages stay as they were shown).
     */
    private Live replay(SessionRow row, List<SessionEvent> events) {
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
        return new Live(row, state, lastSeq, lastLine, roundStart, List.copyOf(replies), closingFrom);
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

    List<SessionEvent> buyerEvents(Turn turn, int afterSeq, OffsetDateTime from) {
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

    /** The first buyer message of an unanswered round (its closing lines form none), else the round already open. */
    private static OffsetDateTime roundStart(List<SessionEvent> buyer, OffsetDateTime open) {
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

    private static OffsetDateTime lastLineAt(List<SessionEvent> buyer, OffsetDateTime previous) {
        OffsetDateTime last = previous;
        for (SessionEvent e : buyer) {
            if (e.fromBuyer() && !"nudge".equals(e.kind())) {
                last = e.at();
            }
        }
        return last;
    }

    private static SessionRow ended(SessionRow row, SessionState state, OffsetDateTime endedAt) {
        return new SessionRow(row.id(), row.userId(), row.scenarioId(), row.scenarioTitle(), row.category(), row.difficulty(),
                row.contentVersion(), row.mode(), row.seed(), row.startedAt(), endedAt, state.ending(), outcomeName(state),
                state.satisfaction());
    }

    private static String outcomeName(SessionState state) {
        return state.outcome() == null ? null : state.outcome().name();
    }

    /**
     * Caches a session's state unless the cache already holds a later one: two event loops may finish writes to
     * one session in either order after their commits (a reply here, a silence on the background loop).
     */
    private void cache(Live next) {
        if (next.session().ended() || (next.state().ended() && next.closingFrom() == null)) {
            // nothing more to play or sweep: an ended session leaves the cache (it would otherwise hold every session
            // ever played and the silence sweep would walk them all each second); a late reply reads the database
            live.remove(next.session().id());
            return;
        }
        live.merge(next.session().id(), next, (old, fresh) -> fresh.lastSeq() >= old.lastSeq() ? fresh : old);
    }

    /** Hands committed events to the live channels of this process, on whichever event loop each one runs. */
    private void publish(SessionRow session, List<SessionEvent> events) {
        if (followed.containsKey(session.id())) {
            vertx.eventBus().publish(address(session.id()), new Update(session, List.copyOf(events)), LOCAL);
        }
    }

    private static Problem notFound() {
        return new Problem(Problem.Kind.not_found, "no such session", null);
    }

    /** PostgreSQL keeps microseconds: times are cut to that so a stored time reads back equal. */
    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
