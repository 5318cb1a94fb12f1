package io.kefutrainer.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/**
 * The queue of sessions whose KPI roll-ups are to be recomputed (V16): the reply path only queues them; the server
 * flushes every second and every KPI read flushes first, so a reader sees every committed change.
 */
final class KpiQueue {
    private KpiQueue() {
    }

    /** Recomputes the queued sessions' roll-ups; how many there were. */
    static Future<Integer> flush(Pool pool) {
        return pool.query("SELECT kpi_flush()").execute().map(rows -> rows.iterator().next().getInteger(0));
    }
}
