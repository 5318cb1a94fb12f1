package io.kefutrainer.web;

import io.kefutrainer.account.Role;
import io.kefutrainer.account.User;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** The home page of each role. Pages not built yet say so plainly instead of pretending. */
final class HomeRoutes {
    private final Pages pages;

    HomeRoutes(Pages pages) {
        this.pages = pages;
    }

    void register(RouteTable table) {
        table.page(HttpMethod.GET, "/", RouteTable.PUBLIC, this::root);
    }

    private void root(RoutingContext ctx) {
        User user = CurrentUser.of(ctx);
        ctx.redirect(user == null ? "/login" : user.role().home());
    }

}
