package io.kefutrainer.web;

import io.kefutrainer.account.User;
import io.vertx.ext.web.RoutingContext;

/** The signed-in user of a request, as resolved by {@link Gatekeeper}. */
public final class CurrentUser {
    static final String KEY = "kt.user";
    static final String VIA_TOKEN = "kt.viaToken";

    private CurrentUser() {
    }

    /** The user, or null for an anonymous request. */
    public static User of(RoutingContext ctx) {
        return ctx.get(KEY);
    }

    public static User require(RoutingContext ctx) {
        User user = of(ctx);
        if (user == null) {
            throw new HttpError(401, "sign in required");
        }
        return user;
    }

    /** True when the request authenticated with a bearer token rather than the session cookie. */
    public static boolean viaToken(RoutingContext ctx) {
        return Boolean.TRUE.equals(ctx.get(VIA_TOKEN));
    }
}
