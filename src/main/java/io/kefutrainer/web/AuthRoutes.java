package io.kefutrainer.web;

import io.kefutrainer.store.LoginThrottle;

import io.kefutrainer.account.User;
import io.kefutrainer.store.SessionKeys;
import io.kefutrainer.store.TokenStore;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** Sign-in and sign-out pages, and bearer tokens for scripts. */
final class AuthRoutes {
    static final Duration TOKEN_TTL = Duration.ofHours(12);

    private final Pages pages;
    private final SignIn signIn;
    private final TokenStore tokens;

    AuthRoutes(Pages pages, SignIn signIn, TokenStore tokens) {
        this.pages = pages;
        this.signIn = signIn;
        this.tokens = tokens;
    }

    void register(RouteTable table) {
        table.page(HttpMethod.GET, "/login", RouteTable.PUBLIC, this::loginForm);
        table.page(HttpMethod.POST, "/login", RouteTable.PUBLIC, this::login);
        table.page(HttpMethod.POST, "/logout", RouteTable.SIGNED_IN, this::logout);
        // Scripts have no session cookie to forge, so the token endpoint needs no CSRF token.
        table.add(new RouteSpec(HttpMethod.POST, "/api/auth/token", RouteTable.PUBLIC, true, false,
                RouteTable.SMALL_BODY, false, this::issueToken));
        table.api(HttpMethod.DELETE, "/api/auth/token", RouteTable.SIGNED_IN, this::revokeToken);
        table.api(HttpMethod.GET, "/api/me", RouteTable.SIGNED_IN, this::me);
    }

    private void loginForm(RoutingContext ctx) {
        User user = CurrentUser.of(ctx);
        if (user != null) {
            ctx.redirect(user.role().home());
            return;
        }
        showForm(ctx, 200, null, "", ctx.request().getParam("next"));
    }

    private void showForm(RoutingContext ctx, int status, String error, String username, String next) {
        Map<String, Object> model = new HashMap<>();
        model.put("error", error == null ? "" : error);
        model.put("username", username == null ? "" : username);
        model.put("next", safeNext(next));
        model.put("csrf", Csrf.token(ctx));
        model.put("signedOut", ctx.request().getParam("bye") != null);
        pages.render(ctx, status, "login", model);
    }

    private void login(RoutingContext ctx) {
        String username = ctx.request().getFormAttribute("username");
        String password = ctx.request().getFormAttribute("password");
        String next = ctx.request().getFormAttribute("next");
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            showForm(ctx, 400, "请输入用户名和密码", username, next);
            return;
        }
        signIn.attempt(username, password, address(ctx)).onSuccess(outcome -> {
            if (outcome instanceof SignIn.Accepted a) {
                Session session = ctx.session();
                // A new session id at sign-in: an id planted before sign-in (session fixation) is worthless after it.
                session.regenerateId();
                session.put(SessionKeys.USER_ID, a.user().id());
                session.put(SessionKeys.CSRF, Csrf.newToken());
                String target = safeNext(next);
                pages.redirect(ctx, target.isEmpty() ? a.user().role().home() : target);
            } else if (outcome instanceof SignIn.Throttled t) {
                ctx.response().putHeader("Retry-After", Long.toString(t.retryAfterSeconds()));
                showForm(ctx, 429, "登录失败次数过多,请 " + minutes(t.retryAfterSeconds()) + " 分钟后再试", username, next);
            } else if (outcome instanceof SignIn.Disabled) {
                showForm(ctx, 403, "该账号已停用,请联系管理员", username, next);
            } else {
                // warn before the lock-out, not only once it has happened
                int left = ((SignIn.Rejected) outcome).attemptsLeft();
                long minutes = LoginThrottle.WINDOW_S / 60;
                showForm(ctx, 401, left > 0 ? "用户名或密码错误,还可尝试 " + left + " 次(再错 " + left + " 次需等 " + minutes + " 分钟)"
                        : "用户名或密码错误,失败次数已达上限,请 " + minutes + " 分钟后再试", username, next);
            }
        }).onFailure(ctx::fail);
    }

    private void logout(RoutingContext ctx) {
        ctx.session().destroy();
        pages.redirect(ctx, "/login?bye=1");
    }

    private void issueToken(RoutingContext ctx) {
        JsonObject body = JsonBodies.object(ctx);
        String username = JsonBodies.string(body, "username", 100);
        String password = JsonBodies.string(body, "password", 200);
        signIn.attempt(username, password, address(ctx)).onSuccess(outcome -> {
            if (outcome instanceof SignIn.Accepted a) {
                tokens.issue(a.user().id(), TOKEN_TTL)
                        .onSuccess(issued -> ctx.json(new JsonObject()
                                .put("token", issued.token())
                                .put("role", a.user().role().name())
                                .put("expiresAt", issued.expiresAt().toInstant().toString())))
                        .onFailure(ctx::fail);
            } else if (outcome instanceof SignIn.Throttled t) {
                ctx.response().putHeader("Retry-After", Long.toString(t.retryAfterSeconds()));
                ctx.fail(new HttpError(429, "too many failed sign-ins; retry in " + t.retryAfterSeconds() + " s"));
            } else if (outcome instanceof SignIn.Disabled) {
                ctx.fail(new HttpError(401, "account disabled"));
            } else {
                ctx.fail(new HttpError(401, "wrong username or password"));
            }
        }).onFailure(ctx::fail);
    }

    private void revokeToken(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        if (!CurrentUser.viaToken(ctx) || authorization == null) {
            ctx.fail(HttpError.badRequest("send the token to revoke as Authorization: Bearer <token>", null));
            return;
        }
        tokens.revoke(authorization.substring(7).trim())
                .onSuccess(x -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private void me(RoutingContext ctx) {
        User user = CurrentUser.require(ctx);
        ctx.json(new JsonObject().put("id", user.id()).put("username", user.username())
                .put("displayName", user.displayName()).put("role", user.role().name()));
    }

    /** Only local paths: an absolute or protocol-relative next would make the sign-in page an open redirect. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")
                || next.length() > 500 || next.startsWith("/login") || next.startsWith("/logout")) {
            return "";
        }
        return next;
    }

    static String address(RoutingContext ctx) {
        return ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
    }

    private static long minutes(long seconds) {
        return Math.max(1, (seconds + 59) / 60);
    }
}
