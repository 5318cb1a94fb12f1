package io.kefutrainer.web;

import io.kefutrainer.account.Role;
import io.kefutrainer.scenario.CatalogSnapshot;
import io.kefutrainer.scenario.ScenarioGraph;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.yaml.Diagnostic;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scenario list for everyone signed in, and the trainer pages: validation status and diagrams. */
final class ScenarioRoutes {
    private static final Set<Role> TRAINERS = RouteTable.roles(Role.trainer, Role.admin);

    /** One file on the trainer page. */
    public record FileRow(String path, String scenarioId, String title, String status, List<String> messages) {
    }

    private final Pages pages;
    private final LiveContent content;

    ScenarioRoutes(Pages pages, LiveContent content) {
        this.pages = pages;
        this.content = content;
    }

    void register(RouteTable table) {
        table.api(HttpMethod.GET, "/api/scenarios", RouteTable.SIGNED_IN, this::list);
        table.page(HttpMethod.GET, "/trainer/scenarios", TRAINERS, this::trainerList);
        table.page(HttpMethod.GET, "/trainer/scenarios/:id", TRAINERS, this::trainerScenario);
    }

    private void list(RoutingContext ctx) {
        JsonArray array = new JsonArray();
        for (CatalogSnapshot.Summary s : content.catalog().summaries()) {
            array.add(new JsonObject().put("id", s.id()).put("title", s.title()).put("category", s.category())
                    .put("difficulty", s.difficulty()).put("tags", new JsonArray(s.tags())));
        }
        ctx.response().putHeader("Content-Type", "application/json; charset=utf-8").end(array.encode());
    }

    private void trainerList(RoutingContext ctx) {
        CatalogSnapshot catalog = content.catalog();
        Path root = content.dir();
        List<FileRow> rows = new ArrayList<>();
        for (CatalogSnapshot.FileStatus f : catalog.files().values()) {
            Scenario s = f.scenarioId() == null ? null : catalog.scenarios().get(f.scenarioId());
            String status = f.valid() ? (f.diagnostics().isEmpty() ? "valid" : "warnings") : f.stale() ? "stale" : "invalid";
            rows.add(new FileRow(relative(root, f.file()), f.scenarioId(), s == null ? "" : s.title(), status,
                    f.diagnostics().stream().map(Diagnostic::format).toList()));
        }
        List<String> shared = catalog.diagnostics().stream()
                .filter(d -> !catalog.files().containsKey(d.file()))
                .map(Diagnostic::format).toList();
        Map<String, Object> model = new HashMap<>();
        model.put("files", rows);
        model.put("shared", shared);
        model.put("version", catalog.version());
        model.put("loadedAt", catalog.loadedAt().toString());
        model.put("count", catalog.scenarios().size());
        model.put("dir", root.toString());
        pages.render(ctx, "trainer-scenarios", model);
    }

    private void trainerScenario(RoutingContext ctx) {
        Scenario scenario = content.catalog().scenario(ctx.pathParam("id"))
                .orElseThrow(() -> new HttpError(404, "没有这个场景"));
        ScenarioGraph.Graph graph = ScenarioGraph.of(scenario);
        JsonObject data = new JsonObject()
                .put("nodes", new JsonArray(graph.nodes().stream().map(n -> new JsonObject()
                        .put("id", n.id()).put("kind", n.kind()).put("label", n.label())
                        .put("column", n.column()).put("row", n.row())).toList()))
                .put("edges", new JsonArray(graph.edges().stream().map(e -> new JsonObject()
                        .put("from", e.from()).put("to", e.to()).put("label", e.label()).put("fallback", e.fallback())).toList()));
        Map<String, Object> model = new HashMap<>();
        model.put("scenario", scenario);
        model.put("graphJson", data.encode());
        model.put("path", relative(content.dir(), scenario.source()));
        pages.render(ctx, "trainer-scenario", model);
    }

    private static String relative(Path root, Path file) {
        try {
            return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }
}
