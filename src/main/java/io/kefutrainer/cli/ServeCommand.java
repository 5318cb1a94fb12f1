package io.kefutrainer.cli;

import io.kefutrainer.Application;
import io.kefutrainer.store.ConfigException;
import io.kefutrainer.store.DatabaseBootstrap;
import io.kefutrainer.store.DbConfig;
import io.kefutrainer.store.EmbeddedDatabase;
import io.kefutrainer.web.ServerOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"启动培训服务器 / Start the web server (the default command).",
                "Database: DATABASE_URL or PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE (default 127.0.0.1:5432,"
                        + " user postgres, database kefu_trainer). With nothing configured and no server on"
                        + " 127.0.0.1:5432, an embedded PostgreSQL is started (data in ~/.kefu-trainer/pgdata)."})
public final class ServeCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "${env:PORT:-8080}", description = "HTTP port (env PORT, default 8080)")
    int port;

    @Option(names = "--scenarios", defaultValue = "scenarios", description = "trainer content directory (default ./scenarios)")
    Path scenarios;

    @Option(names = "--demo", description = "seed the 演示班 cohort and demo accounts (password demo1234) and show a 演示模式 banner")
    boolean demo;

    @Option(names = "--embedded-db", description = "always use the embedded PostgreSQL (data in ~/.kefu-trainer/pgdata)")
    boolean embeddedDb;

    @Option(names = "--instances", defaultValue = "0",
            description = "HTTP event loops (verticle instances); 0 = one per available processor (default)")
    int instances;

    @Option(names = "--db-connections", defaultValue = "0",
            description = "most database connections the server opens; 0 = two per HTTP event loop, at least 4 (default)")
    int dbConnections;

    @Option(names = "--secure-cookies", description = "mark cookies Secure (when users reach the server over HTTPS)")
    boolean secureCookies;

    /** The embedded database is used when asked for, or when nothing was configured and nothing answers the default address. */
    static boolean useEmbedded(boolean flag, DbConfig db, BooleanSupplier defaultAddressAnswers) {
        return flag || (!db.configured() && !defaultAddressAnswers.getAsBoolean());
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) {
            throw new ConfigException("--port must be between 0 and 65535");
        }
        if (instances < 0 || instances > 256) {
            throw new ConfigException("--instances must be between 1 and 256 (0 = one per available processor)");
        }
        if (dbConnections < 0 || dbConnections > 1000) {
            throw new ConfigException("--db-connections must be between 1 and 1000 (0 = two per HTTP event loop, at least 4)");
        }
        int httpInstances = instances == 0 ? ServerOptions.defaultInstances() : instances;
        DbConfig db = DbConfig.fromEnv(System.getenv());
        EmbeddedDatabase embedded = null;
        DbConfig configured = db;
        if (useEmbedded(embeddedDb, db, () -> DatabaseBootstrap.answers(configured.host(), configured.port(), 1000))) {
            System.out.println(embeddedDb ? "Starting the embedded PostgreSQL…"
                    : "No PostgreSQL configured and none answers on " + db.host() + ":" + db.port()
                    + "; starting the embedded PostgreSQL…");
            embedded = EmbeddedDatabase.start(EmbeddedDatabase.defaultDataDirectory());
            db = embedded.config();
        }
        EmbeddedDatabase embeddedDatabase = embedded;
        try {
            DatabaseBootstrap.prepare(db);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }

        // one event loop per HTTP instance, one for the background verticle, and no fewer than Vert.x's default
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(
                Math.max(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE, httpInstances + 1)));
        ServerOptions options = new ServerOptions(port, demo, scenarios, secureCookies, demo, httpInstances);
        if (dbConnections > 0) {
            options = options.withDbConnections(dbConnections);
        }
        Application app;
        try {
            app = Application.start(vertx, db, options,
                            password -> System.out.println("Created the administrator account: admin / " + password
                                    + "   (shown only this once; change it at /account/password)"))
                    .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            vertx.close();
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM stops quietly: the server and pool first, then Vert.x from this thread (closing it from one of its own
            // event loops completed the close on a terminated loop and printed a RejectedExecutionException)
            try {
                app.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the process is ending anyway
            }
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // the process is ending anyway
            }
            if (embeddedDatabase != null) {
                embeddedDatabase.close();
            }
            stopped.countDown();
        }, "kefu-trainer-shutdown"));
        System.out.println("kefu-trainer is running at http://localhost:" + app.port() + "/  (database " + db.describe()
                + ", " + httpInstances + " HTTP event loop" + (httpInstances == 1 ? "" : "s") + ", at most " + options.dbConnections()
                + " database connections)"
                + (demo ? "\n演示模式: trainee1–trainee3, trainer1, manager1, admin1 / password demo1234" : ""));
        stopped.await();
        return 0;
    }
}
