package io.kefutrainer.store;

import io.kefutrainer.account.User;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens for scripts and integrations. Only their SHA-256 is stored, so a database leak reveals none.
 *
 * Token → user look-ups are cached per instance for at most {@link #CACHE_MS} (never beyond the token's expiry),
 * which saves a database round trip on every API call. Revoking a token (DELETE /api/auth/token) or disabling its
 * user on this instance evicts it at once; on another instance the revocation takes effect within CACHE_MS.
 */
public final class TokenStore {

    public record Issued(String token, OffsetDateTime expiresAt) {
    }

    /** How long a token look-up is trusted without asking the database again. */
    public static final long CACHE_MS = 3000;
    private static final int CACHE_MAX = 50_000;

    private record Cached(User user, long validUntil) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;
    private final long cacheMs;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    public TokenStore(Pool pool) {
        this(pool, CACHE_MS);
    }

    /** @param cacheMs 0 disables the cache (every look-up asks the database) */
    public TokenStore(Pool pool, long cacheMs) {
        this.pool = pool;
        this.cacheMs = cacheMs;
    }

    public Future<Issued> issue(long userId, Duration ttl) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String token = "kt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        return pool.preparedQuery("INSERT INTO api_tokens (token_hash, user_id, expires_at)"
                        + " VALUES ($1, $2, now() + make_interval(secs => $3)) RETURNING expires_at")
                .execute(Tuple.of(Buffer.buffer(sha256(token)), userId, (double) ttl.toSeconds()))
                .map(rows -> new Issued(token, rows.iterator().next().get(OffsetDateTime.class, 0)));
    }

    /** The enabled user the token belongs to, if the token exists and has not expired. */
    public Future<Optional<User>> user(String token) {
        byte[] hash = sha256(token);
        String key = cacheMs > 0 ? HexFormat.of().formatHex(hash) : null;
        long now = System.currentTimeMillis();
        if (key != null) {
            Cached hit = cache.get(key);
            if (hit != null && hit.validUntil() > now) {
                return Future.succeededFuture(Optional.of(hit.user()));
            }
        }
        return pool.preparedQuery("""
                        SELECT u.id, u.username, u.display_name, u.role, u.disabled, u.created_at,
                               (extract(epoch FROM t.expires_at) * 1000)::bigint AS expires_ms
                        FROM api_tokens t JOIN users u ON u.id = t.user_id
                        WHERE t.token_hash = $1 AND t.expires_at > now() AND NOT u.disabled""")
                .execute(Tuple.of(Buffer.buffer(hash)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        if (key != null) {
                            cache.remove(key);
                        }
                        return Optional.<User>empty();
                    }
                    Row row = rows.iterator().next();
                    User user = UserStore.toUser(row);
                    if (key != null) {
                        if (cache.size() >= CACHE_MAX) {
                            cache.clear();
                        }
                        cache.put(key, new Cached(user, Math.min(now + cacheMs, row.getLong("expires_ms"))));
                    }
                    return Optional.of(user);
                });
    }

    public Future<Void> revoke(String token) {
        byte[] hash = sha256(token);
        cache.remove(HexFormat.of().formatHex(hash));
        return pool.preparedQuery("DELETE FROM api_tokens WHERE token_hash = $1")
                .execute(Tuple.of(Buffer.buffer(hash)))
                // a look-up that was in flight while the row was deleted must not leave the token cached
                .onComplete(x -> cache.remove(HexFormat.of().formatHex(hash)))
                .mapEmpty();
    }

    /** Forgets the cached look-ups of one user's tokens (the user was disabled on this instance). */
    public void forgetUser(long userId) {
        cache.values().removeIf(c -> c.user().id() == userId);
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
