package io.kefutrainer.practice;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Hands a session's new events to the browsers following it live: those connected to this process through the local
 * event bus, those connected to other instances through the announcements (LISTEN/NOTIFY) the writers send.
 *
 * Threads: each live channel (SSE stream) registers a local event-bus consumer on its own event loop at
 * {@link #address(UUID)}; new events are published there from whichever loop stored them, and Vert.x runs the
 * consumer on the stream's loop. {@code followed} (session → open streams in this process, a ConcurrentHashMap
 * written by the streams' loops) only decides whether a publish, or another instance's announcement, is worth
 * the work. Announcements arrive on the background verticle's loop.
 */
public final class LiveFeed {
    private static final Logger LOG = Logger.getLogger(LiveFeed.class.getName());
    private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true).setCodecName(UpdateCodec.NAME);

    /** New events of a session, for the live channel, with the session as it is after them. */
    public record Update(SessionRow session, List<SessionEvent> events) {
    }

    private final Vertx vertx;
    private final SessionLog log;
    private final Map<UUID, Integer> followed = new ConcurrentHashMap<>();
    /**
     * The last event number handed to this process's live channels, per followed session (written by whichever loop
     * publishes; merged with max): after the LISTEN connection comes back, only sessions with events beyond it are
     * read again.
     */
    private final Map<UUID, Integer> handed = new ConcurrentHashMap<>();
    /** Tells this instance's own announcements apart from other instances' (LISTEN/NOTIFY reaches everyone). */
    private final String instanceId = UUID.randomUUID().toString();

    LiveFeed(Vertx vertx, SessionLog log) {
        this.vertx = vertx;
        this.log = log;
    }

    /** The local event-bus address where a session's new events are published for the live channels of this process. */
    static String address(UUID sessionId) {
        return "kt.session." + sessionId;
    }

    /**
     * Lets {@link Update}s travel on the local event bus by reference (they are immutable); once per Vert.x instance.
     * Nothing leaves the process this way: other instances learn of new events through NOTIFY.
     */
    static void registerCodec(Vertx vertx) {
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

    /**
     * Subscribes the caller's event loop to new events of one session (the browser's live channel): the listener
     * runs on the event loop that called this, whichever loop stored the events. Returns the unsubscribe action
     * (idempotent).
     */
    Runnable subscribe(UUID sessionId, Consumer<Update> listener) {
        MessageConsumer<Update> consumer = vertx.eventBus().localConsumer(address(sessionId), m -> listener.accept(m.body()));
        followed.merge(sessionId, 1, Integer::sum);
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                consumer.unregister();
                if (followed.computeIfPresent(sessionId, (k, n) -> n > 1 ? n - 1 : null) == null) handed.remove(sessionId);
            }
        };
    }

    /** Hands committed events to the live channels of this process, on whichever event loop each one runs. */
    void publish(SessionRow session, List<SessionEvent> events) {
        if (followed.containsKey(session.id())) {
            handOver(new Update(session, List.copyOf(events)));
        }
    }

    /** A live channel showed these stored events of a session (read when it opened). */
    void shown(UUID sessionId, List<SessionEvent> events) {
        if (followed.containsKey(sessionId)) handedUpTo(sessionId, events);
    }

    private void handOver(Update update) {
        handedUpTo(update.session().id(), update.events());
        vertx.eventBus().publish(address(update.session().id()), update, LOCAL);
    }

    private void handedUpTo(UUID sessionId, List<SessionEvent> events) {
        if (!events.isEmpty()) handed.merge(sessionId, events.get(events.size() - 1).seq(), Math::max);
    }

    /** The stored events of a session from `fromSeq` on, with the session as stored; null when there are none. */
    Future<Update> stored(UUID sessionId, int fromSeq) {
        return log.session(sessionId).compose(found -> found.isEmpty() ? Future.<Update>succeededFuture(null)
                : log.events(sessionId).map(events -> {
                    List<SessionEvent> after = events.stream().filter(e -> e.seq() >= fromSeq).toList();
                    return after.isEmpty() ? null : new Update(found.get(), after);
                }));
    }

    /** {"s":session,"from":seq,"i":instance}; written by hand (a UUID, a number and a UUID need no escaping). */
    String announcement(UUID sessionId, int fromSeq) {
        return "{\"s\":\"" + sessionId + "\",\"from\":" + fromSeq + ",\"i\":\"" + instanceId + "\"}";
    }

    /**
     * A NOTIFY from an instance (one announcement, or several on lines of their own): when a browser connected here follows that session, its new events are read
     * from the database and pushed (the live channel drops events it has already sent, by event id).
     */
    void onAnnouncement(String payload) {
        if (payload.endsWith("\"i\":\"" + instanceId + "\"}")) {
            return; // written here: already pushed after commit (every reply of this instance comes back this way)
        }
        if (payload.indexOf('\n') >= 0) {
            // one instance's announcements sent together, one per line (store/Announcer)
            for (String line : payload.split("\n")) onAnnouncement(line);
            return;
        }
        UUID sessionId;
        int from;
        try {
            JsonObject json = new JsonObject(payload);
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

    /**
     * After the LISTEN connection was re-opened: announcements may have been missed, so every followed session with
     * events beyond what was handed to its channels catches up. One query finds them: reading every followed
     * session again (two queries each) after each lost connection made 2,000 live trainees wait seconds for the pool
     * (measured with `bench chat --fault cut-db-connections`: every cut was followed by 2–5 s of replies over 500 ms).
     */
    void catchUp() {
        List<UUID> ids = List.copyOf(followed.keySet());
        if (ids.isEmpty()) return;
        log.lastSeqs(ids)
                .onSuccess(last -> last.forEach((sessionId, seq) -> {
                    Integer known = handed.get(sessionId);
                    if (known == null || seq > known) pushStored(sessionId, known == null ? 1 : known + 1);
                }))
                .onFailure(e -> {
                    LOG.fine("catch-up query failed, reading every followed session: " + e.getMessage());
                    ids.forEach(id -> pushStored(id, 1));
                });
    }

    private void pushStored(UUID sessionId, int fromSeq) {
        stored(sessionId, fromSeq)
                .onSuccess(update -> {
                    if (update != null) {
                        handOver(update);
                    }
                })
                .onFailure(e -> LOG.fine("could not push stored events of " + sessionId + ": " + e.getMessage()));
    }
}
