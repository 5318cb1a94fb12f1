package io.kefutrainer.web;

import io.kefutrainer.store.DatabaseFailure;
import io.kefutrainer.store.Db;
import io.kefutrainer.store.DbConfig;
import io.kefutrainer.support.DbTest;
import io.kefutrainer.support.TestDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ErrorHandler's mapping of database failures, each produced for real by PostgreSQL or the pool: an outage is 503,
 * a value the database cannot store is 400, and our own bugs (a unique or foreign-key violation) are 500 and logged
 * SEVERE with the route — never reported as "database unavailable".
 */
@DbTest
class ErrorMappingTest {
    private static Vertx vertx;
    private static TestDatabase db;
    private static Pool pool;
    private static Pool tiny;
    private static Pool nowhere;
    private static HttpServer server;
    private static final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private static final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        db = TestDatabase.create();
        pool = Db.pool(vertx, db.config(), 4);
        // one connection and no waiting line: a second request for a connection is refused at once
        tiny = PgBuilder.pool().with(new PoolOptions().setMaxSize(1).setMaxWaitQueueSize(0))
                .connectingTo(Db.connectOptions(db.config())).using(vertx).build();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        nowhere = Db.pool(vertx, db.config().withAddress("127.0.0.1", closedPort), 4);
        await(pool.query("CREATE TABLE parent (id int PRIMARY KEY); CREATE TABLE child (id int PRIMARY KEY,"
                + " parent int NOT NULL REFERENCES parent (id)); CREATE TABLE note (t text)").execute());

        ErrorHandler errors = new ErrorHandler(null);
        Router router = Router.router(vertx);
        route(router, "/api/unique", c -> pool.query("INSERT INTO parent VALUES (1) ON CONFLICT DO NOTHING").execute()
                .compose(x -> pool.query("INSERT INTO parent VALUES (1)").execute()));
        route(router, "/api/foreign-key", c -> pool.query("INSERT INTO child VALUES (1, 999)").execute());
        route(router, "/api/nul", c -> pool.preparedQuery("INSERT INTO note VALUES ($1)").execute(Tuple.of("a\u0000b")));
        route(router, "/api/refused", c -> nowhere.query("SELECT 1").execute());
        route(router, "/api/terminated", c -> terminated());
        route(router, "/api/exhausted", c -> exhausted());
        router.route().failureHandler(errors::handle);
        server = await(vertx.createHttpServer().requestHandler(router).listen(0));
        Logger.getLogger(ErrorHandler.class.getName()).addHandler(capture);
    }

    /** A statement whose backend an administrator terminates while it runs (what `bench chat --fault` does). */
    private static Future<?> terminated() {
        return pool.withConnection(conn -> conn.query("SELECT pg_backend_pid()").execute()
                .compose(rows -> {
                    int pid = rows.iterator().next().getInteger(0);
                    Future<?> sleeping = conn.query("SELECT pg_sleep(10)").execute();
                    return pool.preparedQuery("SELECT pg_terminate_backend($1)").execute(Tuple.of(pid)).compose(x -> sleeping);
                }));
    }

    private static Future<?> exhausted() {
        return tiny.getConnection().compose(held -> tiny.query("SELECT 1").execute().eventually(held::close));
    }

    private static void route(Router router, String path, Function<RoutingContext, Future<?>> work) {
        router.post(path).handler(ctx -> work.apply(ctx).onSuccess(x -> ctx.response().end("ok")).onFailure(ctx::fail));
    }

    @AfterAll
    static void stop() {
        Logger.getLogger(ErrorHandler.class.getName()).removeHandler(capture);
        await(server.close());
        await(pool.close());
        await(tiny.close());
        await(nowhere.close());
        await(vertx.close());
        db.close();
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static boolean loggedAt(Level level, String path) {
        return logged.stream().anyMatch(r -> r.getLevel().equals(level) && r.getMessage().contains(path));
    }

    @Test
    @DisplayName("a unique violation that reaches the handler is our bug: 500, logged SEVERE with the route, not 503")
    void uniqueViolationIsABug() throws Exception {
        HttpResponse<String> r = post("/api/unique");
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(r.body().contains("internal error"), r.body());
        assertTrue(loggedAt(Level.SEVERE, "POST /api/unique"), "logged SEVERE with method and path");
    }

    @Test
    @DisplayName("a foreign-key violation is our bug: 500, logged SEVERE")
    void foreignKeyViolationIsABug() throws Exception {
        HttpResponse<String> r = post("/api/foreign-key");
        assertEquals(500, r.statusCode(), r.body());
        assertTrue(loggedAt(Level.SEVERE, "POST /api/foreign-key"));
    }

    @Test
    @DisplayName("a value PostgreSQL cannot store (NUL character) is the request's fault: 400 with a reason")
    void dataExceptionIsABadRequest() throws Exception {
        HttpResponse<String> r = post("/api/nul");
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("cannot be stored"), r.body());
    }

    @Test
    @DisplayName("connection refused: 503, logged as an outage")
    void refusedConnectionIsUnavailable() throws Exception {
        HttpResponse<String> r = post("/api/refused");
        assertEquals(503, r.statusCode(), r.body());
        assertTrue(loggedAt(Level.WARNING, "POST /api/refused"));
    }

    @Test
    @DisplayName("the backend terminated by an administrator mid-statement: 503")
    void terminatedBackendIsUnavailable() throws Exception {
        HttpResponse<String> r = post("/api/terminated");
        assertEquals(503, r.statusCode(), r.body());
    }

    @Test
    @DisplayName("pool exhausted (no room in the waiting line): 503")
    void exhaustedPoolIsUnavailable() throws Exception {
        HttpResponse<String> r = post("/api/exhausted");
        assertEquals(503, r.statusCode(), r.body());
    }

    @Test
    @DisplayName("only a connection that died under its statement is 'lost' (a reply then retries once on a fresh one); a full pool or a refused connection is not")
    void connectionLostOnlyForDeadConnections() {
        Throwable terminated = failureOf(terminated());
        assertTrue(DatabaseFailure.connectionLost(terminated), () -> "terminated backend: " + chain(terminated));
        assertFalse(DatabaseFailure.connectionLost(failureOf(exhausted())), "exhausted pool: retrying adds load");
        assertFalse(DatabaseFailure.connectionLost(failureOf(nowhere.query("SELECT 1").execute())), "refused: no fresh connection either");
        assertFalse(DatabaseFailure.connectionLost(failureOf(pool.query("INSERT INTO child VALUES (2, 999)").execute())), "a refusal is not an outage");
    }

    @Test
    @DisplayName("a write to a backend terminated a moment ago (the JDK's IOException 'Broken pipe', seen in bench chat's cuts) is a lost connection and 503, not a 500")
    void brokenPipeIsALostConnection() {
        Throwable pipe = new io.vertx.core.VertxException("write failed", new java.io.IOException("Broken pipe"));
        assertTrue(DatabaseFailure.connectionLost(pipe));
        assertEquals(DatabaseFailure.unavailable, DatabaseFailure.of(pipe));
        assertTrue(DatabaseFailure.connectionLost(new java.io.IOException("recvAddress(..) failed: Connection reset by peer")));
        assertFalse(DatabaseFailure.connectionLost(new java.io.IOException("No space left on device")), "other I/O is not the database's");
        // what a statement written to a connection the pool has just seen die fails with (seen on a loaded CI machine
        // in connectionLostOnlyForDeadConnections): a lost connection, retried once and a 503, not a 500
        Throwable closed = new io.vertx.core.VertxException("Connection is not active now, current status: CLOSED");
        assertTrue(DatabaseFailure.connectionLost(closed));
        assertEquals(DatabaseFailure.unavailable, DatabaseFailure.of(closed));
    }

    private static String chain(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) b.append(c.getClass().getName()).append(": ").append(c.getMessage()).append(" <- ");
        return b.toString();
    }

    private static Throwable failureOf(Future<?> f) {
        try {
            f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("expected a failure");
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
