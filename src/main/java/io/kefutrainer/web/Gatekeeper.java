package io.kefutrainer.web;

import io.kefutrainer.account.User;
import io.kefutrainer.store.SessionKeys;
import io.kefutrainer.store.TokenStore;
import io.kefutrainer.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The checks every route passes, in this order: who is calling (bearer token or session), CSRF for
 * state-changing browser requests, then the route's roles. Deny by default: a route without roles must
 * say so in the route table.
 */
public final class Gatekeeper {

    private final UserStore users;
    private final TokenStore tokens;

    public Gatekeeper(UserStore users, TokenStore tokens) {
        this.users = users;
        this.tokens = tokens;
    }

    public Handler<RoutingContext> guard(RouteSpec spec) {
        return ctx -> authenticate(ctx).onComplete(ar -> {
            if (ar.failed()) {
                ctx.fail(ar.cause());
                return;
            }
            User user = CurrentUser.of(ctx);
            if (!spec.isPublic() && user == null) {
                denyAnonymous(ctx, spec);
            } else if (spec.changesState() && spec.csrf() && !CurrentUser.viaToken(ctx) && !Csrf.valid(ctx)) {
                ctx.fail(new HttpError(403, spec.api()
                        ? "missing or invalid CSRF token (send the X-CSRF-Token header, or use a bearer token)"
                        : "页面已过期或请求来源无效,请刷新页面后重试"));
            } else if (spec.isPublic()) {
                ctx.next();
            } else if (!spec.roles().contains(user.role())) {
                ctx.fail(new HttpError(403, spec.api() ? "your role may not use this" : "您的角色无权访问此页面"));
            } else {
                ctx.next();
            }
        });
    }

    /** Who is asking, when no route matched: a page that does not exist still shows a signed-in user's navigation. */
    public Future<Void> identify(RoutingContext ctx) {
        return authenticate(ctx).recover(e -> Future.succeededFuture());
    }

    private Future<Void> authenticate(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            return tokens.user(token).compose(user -> {
                if (user.isEmpty()) {
                    return Future.failedFuture(new HttpError(401, "invalid or expired token"));
                }
                ctx.put(CurrentUser.KEY, user.get());
                ctx.put(CurrentUser.VIA_TOKEN, true);
                return Future.succeededFuture();
            });
        }
        // Only a request that brought a session cookie can be signed in; don't create sessions for others here.
        if (ctx.request().getCookie(Server.SESSION_COOKIE) == null) {
            return Future.succeededFuture();
        }
        Session session = ctx.session();
        Object uid = session == null ? null : session.get(SessionKeys.USER_ID);
        if (!(uid instanceof Number id)) {
            return Future.succeededFuture();
        }
        return users.byId(id.longValue()).map(found -> {
            Optional<User> user = found.filter(u -> !u.disabled());
            if (user.isPresent()) {
                ctx.put(CurrentUser.KEY, user.get());
            } else {
                session.remove(SessionKeys.USER_ID);
            }
            return null;
        });
    }

    private static void denyAnonymous(RoutingContext ctx, RouteSpec spec) {
        String accept = ctx.request().getHeader("Accept");
        boolean browser = accept != null && accept.contains("text/html");
        if (!spec.api() && browser && !spec.changesState()) {
            String next = URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8);
            ctx.redirect("/login?next=" + next);
        } else {
            ctx.fail(new HttpError(401, spec.api() ? "sign in required: send Authorization: Bearer <token>" : "请先登录"));
        }
    }
}
