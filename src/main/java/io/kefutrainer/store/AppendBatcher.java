package io.kefutrainer.store;

import io.kefutrainer.practice.SessionEvent;
import io.kefutrainer.practice.SessionLog;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Group commit for the usual reply ({@link SessionLog#appendNext}): replies to different sessions that wait for a
 * connection while others are being stored go to PostgreSQL together, in one transaction and one round trip (BEGIN,
 * then per session its row lock, its events and its ending, then COMMIT). PostgreSQL's work per transaction and per
 * round trip (wake-ups, socket reads and writes, the commit) is then shared by the batch instead of paid per reply;
 * when replies do not wait, each goes alone as before, so a quiet server adds no delay.
 *
 * Every guarantee of the single path holds: a reply is acknowledged only after its batch committed; a batch holds
 * at most one reply per session, and takes the sessions' row locks in id order, so two batches cannot deadlock. If a
 * statement is refused (a stale position or a resent clientId: the unique index or the foreign key), the whole
 * transaction rolls back, and each reply of the batch is stored again alone, where the refusal is that reply's own
 * {@link SessionLog.Stale}. A lost connection fails the whole batch, as it fails a single reply.
 *
 * Threads: one batcher per event loop, used only on that loop's thread (the queue and counters are unguarded); a
 * batch's completion that arrives on another thread hops back to the loop before touching them.
 */
final class AppendBatcher {
    /** Batches stored at once per event loop; more replies wait in the queue and go in the next batch. */
    static final int IN_FLIGHT = 3;
    /** Replies in one batch at most (each is up to four statements in the pipeline, which holds 256). */
    static final int MAX_BATCH = 32;

    /** One reply to store: its session, its events and its ending (or null). */
    record Reply(UUID id, List<SessionEvent> events, SessionLog.Ending ending) {
    }

    private record Waiting(Reply reply, Promise<Void> done) {
    }

    /**
     * Stores replies in one transaction; fails with {@link SessionLog.Stale} when a statement was refused (all rolled
     * back), with the cause otherwise.
     */
    private final Function<List<Reply>, Future<Void>> together;
    private final Context context;
    private final ArrayDeque<Waiting> queue = new ArrayDeque<>();
    private int inFlight;

    AppendBatcher(Context context, Function<List<Reply>, Future<Void>> together) {
        this.context = context;
        this.together = together;
    }

    Future<Void> append(Reply reply) {
        Promise<Void> done = Promise.promise();
        queue.add(new Waiting(reply, done));
        dispatch();
        return done.future();
    }

    private void dispatch() {
        while (inFlight < IN_FLIGHT && !queue.isEmpty()) {
            List<Waiting> batch = take();
            inFlight++;
            Future<Void> stored = batch.size() == 1 ? alone(batch.get(0)) : store(batch);
            stored.onComplete(ar -> {
                if (Vertx.currentContext() instanceof ContextInternal current && current.unwrap() == context) {
                    settled();
                } else {
                    context.runOnContext(v -> settled()); // the queue belongs to this loop's thread
                }
            });
        }
    }

    private void settled() {
        inFlight--;
        dispatch();
    }

    /** Up to MAX_BATCH waiting replies, one per session (a second reply to a session waits for the next batch). */
    private List<Waiting> take() {
        List<Waiting> batch = new ArrayList<>();
        Set<UUID> sessions = new HashSet<>();
        for (Iterator<Waiting> it = queue.iterator(); it.hasNext() && batch.size() < MAX_BATCH; ) {
            Waiting w = it.next();
            if (sessions.add(w.reply().id())) {
                batch.add(w);
                it.remove();
            }
        }
        return batch;
    }

    /** The batch in one transaction; settles every reply, and completes (never fails) when all are settled. */
    private Future<Void> store(List<Waiting> batch) {
        List<Reply> ordered = new ArrayList<>();
        batch.forEach(w -> ordered.add(w.reply()));
        ordered.sort(Comparator.comparing(Reply::id)); // locks in id order: no two batches wait for each other
        return together.apply(ordered).transform(ar -> {
            if (ar.succeeded()) {
                batch.forEach(w -> w.done().complete());
                return Future.succeededFuture();
            }
            if (ar.cause() instanceof SessionLog.Stale) {
                // rolled back: each reply again on its own, where a refusal is that reply's alone
                List<Future<Void>> each = new ArrayList<>();
                batch.forEach(w -> each.add(alone(w)));
                return Future.join(each).<Void>mapEmpty();
            }
            batch.forEach(w -> w.done().fail(ar.cause()));
            return Future.succeededFuture();
        });
    }

    /** One reply in its own transaction; settles it, and completes (never fails) when it is settled. */
    private Future<Void> alone(Waiting w) {
        Future<Void> stored = together.apply(List.of(w.reply()));
        stored.onComplete(ar -> {
            if (ar.succeeded()) {
                w.done().complete();
            } else {
                w.done().fail(ar.cause());
            }
        });
        return stored.otherwiseEmpty();
    }
}
