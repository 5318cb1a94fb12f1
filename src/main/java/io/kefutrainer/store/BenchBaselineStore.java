package io.kefutrainer.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * The `bench chat` baseline: the rows of one reply exchange (the trainee's reply and the buyer's next line) inserted
 * with vertx-pg-client alone into a scratch copy of session_events, as a floor for the server's reply path.
 */
public final class BenchBaselineStore {

    /** A stored reply's metrics and annotations as text (null when the database has none yet). */
    public record SampleReply(String metrics, String annotations) {
    }

    private final Pool pool;
    private final String table;
    private final String insert;

    private BenchBaselineStore(Pool pool, String table) {
        this.pool = pool;
        this.table = table;
        this.insert = "INSERT INTO " + table + " (session_id, seq, sender, kind, text, at, step, client_id,"
                + " metrics, annotations, response_ms, silence_s) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
    }

    /** A pool of at most `size` connections on `db`; `table` is the scratch table's name (letters, digits, _). */
    public static BenchBaselineStore open(Vertx vertx, DbConfig db, String applicationName, int size, String table) {
        return new BenchBaselineStore(BenchChatStore.benchPool(vertx, db, applicationName, size), table);
    }

    /** The scratch table, shaped like session_events with its indexes and constraints. */
    public Future<Void> createTable() {
        return pool.query("CREATE TABLE " + table + " (LIKE session_events INCLUDING ALL)").execute().mapEmpty();
    }

    /** One stored, scored trainee reply's metrics and annotations, so the baseline writes rows of the same size. */
    public Future<SampleReply> sampleReply() {
        return pool.query("SELECT metrics::text, annotations::text FROM session_events WHERE sender = 'trainee'"
                        + " AND annotations IS NOT NULL AND metrics IS NOT NULL LIMIT 1").execute()
                .map(rows -> rows.size() == 0 ? new SampleReply(null, null)
                        : new SampleReply(rows.iterator().next().getString(0), rows.iterator().next().getString(1)));
    }

    /** One transaction: the reply as event `seq` and the buyer's line two seconds later as `seq + 1`. */
    public Future<Void> insertExchange(UUID session, int seq, OffsetDateTime at, String reply, String buyerLine,
                                       String metrics, String annotations) {
        List<Tuple> batch = List.of(
                Tuple.from(new Object[]{session, seq, "trainee", "reply", reply, at, "ask",
                        "bare-" + session + "-" + seq, new JsonObject(metrics), new JsonObject(annotations), 3000, null}),
                Tuple.from(new Object[]{session, seq + 1, "buyer", "line", buyerLine, at.plusSeconds(2), "ask",
                        null, null, null, null, null}));
        return pool.withTransaction(tx -> tx.preparedQuery(insert).executeBatch(batch)).mapEmpty();
    }

    /** Drops the scratch table and closes the pool. */
    public Future<Void> dropTableAndClose() {
        return pool.query("DROP TABLE IF EXISTS " + table).execute()
                .eventually(pool::close).mapEmpty();
    }
}
