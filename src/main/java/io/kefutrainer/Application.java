package io.kefutrainer;

import io.kefutrainer.account.AccountSetup;
import io.kefutrainer.account.Hashing;
import io.kefutrainer.store.CohortStore;
import io.kefutrainer.store.Db;
import io.kefutrainer.store.DbConfig;
import io.kefutrainer.store.UserStore;
import io.kefutrainer.content.LiveContent;
import io.kefutrainer.web.Server;
import io.kefutrainer.web.ServerOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.util.function.Consumer;

/**
 * A running kefu-trainer: the pool, the accounts that must exist, the HTTP server. Used by `serve`, the tests
 * and the benchmarks, so they all start the same thing. The database must already be prepared
 * ({@link io.kefutrainer.store.DatabaseBootstrap}).
 */
public final class Application {

    private final Vertx vertx;
    private final Pool pool;
    private final Server server;
    private final LiveContent content;

    private Application(Vertx vertx, Pool pool, Server server, LiveContent content) {
        this.vertx = vertx;
        this.pool = pool;
        this.server = server;
        this.content = content;
    }

    public LiveContent content() {
        return content;
    }

    /**
     * @param firstAdminPassword receives the generated password when this start created the first admin
     */
    public static Future<Application> start(Vertx vertx, DbConfig db, ServerOptions options,
                                            Consumer<String> firstAdminPassword) {
        Pool pool = Db.pool(vertx, db, options.dbConnections());
        AccountSetup setup = new AccountSetup(new UserStore(pool), new CohortStore(pool), new Hashing(vertx));
        // demo accounts first: in demo mode admin1 is the administrator, so an empty database gets no extra `admin`
        return (options.demo() ? setup.seedDemo() : Future.<Void>succeededFuture())
                .compose(x -> setup.ensureFirstAdmin())
                .onSuccess(password -> password.ifPresent(firstAdminPassword))
                .compose(x -> LiveContent.start(vertx, options.scenariosDir()))
                .compose(content -> Server.start(vertx, pool, db, options, content)
                        .map(server -> new Application(vertx, pool, server, content)))
                .onFailure(e -> pool.close());
    }

    public int port() {
        return server.port();
    }

    public Server server() {
        return server;
    }

    public Pool pool() {
        return pool;
    }

    public Future<Void> close() {
        content.stop();
        return server.close().eventually(pool::close);
    }

}
