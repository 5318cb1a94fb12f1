package io.kefutrainer.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.Tuple;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The `bench chat` driver's own connection to the server's database (under its own application_name, so the
 * connection-cutting fault spares it): creates the virtual trainees, cuts the server's connections, and looks the
 * acknowledged replies up afterwards.
 */
public final class BenchChatStore {
    /** clientIds looked up per statement (keeps the array parameter well under the protocol's limits). */
    private static final int LOOKUP_CHUNK = 5000;

    private final Pool pool;

    private BenchChatStore(Pool pool) {
        this.pool = pool;
    }

    /** A small pool (2–16 connections, unbounded wait queue) on `db` that shows up as `applicationName`. */
    public static BenchChatStore open(Vertx vertx, DbConfig db, String applicationName, int size) {
        return new BenchChatStore(benchPool(vertx, db, applicationName, size));
    }

    static Pool benchPool(Vertx vertx, DbConfig db, String applicationName, int size) {
        PgConnectOptions connect = Db.connectOptions(db);
        connect.getProperties().put("application_name", applicationName);
        return PgBuilder.pool().with(new PoolOptions().setMaxSize(Math.min(16, Math.max(2, size))).setMaxWaitQueueSize(-1))
                .connectingTo(connect).using(vertx).build();
    }

    /** Trainee accounts in one statement, all with the same password hash; their ids in the order of `usernames`. */
    public Future<List<Long>> createTrainees(String[] usernames, String passwordHash) {
        return pool.preparedQuery("INSERT INTO users (username, display_name, role, password_hash)"
                        + " SELECT u, '压测学员' || right(u, 5), 'trainee', $2 FROM unnest($1::text[]) WITH ORDINALITY AS t(u, n)"
                        + " ORDER BY n RETURNING id")
                .execute(Tuple.of(usernames, passwordHash))
                .map(rows -> {
                    List<Long> ids = new ArrayList<>();
                    rows.forEach(r -> ids.add(r.getLong(0)));
                    return ids;
                });
    }

    /** Tokens written as POST /api/auth/token writes them. */
    public TokenStore tokens() {
        return new TokenStore(pool);
    }

    /** pg_terminate_backend on every connection the server (application_name kefu-trainer) holds on `database`; how many. */
    public Future<Long> terminateServerConnections(String database) {
        return pool.preparedQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = $1 AND application_name = $2 AND pid <> pg_backend_pid()")
                .execute(Tuple.of(database, Db.APPLICATION_NAME))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** Which of these clientIds have a stored session event. */
    public Future<Set<String>> storedClientIds(List<String> clientIds) {
        Set<String> found = new HashSet<>();
        Future<Void> chain = Future.succeededFuture();
        for (int i = 0; i < clientIds.size(); i += LOOKUP_CHUNK) {
            String[] chunk = clientIds.subList(i, Math.min(clientIds.size(), i + LOOKUP_CHUNK)).toArray(new String[0]);
            chain = chain.compose(x -> pool.preparedQuery("SELECT client_id FROM session_events WHERE client_id = ANY($1)")
                    .execute(Tuple.of((Object) chunk))
                    .map(rows -> {
                        rows.forEach(r -> found.add(r.getString(0)));
                        return null;
                    }));
        }
        return chain.map(x -> found);
    }

    /** How many clientIds matching either LIKE pattern are stored more than once. */
    public Future<Long> duplicatedClientIds(String pattern, String otherPattern) {
        return pool.preparedQuery("SELECT count(*) FROM (SELECT client_id FROM session_events"
                        + " WHERE client_id LIKE $1 OR client_id LIKE $2 GROUP BY client_id HAVING count(*) > 1) d")
                .execute(Tuple.of(pattern, otherPattern))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    public Future<Void> close() {
        return pool.close();
    }
}
