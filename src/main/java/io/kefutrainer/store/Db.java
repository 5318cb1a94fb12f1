package io.kefutrainer.store;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;

import java.util.concurrent.TimeUnit;

/** The connection pool every repository shares. Closed connections are dropped and replaced by the pool itself. */
public final class Db {

    private Db() {
    }

    /** The application name every connection of the server carries (operators find them in pg_stat_activity). */
    public static final String APPLICATION_NAME = "kefu-trainer";

    public static PgConnectOptions connectOptions(DbConfig config) {
        PgConnectOptions connect = new PgConnectOptions()
                .setHost(config.host())
                .setPort(config.port())
                .setUser(config.user())
                .setDatabase(config.database())
                .setCachePreparedStatements(true)
                .setPipeliningLimit(256)
                .addProperty("application_name", APPLICATION_NAME)
                // The JIT compiles a plan whose estimated cost passes jit_above_cost; the KPI roll-up of a flush
                // (kpi_refresh, estimated high because session_events' statistics guess ~1,000 events a session)
                // spent ~100 ms of PostgreSQL's CPU compiling a plan that then ran in 26 ms. Nothing this server
                // asks scans enough rows for compiled expressions to pay back, so it is off for its connections.
                .addProperty("jit", "off");
        if (config.password() != null) {
            connect.setPassword(config.password());
        }
        return connect;
    }

    /**
     * @param maxSize the most connections open at once. Keep it small: PostgreSQL runs one process per connection,
     *                and after an outage every one of them is opened again (on the 2-core machine of README's
     *                measurements a new backend costs ~15 ms, one after another, before its first query warms its caches).
     */
    public static Pool pool(Vertx vertx, DbConfig config, int maxSize) {
        PgConnectOptions connect = connectOptions(config);
        PoolOptions pool = new PoolOptions()
                .setMaxSize(maxSize)
                .setMaxWaitQueueSize(4096)
                .setConnectionTimeout(5)
                .setConnectionTimeoutUnit(TimeUnit.SECONDS)
                .setIdleTimeout(5)
                .setIdleTimeoutUnit(TimeUnit.MINUTES)
                .setPoolCleanerPeriod(30_000);
        // A short connect timeout lets /health report DOWN quickly instead of hanging while PostgreSQL is away.
        NetClientOptions net = new NetClientOptions().setConnectTimeout(3000);
        return PgBuilder.pool().with(pool).with(net).connectingTo(connect).using(vertx).build();
    }

    /** A cheap round trip used by /health. */
    public static Future<Void> ping(Pool pool) {
        return pool.query("SELECT 1").execute().mapEmpty();
    }
}
