package io.kefutrainer.store;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.util.List;
import java.util.Locale;

/**
 * Counts failed sign-ins per username and per client address in PostgreSQL, so every instance enforces the
 * same limit. While a key is over its limit even the right password is refused, which is what stops guessing.
 */
public final class LoginThrottle {

    public static final int WINDOW_S = 15 * 60;
    public static final int MAX_PER_USER = 5;
    public static final int MAX_PER_ADDRESS = 50;

    private final Pool pool;

    public LoginThrottle(Pool pool) {
        this.pool = pool;
    }

    public static String userKey(String username) {
        return "user:" + (username == null ? "" : username.trim().toLowerCase(Locale.ROOT));
    }

    public static String addressKey(String address) {
        return "ip:" + address;
    }

    /** Seconds until another attempt is allowed, or 0 when the keys are not blocked. */
    public Future<Long> retryAfter(String userKey, String addressKey) {
        return pool.preparedQuery("""
                        SELECT key, failures, ceil(extract(epoch FROM window_start + make_interval(secs => $2) - now()))::bigint
                        FROM login_failures
                        WHERE key = ANY($1) AND window_start > now() - make_interval(secs => $2)""")
                .execute(Tuple.of(List.of(userKey, addressKey).toArray(new String[0]), (double) WINDOW_S))
                .map(rows -> {
                    long wait = 0;
                    for (var row : rows) {
                        int limit = row.getString(0).startsWith("user:") ? MAX_PER_USER : MAX_PER_ADDRESS;
                        if (row.getInteger(1) >= limit) {
                            wait = Math.max(wait, Math.max(1, row.getLong(2)));
                        }
                    }
                    return wait;
                });
    }

    /** Counts a failure for the user and the address; returns how many tries are left before either is locked out. */
    public Future<Integer> recordFailure(String userKey, String addressKey) {
        return pool.preparedQuery("""
                        INSERT INTO login_failures (key, failures, window_start)
                        SELECT k, 1, now() FROM unnest($1::text[]) AS k
                        ON CONFLICT (key) DO UPDATE SET
                          failures = CASE WHEN login_failures.window_start > now() - make_interval(secs => $2)
                                          THEN login_failures.failures + 1 ELSE 1 END,
                          window_start = CASE WHEN login_failures.window_start > now() - make_interval(secs => $2)
                                              THEN login_failures.window_start ELSE now() END
                        RETURNING key, failures""")
                .execute(Tuple.of(new String[]{userKey, addressKey}, (double) WINDOW_S))
                .map(rows -> {
                    int left = MAX_PER_USER;
                    for (var row : rows) {
                        int limit = row.getString(0).startsWith("user:") ? MAX_PER_USER : MAX_PER_ADDRESS;
                        left = Math.min(left, Math.max(0, limit - row.getInteger(1)));
                    }
                    return left;
                });
    }

    /** A successful sign-in clears the user's count (not the address's: one office shares an address). */
    public Future<Void> reset(String userKey) {
        return pool.preparedQuery("DELETE FROM login_failures WHERE key = $1").execute(Tuple.of(userKey)).mapEmpty();
    }
}
