package io.kefutrainer.store;

import io.kefutrainer.practice.SessionEvent;
import io.kefutrainer.practice.SessionRow;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/** Practice sessions and their events. Writes to one session are serialised by locking its row. */
public final class PracticeStore {

    private static final String SESSION_COLUMNS = "id, user_id, scenario_id, scenario_title, category, difficulty,"
            + " content_version, mode, seed, started_at, ended_at, ending, outcome, satisfaction";
    private static final String EVENT_COLUMNS = "seq, sender, kind, text, at, step, client_id, metrics::text AS metrics,"
            + " annotations::text AS annotations, response_ms, silence_s";

    /** The NOTIFY channel on which instances announce new session events to each other. */
    public static final String CHANNEL = "kt_session_events";

    private final Pool pool;

    public PracticeStore(Pool pool) {
        this.pool = pool;
    }

    public Pool pool() {
        return pool;
    }

    public Future<Void> create(SessionRow row, List<SessionEvent> events) {
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO practice_sessions (" + SESSION_COLUMNS + ")"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)")
                .execute(Tuple.from(new Object[]{row.id(), row.userId(), row.scenarioId(), row.scenarioTitle(), row.category(),
                        row.difficulty(), row.contentVersion(), row.mode().name(), row.seed(), row.startedAt(),
                        row.endedAt(), row.ending(), row.outcome(), row.satisfaction()}))
                .compose(x -> insertEvents(tx, row.id(), events)));
    }

    /** Stores a shift's buyer: fails on a unique violation when that arrival of the shift already exists. */
    public Future<Void> createInShift(SessionRow row, List<SessionEvent> events, UUID shiftId, int arrival) {
        return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO practice_sessions (" + SESSION_COLUMNS + ", shift_id, shift_arrival)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)")
                .execute(Tuple.from(new Object[]{row.id(), row.userId(), row.scenarioId(), row.scenarioTitle(), row.category(),
                        row.difficulty(), row.contentVersion(), row.mode().name(), row.seed(), row.startedAt(),
                        row.endedAt(), row.ending(), row.outcome(), row.satisfaction(), shiftId, arrival}))
                .compose(x -> insertEvents(tx, row.id(), events)));
    }

    /** Stores a session that has already ended, with its grade (demo history). */
    public Future<Void> createEnded(SessionRow row, List<SessionEvent> events, String scorecardJson) {
        return create(row, events).compose(x -> pool.preparedQuery("UPDATE practice_sessions SET scorecard = $2 WHERE id = $1")
                .execute(Tuple.of(row.id(), json(scorecardJson))).mapEmpty());
    }

    public Future<Optional<SessionRow>> session(UUID id) {
        return pool.preparedQuery("SELECT " + SESSION_COLUMNS + " FROM practice_sessions WHERE id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(toSession(rows.iterator().next())));
    }

    public Future<List<SessionEvent>> events(UUID id) {
        return events(pool, id);
    }

    public Future<List<SessionEvent>> events(SqlConnection conn, UUID id) {
        return events((io.vertx.sqlclient.SqlClient) conn, id);
    }

    private Future<List<SessionEvent>> events(io.vertx.sqlclient.SqlClient client, UUID id) {
        return client.preparedQuery("SELECT " + EVENT_COLUMNS + " FROM session_events WHERE session_id = $1 ORDER BY seq")
                .execute(Tuple.of(id))
                .map(rows -> {
                    List<SessionEvent> list = new ArrayList<>();
                    rows.forEach(r -> list.add(toEvent(r)));
                    return list;
                });
    }

    /**
     * Runs `work` in a transaction holding the session's row lock, so two replies to one session (two tabs,
     * two instances) are applied one after the other.
     */
    public <T> Future<T> locked(UUID id, Function<Locked, Future<T>> work) {
        return pool.withTransaction(tx -> tx.preparedQuery("SELECT " + SESSION_COLUMNS + " FROM practice_sessions WHERE id = $1 FOR UPDATE")
                .execute(Tuple.of(id))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return work.apply(new Locked(tx, null));
                    }
                    return work.apply(new Locked(tx, toSession(rows.iterator().next())));
                }));
    }

    public record Position(int lastSeq, boolean clientIdSeen) {
    }

    /** A transaction holding one session's lock. `session` is null when the id does not exist. */
    public final class Locked {
        private final SqlConnection tx;
        private final SessionRow session;

        Locked(SqlConnection tx, SessionRow session) {
            this.tx = tx;
            this.session = session;
        }

        public SessionRow session() {
            return session;
        }

        public Future<List<SessionEvent>> events() {
            return PracticeStore.this.events(tx, session.id());
        }

        public Future<Void> append(List<SessionEvent> events) {
            return insertEvents(tx, session.id(), events);
        }

        /** The last event number of the session, and whether `clientId` is already stored (a resend). */
        public Future<Position> position(String clientId) {
            return tx.preparedQuery("SELECT coalesce(max(seq), 0), coalesce(bool_or(client_id = $2), false)"
                            + " FROM session_events WHERE session_id = $1")
                    .execute(Tuple.of(session.id(), clientId))
                    .map(rows -> {
                        Row r = rows.iterator().next();
                        return new Position(r.getInteger(0), r.getBoolean(1));
                    });
        }

        /**
         * Tells every instance (LISTEN/NOTIFY) that this session has new events; PostgreSQL delivers it at commit,
         * so a listener never hears of events that were rolled back.
         */
        public Future<Void> announce(String payload) {
            return tx.preparedQuery("SELECT pg_notify($1, $2)").execute(Tuple.of(CHANNEL, payload)).mapEmpty();
        }

        public Future<Void> end(String ending, String outcome, Integer satisfaction, OffsetDateTime endedAt, String scorecardJson) {
            return tx.preparedQuery("UPDATE practice_sessions SET ending = $2, outcome = $3, satisfaction = $4, ended_at = $5,"
                            + " scorecard = $6 WHERE id = $1")
                    .execute(Tuple.from(new Object[]{session.id(), ending, outcome, satisfaction, endedAt, json(scorecardJson)}))
                    .mapEmpty();
        }
    }

    /** The stored grade of an ended session (JSON text), if any. */
    public Future<Optional<String>> scorecard(UUID id) {
        return pool.preparedQuery("SELECT scorecard::text FROM practice_sessions WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.ofNullable(rows.iterator().next().getString(0)));
    }

    /** The user's sessions, newest first. */
    public Future<List<SessionRow>> forUser(long userId, int limit) {
        return pool.preparedQuery("SELECT " + SESSION_COLUMNS + " FROM practice_sessions WHERE user_id = $1 ORDER BY started_at DESC LIMIT $2")
                .execute(Tuple.of(userId, limit))
                .map(rows -> {
                    List<SessionRow> list = new ArrayList<>();
                    rows.forEach(r -> list.add(toSession(r)));
                    return list;
                });
    }

    private static Future<Void> insertEvents(SqlConnection tx, UUID sessionId, List<SessionEvent> events) {
        if (events.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Tuple> batch = new ArrayList<>();
        for (SessionEvent e : events) {
            batch.add(Tuple.from(new Object[]{sessionId, e.seq(), e.sender(), e.kind(), e.text(), e.at(), e.step(), e.clientId(),
                    json(e.metricsJson()), json(e.annotationsJson()), e.responseMs(), e.silenceS()}));
        }
        return tx.preparedQuery("INSERT INTO session_events (session_id, seq, sender, kind, text, at, step, client_id,"
                        + " metrics, annotations, response_ms, silence_s)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
                .executeBatch(batch).mapEmpty();
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

    private static SessionEvent toEvent(Row r) {
        return new SessionEvent(r.getInteger("seq"), r.getString("sender"), r.getString("kind"), r.getString("text"),
                r.get(OffsetDateTime.class, "at"), r.getString("step"), r.getString("client_id"),
                r.getString("metrics"), r.getString("annotations"), r.getInteger("response_ms"), r.getInteger("silence_s"));
    }
}
