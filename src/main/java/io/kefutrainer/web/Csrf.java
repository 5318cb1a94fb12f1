package io.kefutrainer.web;

import io.kefutrainer.store.SessionKeys;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Synchronizer-token CSRF protection: one random token per browser session, sent back in a hidden form
 * field (_csrf) or the X-CSRF-Token header by our scripts. Chosen over Vert.x's double-submit CSRFHandler
 * because that one rotates the token on page loads, which breaks a trainee with the workbench and a quiz
 * open in two tabs; one token per session, rotated at sign-in, does not.
 */
public final class Csrf {
    public static final String FIELD = "_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    /** The session's token, created on first use (this also makes the lazy session persist). */
    public static String token(RoutingContext ctx) {
        Session session = ctx.session();
        String token = session.get(SessionKeys.CSRF);
        if (token == null) {
            token = newToken();
            session.put(SessionKeys.CSRF, token);
        }
        return token;
    }

    public static String newToken() {
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** True when the request carries the session's token. */
    static boolean valid(RoutingContext ctx) {
        Session session = ctx.session();
        String expected = session == null ? null : session.get(SessionKeys.CSRF);
        if (expected == null) {
            return false;
        }
        String sent = ctx.request().getHeader(HEADER);
        if (sent == null) {
            sent = ctx.request().getFormAttribute(FIELD);
        }
        return sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }
}
