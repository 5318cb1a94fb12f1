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
        table.page(HttpMethod.GET, "/progress", RouteTable.roles(Role.trainee), shell("我的进步", "响应时间、3分钟回复率、打字速度、礼貌分和规则分的变化趋势。"));
        table.page(HttpMethod.GET, "/dashboard", RouteTable.roles(Role.manager, Role.admin), shell("团队看板", "按学员和批次查看 KPI 记分卡,判断谁可以上岗。"));
    }

    private void root(RoutingContext ctx) {
        User user = CurrentUser.of(ctx);
        ctx.redirect(user == null ? "/login" : user.role().home());
    }

    private io.vertx.core.Handler<RoutingContext> shell(String title, String purpose) {
        return ctx -> pages.render(ctx, "shell", Map.of("title", title, "purpose", purpose));
    }
}
