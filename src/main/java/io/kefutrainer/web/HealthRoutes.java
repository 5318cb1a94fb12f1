package io.kefutrainer.web;

import io.kefutrainer.store.Db;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;

/** GET /health: UP when PostgreSQL answers, 503 DOWN while it does not; the pool reconnects by itself. */
final class HealthRoutes {
    private static final long DB_TIMEOUT_MS = 2000;
    private final Pool pool;

    HealthRoutes(Pool pool) {
        this.pool = pool;
    }

    void register(RouteTable table) {
        table.api(HttpMethod.GET, "/health", RouteTable.PUBLIC, this::health);
    }

    private void health(RoutingContext ctx) {
        Db.ping(pool).timeout(DB_TIMEOUT_MS, java.util.concurrent.TimeUnit.MILLISECONDS).onComplete(ar -> {
            boolean up = ar.succeeded();
            ctx.response().setStatusCode(up ? 200 : 503)
                    .putHeader("Content-Type", "application/json; charset=utf-8")
                    .putHeader("Cache-Control", "no-store")
                    .end(new JsonObject().put("status", up ? "UP" : "DOWN").put("db", up ? "UP" : "DOWN").encode());
        });
    }
}
