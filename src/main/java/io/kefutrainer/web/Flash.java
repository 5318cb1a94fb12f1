package io.kefutrainer.web;

import io.vertx.ext.web.RoutingContext;

/** A one-time message carried across a redirect (post/redirect/get), e.g. a generated password shown once. */
final class Flash {
    private static final String KEY = "flash";

    private Flash() {
    }

    static void set(RoutingContext ctx, String message) {
        if (ctx.session() != null) {
            ctx.session().put(KEY, message);
        }
    }

    static String take(RoutingContext ctx) {
        if (ctx.session() == null) {
            return "";
        }
        String message = ctx.session().remove(KEY);
        return message == null ? "" : message;
    }
}
