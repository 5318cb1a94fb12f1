package io.kefutrainer.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;

/** Removes expired sessions, tokens and throttle windows; run periodically by the server. */
public final class Housekeeping {
    private final Pool pool;

    public Housekeeping(Pool pool) {
        this.pool = pool;
    }

    public Future<Void> run() {
        return pool.query("DELETE FROM http_sessions WHERE expires_at < now()").execute()
                .compose(x -> pool.query("DELETE FROM api_tokens WHERE expires_at < now()").execute())
                .compose(x -> pool.query("DELETE FROM login_failures WHERE window_start < now() - interval '1 day'").execute())
                .mapEmpty();
    }
}
