package io.kefutrainer.web;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.SessionHandler;

/**
 * Saves the session before the response leaves. Vert.x's SessionHandler saves it when the headers are
 * written without waiting, so a browser that follows a redirect at once (sign-in, a form right after its
 * page) could arrive before the session row exists. Every page and redirect goes through here instead.
 */
public final class Sessions {
    private final SessionHandler handler;

    public Sessions(SessionHandler handler) {
        this.handler = handler;
    }

    public Future<Void> save(RoutingContext ctx) {
        if (ctx.session() == null || !ctx.isSessionAccessed()) {
            return Future.succeededFuture();
        }
        return handler.flush(ctx, true);
    }

    /** 303 See Other after a form post, once the session is stored. */
    public void redirect(RoutingContext ctx, String location) {
        save(ctx).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
            } else {
                ctx.response().setStatusCode(303).putHeader("Location", location).end();
            }
        });
    }
}
