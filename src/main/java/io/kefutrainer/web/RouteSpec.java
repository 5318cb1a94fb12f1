package io.kefutrainer.web;

import io.kefutrainer.account.Role;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * One line of the route table: who may call it and how large its body may be. Every route is declared
 * this way, so the role checks and the tests that walk the table cannot miss one.
 *
 * @param roles     who may call it; empty = anyone, including anonymous callers
 * @param api       JSON API (401/403 as JSON) rather than a browser page (redirect to the sign-in page)
 * @param csrf      state-changing browser requests must carry the session's CSRF token; false only for
 *                  endpoints that never read the session cookie (API token issue)
 * @param bodyLimit largest accepted request body in bytes
 * @param uploads   accepts multipart file uploads (written to a temporary directory, deleted at the end)
 */
public record RouteSpec(HttpMethod method, String path, Set<Role> roles, boolean api, boolean csrf,
                        long bodyLimit, boolean uploads, Handler<RoutingContext> handler) {

    public boolean isPublic() {
        return roles.isEmpty();
    }

    public boolean changesState() {
        return method != HttpMethod.GET && method != HttpMethod.HEAD && method != HttpMethod.OPTIONS;
    }
}
