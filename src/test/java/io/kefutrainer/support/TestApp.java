package io.kefutrainer.support;

import io.kefutrainer.Application;
import io.kefutrainer.store.DbConfig;
import io.kefutrainer.web.ServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The whole server started in-process on a free port against a throw-away database, with the demo accounts. */
public final class TestApp implements AutoCloseable {
    private final TestDatabase db;
    private final boolean ownsDb;
    private final Vertx vertx;
    private final Application app;
    private final Path scenarios;

    private final java.time.Duration closingWait;

    private TestApp(TestDatabase db, boolean ownsDb, Vertx vertx, Application app, Path scenarios, java.time.Duration closingWait) {
        this.closingWait = closingWait;
        this.db = db;
        this.ownsDb = ownsDb;
        this.vertx = vertx;
        this.app = app;
        this.scenarios = scenarios;
    }

    /** A second server on the same database and content (another instance, or this one after a restart). */
    public TestApp another() {
        return startWith(db, null, false, scenarios, false, ServerOptions.defaultInstances(), closingWait);
    }

    /** A second server on the same database with another content directory (no new database to create and migrate). */
    public TestApp anotherWithContent(Path fixture) {
        return startWith(db, null, false, withSharedContent(fixture), false, ServerOptions.defaultInstances(), closingWait);
    }

    public static TestApp start() {
        return start(TestDatabase.create(), true);
    }

    /** Starts on an existing database (e.g. a second instance, or after a restart); the database stays. */
    public static TestApp startOn(TestDatabase db) {
        return start(db, false);
    }

    private static TestApp start(TestDatabase db, boolean ownsDb) {
        return startWith(db, db.config(), ownsDb);
    }

    /**
     * Starts on its own database with another content directory. Scenario fixtures come without the shared
     * scoring content (lexicon, rules, rubric), so the shipped one is copied beside them.
     */
    public static TestApp startWithContent(Path scenarios) {
        return startWith(TestDatabase.create(), null, true, withSharedContent(scenarios));
    }

    private static Path withSharedContent(Path fixture) {
        try {
            Path dir = java.nio.file.Files.createTempDirectory("kt-content");
            copy(fixture, dir);
            for (String shared : java.util.List.of("lexicon", "rules.yaml", "rubric.yaml", "kpi.yaml", "normalise.yaml", "labels.yaml")) {
                Path source = Path.of("scenarios", shared);
                if (java.nio.file.Files.exists(source) && !java.nio.file.Files.exists(dir.resolve(shared))) {
                    copy(source, dir.resolve(shared));
                }
            }
            dir.toFile().deleteOnExit();
            return dir;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws java.io.IOException {
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (java.nio.file.Files.isDirectory(p)) {
                    java.nio.file.Files.createDirectories(target);
                } else {
                    java.nio.file.Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /** Starts with a different connection address (e.g. through a proxy) to the same database. */
    public static TestApp startWith(TestDatabase db, DbConfig connectTo, boolean ownsDb) {
        return startWith(db, connectTo, ownsDb, Path.of("scenarios"));
    }

    private static TestApp startWith(TestDatabase db, DbConfig connectTo, boolean ownsDb, Path scenarios) {
        return startWith(db, connectTo, ownsDb, scenarios, false);
    }

    /** Like `serve --demo`: the demo accounts and two weeks of demo history. */
    public static TestApp startWithDemoHistory() {
        return startWith(TestDatabase.create(), null, true, Path.of("scenarios"), true);
    }

    /** Another instance on the same database that also seeds demo history (to check it adds nothing twice). */
    public TestApp anotherWithDemoHistory() {
        return startWith(db, null, false, scenarios, true);
    }

    private static TestApp startWith(TestDatabase db, DbConfig connectTo, boolean ownsDb, Path scenarios, boolean history) {
        return startWith(db, connectTo, ownsDb, scenarios, history, ServerOptions.defaultInstances());
    }

    /** Starts on its own database with another content directory and a given number of HTTP event loops. */
    public static TestApp startWithContent(Path scenarios, int instances) {
        return startWith(TestDatabase.create(), null, true, withSharedContent(scenarios), false, instances);
    }

    /** Starts on its own database with another content directory and a shorter wait for the closing reply. */
    public static TestApp startWithContent(Path scenarios, java.time.Duration closingWait) {
        return startWith(TestDatabase.create(), null, true, withSharedContent(scenarios), false,
                ServerOptions.defaultInstances(), closingWait);
    }

    private static TestApp startWith(TestDatabase db, DbConfig connectTo, boolean ownsDb, Path scenarios, boolean history,
                                     int instances) {
        return startWith(db, connectTo, ownsDb, scenarios, history, instances,
                io.kefutrainer.practice.PracticeService.CLOSING_TIMEOUT);
    }

    private static TestApp startWith(TestDatabase db, DbConfig connectTo, boolean ownsDb, Path scenarios, boolean history,
                                     int instances, java.time.Duration closingWait) {
        Vertx vertx = Vertx.vertx();
        Application app = await(Application.start(vertx, connectTo == null ? db.config() : connectTo,
                new ServerOptions(0, true, scenarios, false, history, instances).withClosingWait(closingWait), password -> { }));
        return new TestApp(db, ownsDb, vertx, app, scenarios, closingWait);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    public Application app() {
        return app;
    }

    /** The Vert.x instance the server runs on (to call a store from one of its event loops). */
    public Vertx vertx() {
        return vertx;
    }

    public TestDatabase db() {
        return db;
    }

    public RowSet<Row> sql(String sql, Object... params) {
        return await(app.pool().preparedQuery(sql).execute(Tuple.from(params)));
    }

    public static <T> T await(Future<T> future) {
        try {
            return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the server and Vert.x but keeps the database (to start again on it). */
    public void stop() {
        try {
            await(app.close());
        } finally {
            await(vertx.close());
        }
    }

    @Override
    public void close() {
        stop();
        if (ownsDb) {
            db.close();
        }
    }
}
