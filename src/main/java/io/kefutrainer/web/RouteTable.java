package io.kefutrainer.web;

import io.kefutrainer.account.Role;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The map of the product: every route with its roles. Capabilities add their lines through {@link #page}/{@link #api}. */
public final class RouteTable {

    public static final Set<Role> PUBLIC = Set.of();
    public static final Set<Role> SIGNED_IN = Set.copyOf(EnumSet.allOf(Role.class));

    /** Default body limit: forms and JSON requests are small; larger bodies are declared per route. */
    public static final long SMALL_BODY = 64 * 1024;

    private final List<RouteSpec> specs = new ArrayList<>();

    public RouteTable page(HttpMethod method, String path, Set<Role> roles, Handler<RoutingContext> handler) {
        return add(new RouteSpec(method, path, roles, false, true, SMALL_BODY, false, handler));
    }

    public RouteTable api(HttpMethod method, String path, Set<Role> roles, Handler<RoutingContext> handler) {
        return add(new RouteSpec(method, path, roles, true, true, SMALL_BODY, false, handler));
    }

    public RouteTable add(RouteSpec spec) {
        specs.add(spec);
        return this;
    }

    public List<RouteSpec> specs() {
        return List.copyOf(specs);
    }

    public static Set<Role> roles(Role... roles) {
        return Set.of(roles);
    }
}
