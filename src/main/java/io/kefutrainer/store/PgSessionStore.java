package io.kefutrainer.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.ext.web.sstore.impl.SharedDataSessionImpl;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

/**
 * Browser sessions in PostgreSQL, so a sign-in survives a restart and every instance behind a load balancer
 * sees it. Last write wins: session data is tiny (user id, CSRF token) and changes only at sign-in/out,
 * so the version check of the in-memory stores would only turn parallel requests into errors.
 */
public final class PgSessionStore implements SessionStore {

    /** Keeps what was loaded so an unchanged session is not rewritten on every request. */
    static final class PgSession extends SharedDataSessionImpl {
        private String storedData;
        private long storedAt;

        PgSession(VertxContextPRNG random) {
            super(random);
        }

        PgSession(VertxContextPRNG random, long timeout, int length) {
            super(random, timeout, length);
        }
    }

    // A stored expiry is refreshed at most this often when nothing else changed.
    private static final long REFRESH_MS = 60_000;

    private final Pool pool;
    private VertxContextPRNG random;

    public PgSessionStore(Vertx vertx, Pool pool) {
        this.pool = pool;
        init(vertx, new JsonObject());
    }

    @Override
    public SessionStore init(Vertx vertx, JsonObject options) {
        this.random = VertxContextPRNG.current(vertx);
        return this;
    }

    @Override
    public long retryTimeout() {
        return 0;
    }

    @Override
    public Session createSession(long timeout) {
        return new PgSession(random, timeout, DEFAULT_SESSIONID_LENGTH);
    }

    @Override
    public Session createSession(long timeout, int length) {
        return new PgSession(random, timeout, length);
    }

    @Override
    public Future<Session> get(String id) {
        return pool.preparedQuery("SELECT data FROM http_sessions WHERE id = $1 AND expires_at > now()")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    PgSession session = new PgSession(random);
                    session.readFromBuffer(0, rows.iterator().next().getBuffer(0));
                    session.storedData = fingerprint(session);
                    session.storedAt = System.currentTimeMillis();
                    return session;
                });
    }

    @Override
    public Future<Void> put(Session session) {
        long now = System.currentTimeMillis();
        String data = fingerprint(session);
        if (session instanceof PgSession pg && data.equals(pg.storedData) && now - pg.storedAt < REFRESH_MS) {
            return Future.succeededFuture();
        }
        Buffer buffer = Buffer.buffer();
        ((SharedDataSessionImpl) session).writeToBuffer(buffer);
        Object uid = session.get(SessionKeys.USER_ID);
        return pool.preparedQuery("""
                        INSERT INTO http_sessions (id, user_id, data, expires_at)
                        VALUES ($1, $2, $3, now() + make_interval(secs => $4))
                        ON CONFLICT (id) DO UPDATE
                        SET user_id = EXCLUDED.user_id, data = EXCLUDED.data, expires_at = EXCLUDED.expires_at""")
                .execute(Tuple.of(session.id(), uid instanceof Number n ? n.longValue() : null, buffer,
                        session.timeout() / 1000.0))
                .onSuccess(x -> {
                    if (session instanceof PgSession pg) {
                        pg.storedData = data;
                        pg.storedAt = now;
                    }
                })
                .mapEmpty();
    }

    @Override
    public Future<Void> delete(String id) {
        return pool.preparedQuery("DELETE FROM http_sessions WHERE id = $1").execute(Tuple.of(id)).mapEmpty();
    }

    @Override
    public Future<Void> clear() {
        return pool.query("DELETE FROM http_sessions").execute().mapEmpty();
    }

    @Override
    public Future<Integer> size() {
        return pool.query("SELECT count(*) FROM http_sessions WHERE expires_at > now()").execute()
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    @Override
    public void close() {
        // the pool belongs to the application
    }

    private static String fingerprint(Session session) {
        return new JsonObject(session.data()).encode();
    }
}
