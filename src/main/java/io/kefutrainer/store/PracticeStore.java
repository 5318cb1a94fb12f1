package io.kefutrainer.store;

import io.kefutrainer.practice.SessionEvent;
import io.kefutrainer.practice.SessionLog;
import io.kefutrainer.practice.SessionRow;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Practice sessions (the practice_sessions rows; their events are written through {@link SessionEventRows}). Writes
 * to one session are serialised by locking its row.
 */
public final class PracticeStore implements SessionLog {
    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(PracticeStore.class.getName());


    private static final String SESSION_COLUMNS = "id, user_id, scenario_id, scenario_title, category, difficulty,"
            + " content_version, mode, seed, started_at, ended_at, ending, outcome, satisfaction";

    /**
     * How a writer locks a session's row. No writer changes the key, so NO KEY UPDATE: it still makes writers to one
     * session take turns, but lets the foreign-key checks of other tables go on (they take KEY SHARE). With FOR UPDATE
     * the KPI flush, inserting the session's kpi_sessions row, waited for a writer holding the lock, while that
     * writer's UPDATE waited to queue the session again behind the flush's deleted queue row: a deadlock (seen as a
     * 503 on an appeal's decision in a clean-clone run).
     */
    public static final String SESSION_LOCK = "FOR NO KEY UPDATE";

    /** The NOTIFY channel on which instances announce new session events to each other. */
    public static final String CHANNEL = "kt_session_events";

    private final Pool pool;
    private final Announcer announcer;
    /** Group commit of the usual reply, one batcher per event loop (see {@link AppendBatcher}); written by any loop. */
    private final Map<Context, AppendBatcher> batchers = new ConcurrentHashMap<>();

    public PracticeStore(Pool pool) {
        this.pool = pool;
        this.announcer = new Announcer(pool);
    }

    public Pool pool() {
        return pool;
    }

    @Override
    public Future<Void> create(SessionRow row, List<SessionEvent> events) {
        return pipelined(tx -> tx.preparedQuery("INSERT INTO practice_sessions (" + SESSION_COLUMNS + ")"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
                .execute(Tuple.from(new Object[]{row.id(), row.userId(), row.scenarioId(), row.scenarioTitle(), row.category(),
                        row.difficulty(), row.contentVersion(), row.mode().name(), row.seed(), row.startedAt(),
                        row.endedAt(), row.ending(), row.outcome(), row.satisfaction()}))
                .<Void>mapEmpty(), tx -> SessionEventRows.insert(tx, row.id(), events));
    }

    /**
     * Stores a shift's buyer, idempotently: the ticker of this instance, another instance and the start request may
     * all try to let the same arrival in. The shift row is read FOR SHARE, so a concurrent close (UPDATE shifts)
     * waits for this insert or this insert sees the shift closed; the (shift_id, shift_arrival) unique index with
     * ON CONFLICT DO NOTHING makes the loser of a race a no-op, not an error.
     */
    @Override
    public Future<Admission> createInShift(SessionRow row, List<SessionEvent> events, UUID shiftId, int arrival) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM shifts WHERE id = $1 AND ended_at IS NULL FOR SHARE")
                .execute(Tuple.of(shiftId))
                .compose(open -> open.size() == 0 ? Future.succeededFuture(Admission.shift_closed)
                        : tx.preparedQuery("INSERT INTO practice_sessions (" + SESSION_COLUMNS + ", shift_id, shift_arrival)"
                                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)"
                                        + " ON CONFLICT (shift_id, shift_arrival) WHERE shift_id IS NOT NULL DO NOTHING")
                                .execute(Tuple.from(new Object[]{row.id(), row.userId(), row.scenarioId(), row.scenarioTitle(), row.category(),
                                        row.difficulty(), row.contentVersion(), row.mode().name(), row.seed(), row.startedAt(),
                                        row.endedAt(), row.ending(), row.outcome(), row.satisfaction(), shiftId, arrival}))
                                .compose(inserted -> inserted.rowCount() == 0
                                        ? Future.succeededFuture(Admission.already_admitted)
                                        : SessionEventRows.insert(tx, row.id(), events).map(Admission.admitted))));
    }

    /**
     * BEGIN, the statements and COMMIT sent together on one connection (one round trip instead of one per
     * statement). PostgreSQL runs them in order; after a failed statement the transaction is aborted and the
     * COMMIT rolls it back, and the returned future fails with the statement's error.
     */
    @SafeVarargs
    private Future<Void> pipelined(Function<SqlConnection, Future<Void>>... statements) {
        return pool.withConnection(conn -> {
            List<Future<?>> all = new ArrayList<>();
            all.add(conn.query("BEGIN").execute());
            for (Function<SqlConnection, Future<Void>> statement : statements) {
                all.add(statement.apply(conn));
            }
            all.add(conn.query("COMMIT").execute());
            // join: completes once every answer is in (the first failure is reported); by then the transaction is
            // over either way (committed, rolled back by the COMMIT, or the connection was lost and is discarded)
            return Future.join(all).mapEmpty();
        });
    }

    /** Stores a session that has already ended, with its grade (demo history). */
    @Override
    public Future<Void> createEnded(SessionRow row, List<SessionEvent> events, String scorecardJson) {
        return create(row, events).compose(x -> pool.preparedQuery("UPDATE practice_sessions SET scorecard = $2 WHERE id = $1")
                .execute(Tuple.of(row.id(), json(scorecardJson))).mapEmpty());
    }

    @Override
    public Future<Optional<SessionRow>> session(UUID id) {
        return pool.preparedQuery("SELECT " + SESSION_COLUMNS + " FROM practice_sessions WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toSession(rows.iterator().next())));
    }

    @Override
    public Future<List<SessionEvent>> events(UUID id) {
        return SessionEventRows.read(pool, id);
    }

    @Override
    public Future<java.util.Map<UUID, Integer>> lastSeqs(List<UUID> sessions) {
        if (sessions.isEmpty()) return Future.succeededFuture(java.util.Map.of());
        return pool.preparedQuery("SELECT session_id, max(seq) FROM session_events WHERE session_id = ANY($1) GROUP BY session_id")
                .execute(Tuple.of(sessions.toArray(new UUID[0])))
                .map(rows -> {
                    java.util.Map<UUID, Integer> last = new java.util.HashMap<>();
                    for (Row r : rows) last.put(r.getUUID(0), r.getInteger(1));
                    return last;
                });
    }

    public Future<List<SessionEvent>> events(SqlConnection conn, UUID id) {
        return SessionEventRows.read(conn, id);
    }

    /**
     * Runs `work` in a transaction holding the session's row lock, so two replies to one session (two tabs,
     * two instances) are applied one after the other. With a clientId, also reads the session's position for `clientId`
     * ({@link Locked#position(String)}). Round trips are what a reply costs on a loaded machine, so the statements
     * are pipelined on the connection: BEGIN, the locking SELECT and the position query are sent together (the
     * position query runs after the lock is granted, with its own snapshot), and {@link Locked#commit()} lets the
     * work send its writes and COMMIT together. A failed statement aborts the transaction, so a COMMIT sent
     * behind it only rolls back; the caller sees the statement's failure.
     */
    @Override
    public <T> Future<T> locked(UUID id, String clientId, Function<SessionLog.Locked, Future<T>> work) {
        return pool.withConnection(conn -> {
            Future<?> begun = conn.query("BEGIN").execute();
            Future<io.vertx.sqlclient.RowSet<Row>> lockedRow = conn.preparedQuery("SELECT " + SESSION_COLUMNS
                    + " FROM practice_sessions WHERE id = $1 " + SESSION_LOCK).execute(Tuple.of(id));
            Future<Position> position = clientId == null ? null : SessionEventRows.position(conn, id, clientId);
            Locked[] holder = new Locked[1];
            Future<T> done = begun.compose(x -> lockedRow).compose(rows -> {
                Locked locked = new Locked(conn, rows.size() == 0 ? null : toSession(rows.iterator().next()), clientId, position);
                holder[0] = locked;
                return work.apply(locked);
            }).compose(result -> {
                Future<?> committed = holder[0] != null && holder[0].commit != null ? holder[0].commit : conn.query("COMMIT").execute();
                return committed.map(x -> {
                    if (holder[0] != null) holder[0].announcements.forEach(this::announce);
                    return result;
                });
            });
            if (position != null) {
                position.onFailure(e -> { }); // reported through `done` when used
            }
            return done.recover(e -> {
                if (holder[0] != null && holder[0].commit != null) {
                    return Future.failedFuture(e); // the transaction ended with the COMMIT (or the connection)
                }
                return conn.query("ROLLBACK").execute().transform(x -> Future.<T>failedFuture(e));
            });
        });
    }

    /**
     * Stores events that continue a position the caller knows (a reply scored against a cached state) in one round
     * trip: BEGIN, the session's row lock (so the locked writers still take turns with this one), the insert and
     * COMMIT are pipelined; the NOTIFY follows the commit ({@link #announce(String)}). The events' numbers follow the caller's position, so if anything was stored
     * since, the primary key (session_id, seq) refuses them; a clientId stored before is refused by its unique
     * index. Then the transaction is aborted, the COMMIT behind it only rolls back, and this fails with
     * {@link Stale}: nothing was stored and the caller takes {@link #locked(UUID, String, Function)}. On an event
     * loop, replies to other sessions that wait meanwhile are stored in the same transaction ({@link AppendBatcher}).
     */
    @Override
    public Future<Void> appendNext(UUID id, List<SessionEvent> events, String announcement, Ending ending) {
        AppendBatcher.Reply reply = new AppendBatcher.Reply(id, events, ending);
        // each request runs on a duplicate of its event loop's context: the batcher belongs to the loop's own context
        ContextInternal context = (ContextInternal) Vertx.currentContext();
        Future<Void> stored = context == null || !context.isEventLoopContext() ? appendTogether(List.of(reply))
                : batchers.computeIfAbsent(context.unwrap(), c -> new AppendBatcher(c, this::appendTogether)).append(reply);
        return stored.onSuccess(x -> announce(announcement));
    }

    /**
     * Replies in one transaction, pipelined: BEGIN, each reply's row lock, events and ending, COMMIT. A refused
     * statement (see {@link #refused}) aborts the transaction and the COMMIT only rolls back: that fails with
     * {@link Stale}; if the COMMIT itself failed, the connection went (an outage, not a conflict).
     */
    private Future<Void> appendTogether(List<AppendBatcher.Reply> replies) {
        return pool.withConnection(conn -> {
            List<Future<?>> all = new ArrayList<>();
            all.add(conn.query("BEGIN").execute());
            for (AppendBatcher.Reply r : replies) {
                all.add(conn.preparedQuery("SELECT 1 FROM practice_sessions WHERE id = $1 " + SESSION_LOCK).execute(Tuple.of(r.id())));
                all.add(SessionEventRows.insert(conn, r.id(), r.events()));
                if (r.ending() != null) {
                    all.add(end(conn, r.id(), r.ending()));
                }
            }
            Future<?> committed = conn.query("COMMIT").execute();
            all.add(committed);
            return Future.join(all).transform(ar -> {
                if (ar.succeeded()) {
                    return Future.<Void>succeededFuture();
                }
                Throwable first = ar.cause();
                for (Future<?> f : all) {
                    if (f.failed()) {
                        first = f.cause();
                        break;
                    }
                }
                if (refused(first)) {
                    return Future.failedFuture(committed.succeeded() ? new Stale(first) : committed.cause());
                }
                return Future.failedFuture(first);
            });
        });
    }

    /**
     * NOTIFY, after the events' transaction committed and in a transaction of its own. PostgreSQL makes every
     * transaction that notifies take one database-wide lock from its pre-commit until its commit record is flushed,
     * so a NOTIFY inside the reply's transaction made all replies commit one at a time behind the disk's flush
     * (measured: the server path topped out near 300 replies/s with 9 of 10 active backends waiting in COMMIT on
     * that lock). This transaction commits asynchronously (it stores nothing; the events are durable already), so
     * the lock is held for microseconds. If the process dies between the two, other instances' browsers learn of
     * the events when they next read the session (reconnect or next reply), as after any lost connection.
     * Announcements made while one NOTIFY is on its way are sent together in the next ({@link Announcer}).
     */
    @Override
    public void announce(String payload) {
        announcer.announce(payload);
    }

    /** A unique violation (a number or clientId taken) or a missing session (foreign key): the position was stale. */
    private static boolean refused(Throwable e) {
        return e instanceof io.vertx.pgclient.PgException pg && ("23505".equals(pg.getSqlState()) || "23503".equals(pg.getSqlState()));
    }

    /** A transaction holding one session's lock. `session` is null when the id does not exist. */
    private final class Locked implements SessionLog.Locked {
        private final SqlConnection tx;
        private final SessionRow session;
        private final String prefetchedFor;
        private final Future<Position> prefetched;
        private Future<Void> commit;
        private final List<String> announcements = new java.util.ArrayList<>(1);

        Locked(SqlConnection tx, SessionRow session, String prefetchedFor, Future<Position> prefetched) {
            this.tx = tx;
            this.session = session;
            this.prefetchedFor = prefetchedFor;
            this.prefetched = prefetched;
        }

        /**
         * Sends COMMIT now, behind the statements already sent (append, announce, end), without waiting for their
         * answers: one round trip for all of them. If one of them failed, the transaction is aborted and this COMMIT
         * succeeds as a rollback: the caller must wait for those statements' own futures too (join them with this one)
         * and fail when any failed. Nothing may be sent in this transaction afterwards.
         */
        @Override
        public Future<Void> commit() {
            if (commit == null) {
                commit = tx.query("COMMIT").execute().mapEmpty();
            }
            return commit;
        }

        @Override
        public SessionRow session() {
            return session;
        }

        @Override
        public Future<List<SessionEvent>> events() {
            return SessionEventRows.read(tx, session.id());
        }

        @Override
        public Future<Void> append(List<SessionEvent> events) {
            return SessionEventRows.insert(tx, session.id(), events);
        }

        /** The last event number of the session, and whether `clientId` is already stored (a resend). */
        @Override
        public Future<Position> position(String clientId) {
            if (prefetched != null && clientId.equals(prefetchedFor)) {
                return prefetched;
            }
            return SessionEventRows.position(tx, session.id(), clientId);
        }

        /**
         * Tells every instance (LISTEN/NOTIFY) that this session has new events, once the transaction has committed
         * (a listener never hears of events that were rolled back). See {@link PracticeStore#announce(String)}.
         */
        @Override
        public Future<Void> announce(String payload) {
            announcements.add(payload);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end(Ending ending) {
            return PracticeStore.end(tx, session.id(), ending);
        }
    }

    private static Future<Void> end(SqlConnection tx, UUID id, Ending e) {
        return tx.preparedQuery("UPDATE practice_sessions SET ending = $2, outcome = $3, satisfaction = $4, ended_at = $5,"
                        + " scorecard = $6::text::jsonb WHERE id = $1") // JSON text checked and stored by PostgreSQL
                .execute(Tuple.from(new Object[]{id, e.ending(), e.outcome(), e.satisfaction(), e.endedAt(), e.scorecardJson()}))
                .mapEmpty();
    }

    /** The stored grade of an ended session (JSON text), if any. */
    @Override
    public Future<Optional<String>> scorecard(UUID id) {
        return pool.preparedQuery("SELECT scorecard::text FROM practice_sessions WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.ofNullable(rows.iterator().next().getString(0)));
    }

    /** The user's sessions, newest first. */
    @Override
    public Future<List<SessionRow>> forUser(long userId, int limit) {
        return pool.preparedQuery("SELECT " + SESSION_COLUMNS + " FROM practice_sessions WHERE user_id = $1 ORDER BY started_at DESC LIMIT $2")
                .execute(Tuple.of(userId, limit))
                .map(rows -> {
                    List<SessionRow> list = new ArrayList<>();
                    rows.forEach(r -> list.add(toSession(r)));
                    return list;
                });
    }

    /** jsonb parameters must be JSON values: a Java String would be stored as a JSON string literal. */
    private static JsonObject json(String text) {
        return text == null ? null : new JsonObject(text);
    }

    private static SessionRow toSession(Row r) {
        return new SessionRow(r.getUUID("id"), r.getLong("user_id"), r.getString("scenario_id"), r.getString("scenario_title"),
                r.getString("category"), r.getInteger("difficulty"), r.getLong("content_version"),
                SessionRow.Mode.valueOf(r.getString("mode")), r.getLong("seed"),
                r.get(OffsetDateTime.class, "started_at"), r.get(OffsetDateTime.class, "ended_at"),
                r.getString("ending"), r.getString("outcome"), r.getInteger("satisfaction"));
    }
}
