package io.kefutrainer.web;

import io.kefutrainer.store.DatabaseFailure;
import io.kefutrainer.problem.Problem;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one place that maps a failure to HTTP: JSON for API callers, a Chinese error page for browsers. */
public final class ErrorHandler {
    private static final Logger LOG = Logger.getLogger(ErrorHandler.class.getName());

    private static final Map<Integer, String> API_REASONS = Map.of(
            400, "bad request", 401, "sign in required", 403, "forbidden", 404, "not found",
            405, "method not allowed", 413, "request body too large", 415, "unsupported media type", 429, "too many requests",
            500, "internal error", 503, "service unavailable");
    private static final Map<Integer, String> PAGE_REASONS = Map.of(
            400, "请求有误", 401, "请先登录", 403, "无权访问", 404, "页面不存在", 405, "不支持的请求方式",
            413, "提交的内容太大", 415, "不支持的内容类型", 429, "请求过于频繁,请稍后再试", 500, "服务器出错了,请稍后再试",
            503, "服务暂时不可用,请稍后再试");

    private final Pages pages;

    public ErrorHandler(Pages pages) {
        this.pages = pages;
    }

    public void handle(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.request().connection().close();
            return;
        }
        Throwable failure = ctx.failure();
        DatabaseFailure database = DatabaseFailure.of(failure);
        int status;
        String message = null;
        String field = null;
        if (failure instanceof HttpError e) {
            status = e.status();
            message = e.getMessage();
            field = e.field();
        } else if (failure instanceof Problem e) {
            // the domain refused the request (sessions, shifts, exams, accounts, appeals, taken names): the one
            // place its kinds become statuses
            status = switch (e.kind()) {
                case not_found -> 404;
                case conflict -> 409;
                case invalid -> 400;
                case forbidden -> 403;
            };
            message = e.getMessage();
            field = e.field();
        } else if (failure instanceof io.vertx.ext.web.handler.HttpException e) {
            status = e.getStatusCode();
        } else if (failure instanceof DecodeException) {
            status = 400;
            message = "body is not valid JSON";
        } else if (database == DatabaseFailure.bad_value) {
            // a data exception: the request carried a value PostgreSQL cannot store (a NUL character, \u0000 in
            // JSON, a number out of range). The database is fine; the request is not.
            status = 400;
            message = "the request contains a value that cannot be stored (e.g. a NUL character): " + pgMessage(failure);
            LOG.log(Level.FINE, "rejected value: " + failure.getMessage());
        } else if (database == DatabaseFailure.unavailable) {
            status = 503;
            LOG.log(Level.WARNING, "database unavailable on " + ctx.request().method() + " " + ctx.request().path()
                    + ": " + failure.getMessage());
        } else if (database == DatabaseFailure.bug) {
            // a unique or foreign-key violation (or any other refusal) that reached here is our bug, not an outage:
            // a conflict the client could resolve is turned into a 409 where it happens
            status = 500;
            LOG.log(Level.SEVERE, "database refused a statement on " + ctx.request().method() + " " + ctx.request().path(), failure);
        } else if (failure != null) {
            status = 500;
            LOG.log(Level.SEVERE, "unhandled failure on " + ctx.request().method() + " " + ctx.request().path(), failure);
        } else {
            status = ctx.statusCode() > 0 ? ctx.statusCode() : 500;
        }
        respond(ctx, status, message, field);
    }

    /** Also used for unmatched routes (404/405), which never reach a route's failure handler. */
    public void respond(RoutingContext ctx, int status, String message, String field) {
        if (wantsJson(ctx)) {
            JsonObject body = new JsonObject().put("error", message != null ? message : API_REASONS.getOrDefault(status, "error"));
            if (field != null) {
                body.put("field", field);
            }
            ctx.response().setStatusCode(status).putHeader("Content-Type", "application/json; charset=utf-8")
                    .end(body.encode());
        } else {
            String text = message != null ? message : PAGE_REASONS.getOrDefault(status, "出错了");
            pages.renderError(ctx, status, text);
        }
    }

    static boolean wantsJson(RoutingContext ctx) {
        String path = ctx.request().path();
        if (path != null && (path.startsWith("/api/") || path.equals("/health"))) {
            return true;
        }
        String accept = ctx.request().getHeader("Accept");
        return accept == null || !accept.contains("text/html");
    }

    private static String pgMessage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PgException pg) {
                return pg.getErrorMessage();
            }
        }
        return String.valueOf(t.getMessage());
    }
}
