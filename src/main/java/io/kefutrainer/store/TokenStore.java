package io.kefutrainer.store;

import io.kefutrainer.account.User;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.Optional;

/** Bearer tokens for scripts and integrations. Only their SHA-256 is stored, so a database leak reveals none. */
public final class TokenStore {

    public record Issued(String token, OffsetDateTime expiresAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Pool pool;

    public TokenStore(Pool pool) {
        this.pool = pool;
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
        return pool.preparedQuery("""
                        SELECT u.id, u.username, u.display_name, u.role, u.disabled, u.created_at
                        FROM api_tokens t JOIN users u ON u.id = t.user_id
                        WHERE t.token_hash = $1 AND t.expires_at > now() AND NOT u.disabled""")
                .execute(Tuple.of(Buffer.buffer(sha256(token))))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(UserStore.toUser(rows.iterator().next())));
    }

    public Future<Void> revoke(String token) {
        return pool.preparedQuery("DELETE FROM api_tokens WHERE token_hash = $1")
                .execute(Tuple.of(Buffer.buffer(sha256(token)))).mapEmpty();
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
