package io.kefutrainer.store;

import io.kefutrainer.practice.SessionEvent;
import io.kefutrainer.practice.SessionLog;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;

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

    /** One reply waiting to be stored: its session, events, ending (or null) and who waits for the outcome. */
    record Pending(UUID id, List<SessionEvent> events, SessionLog.Ending ending, Promise<Void> done) {
    }

    /** The statements of one reply inside a transaction the caller began: lock, events, ending. */
    interface Statements {
        List<Future<?>> write(SqlConnection conn, Pending p);
    }

    private final Pool pool;
    private final Statements statements;
    /** The single path: stores one reply in its own transaction, with exact refusal semantics (Stale). */
    private final Function<Pending, Future<Void>> alone;
    private final Context context;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private int inFlight;

    AppendBatcher(Pool pool, Context context, Statements statements, Function<Pending, Future<Void>> alone) {
        this.pool = pool;
        this.context = context;
        this.statements = statements;
        this.alone = alone;
    }

    Future<Void> append(UUID id, List<SessionEvent> events, SessionLog.Ending ending) {
        Promise<Void> done = Promise.promise();
        queue.add(new Pending(id, events, ending, done));
        dispatch();
        return done.future();
    }

    private void dispatch() {
        while (inFlight < IN_FLIGHT && !queue.isEmpty()) {
            List<Pending> batch = take();
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
    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>();
        Set<UUID> sessions = new HashSet<>();
        for (Iterator<Pending> it = queue.iterator(); it.hasNext() && batch.size() < MAX_BATCH; ) {
            Pending p = it.next();
            if (sessions.add(p.id())) {
                batch.add(p);
                it.remove();
            }
        }
        return batch;
    }

    /** The batch in one transaction; completes every reply's promise, and completes itself when all are settled. */
    private Future<Void> store(List<Pending> batch) {
        List<Pending> ordered = new ArrayList<>(batch);
        ordered.sort(Comparator.comparing(Pending::id)); // locks in id order: no two batches wait for each other
        return pool.withConnection(conn -> {
            List<Future<?>> all = new ArrayList<>();
            Future<?> begun = conn.query("BEGIN").execute();
            all.add(begun);
            List<Future<?>> writes = new ArrayList<>();
            for (Pending p : ordered) {
                writes.addAll(statements.write(conn, p));
            }
            all.addAll(writes);
            Future<?> committed = conn.query("COMMIT").execute();
            all.add(committed);
            return Future.join(all).transform(ar -> {
                if (ar.succeeded()) {
                    return Future.succeededFuture(null);
                }
                boolean refused = begun.succeeded() && committed.succeeded()
                        && writes.stream().anyMatch(f -> f.failed() && PracticeStore.refused(f.cause()));
                return Future.failedFuture(refused ? new Refused() : firstFailure(all, ar.cause()));
            });
        }).transform(ar -> {
            if (ar.succeeded()) {
                batch.forEach(p -> p.done().complete());
                return Future.succeededFuture();
            }
            if (ar.cause() instanceof Refused) {
                // rolled back: each reply again on its own, where a refusal is that reply's alone
                List<Future<Void>> each = new ArrayList<>();
                for (Pending p : batch) {
                    each.add(alone(p));
                }
                return Future.join(each).<Void>mapEmpty();
            }
            batch.forEach(p -> p.done().fail(ar.cause()));
            return Future.succeededFuture();
        });
    }

    /** One reply in its own transaction; settles its promise, and completes (never fails) when it is settled. */
    private Future<Void> alone(Pending p) {
        Future<Void> stored = alone.apply(p);
        stored.onComplete(ar -> {
            if (ar.succeeded()) {
                p.done().complete();
            } else {
                p.done().fail(ar.cause());
            }
        });
        return stored.otherwiseEmpty();
    }

    private static Throwable firstFailure(List<Future<?>> all, Throwable otherwise) {
        for (Future<?> f : all) {
            if (f.failed()) {
                return f.cause();
            }
        }
        return otherwise;
    }

    /** A statement of the batch was refused: the batch rolled back and its replies go alone. */
    private static final class Refused extends RuntimeException {
        Refused() {
            super("a reply of the batch was refused", null, false, false);
        }
    }
}
