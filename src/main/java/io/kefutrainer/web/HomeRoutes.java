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
        table.page(HttpMethod.GET, "/exams", RouteTable.roles(Role.trainee), shell("考试", "岗前考试与规则测验,限时作答,交卷后查看解析与错题本。"));
        table.page(HttpMethod.GET, "/trainer/quizzes", RouteTable.roles(Role.trainer, Role.admin), shell("题库", "题库管理、GIFT/Aiken 导入导出和考试设置。"));
    }

    private void root(RoutingContext ctx) {
        User user = CurrentUser.of(ctx);
        ctx.redirect(user == null ? "/login" : user.role().home());
    }

    private io.vertx.core.Handler<RoutingContext> shell(String title, String purpose) {
        return ctx -> pages.render(ctx, "shell", Map.of("title", title, "purpose", purpose));
    }
}
