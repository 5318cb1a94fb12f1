package io.kefutrainer.store;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

/**
 * Sends the announcements of committed session events to other instances (NOTIFY on {@link PracticeStore#CHANNEL}),
 * at most one NOTIFY transaction in flight per process: what is announced while one is on its way goes out together
 * in the next, one announcement per line. Every notifying transaction takes PostgreSQL's one database-wide notify
 * lock at commit, so under load one NOTIFY per reply made the writers queue on that lock and doubled the
 * transactions PostgreSQL runs; coalesced, a busy second needs a few dozen NOTIFYs instead of hundreds, and a quiet
 * one still sends each announcement at once.
 *
 * <p>Thread safety: called from every event loop; the queue is concurrent and {@code sending} admits one sender.
 */
final class Announcer {
    private static final Logger LOG = Logger.getLogger(Announcer.class.getName());
    /** PostgreSQL refuses a payload of 8,000 bytes or more; announcements are ASCII (ids and numbers). */
    static final int MAX_PAYLOAD = 7_900;

    private final Pool pool;
    private final ConcurrentLinkedQueue<String> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean sending = new AtomicBoolean();

    Announcer(Pool pool) {
        this.pool = pool;
    }

    void announce(String payload) {
        pending.add(payload);
        sendIfIdle();
    }

    private void sendIfIdle() {
        if (pending.isEmpty() || !sending.compareAndSet(false, true)) return;
        String batch = nextBatch();
        if (batch == null) {
            sending.set(false);
            sendIfIdle(); // an announcement may have arrived between the check and the flag
            return;
        }
        // it stores nothing and the events are durable already, so it commits without waiting for the disk
        pool.preparedQuery("SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)")
                .execute(Tuple.of(PracticeStore.CHANNEL, batch))
                .onComplete(ar -> {
                    if (ar.failed()) {
                        LOG.warning("NOTIFY of session events failed (other instances' live views catch up on their next read): "
                                + ar.cause().getMessage());
                    }
                    sending.set(false);
                    sendIfIdle();
                });
    }

    /** As many pending announcements as fit in one payload, one per line; null when none is pending. */
    private String nextBatch() {
        StringBuilder batch = null;
        String next;
        while ((next = pending.peek()) != null) {
            if (batch != null && batch.length() + 1 + next.length() > MAX_PAYLOAD) break;
            pending.poll();
            if (batch == null) {
                batch = new StringBuilder(next);
            } else {
                batch.append('\n').append(next);
            }
        }
        return batch == null ? null : batch.toString();
    }
}
