package io.kefutrainer.web;

import io.kefutrainer.account.Role;
import io.kefutrainer.content.EngineSettingsReader;
import io.kefutrainer.content.LiveContent;
import io.kefutrainer.scenario.CatalogSnapshot;
import io.kefutrainer.scenario.ScenarioGraph;
import io.kefutrainer.scenario.engine.ReplyContext;
import io.kefutrainer.scenario.engine.ScenarioEngine;
import io.kefutrainer.scenario.engine.Turn;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.yaml.Diagnostic;
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
    // Buyer typing delays mean nothing in a preview: messages come at once.
    private final ScenarioEngine engine = new ScenarioEngine(EngineSettingsReader.defaults().withTyping(0, 0, 0));

    ScenarioRoutes(Pages pages, LiveContent content) {
        this.pages = pages;
        this.content = content;
    }

    void register(RouteTable table) {
        table.api(HttpMethod.GET, "/api/scenarios", RouteTable.SIGNED_IN, this::list);
        table.page(HttpMethod.GET, "/trainer/scenarios", TRAINERS, this::trainerList);
        table.page(HttpMethod.GET, "/trainer/scenarios/:id", TRAINERS, this::trainerScenario);
        table.page(HttpMethod.GET, "/trainer/scenarios/:id/preview", TRAINERS, this::preview);
        table.page(HttpMethod.POST, "/trainer/scenarios/:id/preview", TRAINERS, this::previewReply);
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
        model.put("scoringError", content.scoringError() == null ? "" : content.scoringError());
        pages.render(ctx, "trainer-scenarios", model);
    }

    /** A step of the trainer page: what the buyer says there and each branch in Chinese. */
    public record StepView(io.kefutrainer.scenario.model.Step step, String label, List<BranchView> branches) {
    }

    /** A branch: its condition in words, the target's id (what goto names) and the target in words. */
    public record BranchView(String condition, String target, String targetLabel) {
    }

    private void trainerScenario(RoutingContext ctx) {
        Scenario scenario = content.catalog().scenario(ctx.pathParam("id"))
                .orElseThrow(() -> new HttpError(404, "没有这个场景"));
        io.kefutrainer.scenario.Vocabulary words = content.vocabulary();
        ScenarioGraph.Graph graph = ScenarioGraph.of(scenario, words);
        JsonObject data = new JsonObject()
                .put("nodes", new JsonArray(graph.nodes().stream().map(n -> new JsonObject()
                        .put("id", n.id()).put("kind", n.kind()).put("label", n.label())
                        .put("column", n.column()).put("row", n.row())).toList()))
                .put("edges", new JsonArray(graph.edges().stream().map(e -> new JsonObject()
                        .put("from", e.from()).put("to", e.to()).put("label", e.label()).put("fallback", e.fallback())).toList()));
        Map<String, Object> model = new HashMap<>();
        model.put("scenario", scenario);
        model.put("graphJson", data.encode());
        model.put("file", relative(content.dir(), scenario.source()));
        Map<String, Object> steps = new java.util.LinkedHashMap<>();
        scenario.steps().values().forEach(step -> steps.put(step.id(), new StepView(step, ScenarioGraph.stepLabel(step),
                step.branches().stream().map(b -> new BranchView(ScenarioGraph.describe(b, step, words), b.target(),
                        scenario.steps().containsKey(b.target()) ? ScenarioGraph.stepLabel(scenario.steps().get(b.target()))
                                : ScenarioGraph.endingLabel(scenario, b.target(), words))).toList())));
        model.put("steps", steps.values());
        pages.render(ctx, "trainer-scenario", model);
    }

    /** "Play from this step": the step's buyer lines, and a reply box. */
    private void preview(RoutingContext ctx) {
        Scenario scenario = scenario(ctx);
        String step = stepParam(scenario, ctx.request().getParam("step"));
        Turn turn = engine.startAt(scenario, 1, step);
        Map<String, Object> model = previewModel(scenario, step, turn);
        pages.render(ctx, "trainer-preview", model);
    }

    /** Scores the trainer's reply at that step and shows the annotations and the branch they drove. */
    private void previewReply(RoutingContext ctx) {
        Scenario scenario = scenario(ctx);
        String step = stepParam(scenario, ctx.request().getFormAttribute("step"));
        String text = ctx.request().getFormAttribute("text");
        if (text == null || text.isBlank() || text.length() > 2000) {
            throw HttpError.badRequest("请输入 1–2000 字的回复", "text");
        }
        Turn start = engine.startAt(scenario, 1, step);
        ReplyContext context = engine.context(start.state());
        Annotations annotations = content.scorer().score(context.toReplyInput(text, null, null));
        Turn next = engine.reply(start.state(), annotations, text, System.currentTimeMillis());
        Map<String, Object> model = previewModel(scenario, step, start);
        model.put("reply", text);
        model.put("segments", Highlights.of(text, annotations, content.vocabulary()));
        model.put("annotations", annotations);
        io.kefutrainer.scenario.Vocabulary words = content.vocabulary();
        model.put("branch", branchWords(scenario, step, next.branch(), words));
        model.put("next", next.messages());
        model.put("nextStep", next.state().ended() ? "" : next.state().step());
        model.put("nextLabel", next.state().ended() ? "" : ScenarioGraph.stepLabel(scenario.steps().get(next.state().step())));
        model.put("ending", next.state().ended() ? ScenarioGraph.endingLabel(scenario, next.state().ending(), words) : "");
        pages.render(ctx, "trainer-preview", model);
    }

    private Map<String, Object> previewModel(Scenario scenario, String step, Turn turn) {
        Map<String, Object> model = new HashMap<>();
        model.put("scenario", scenario);
        model.put("step", step);
        model.put("steps", List.copyOf(scenario.steps().keySet()));
        model.put("buyer", turn.messages());
        model.put("expected", scenario.steps().get(step).expect());
        model.put("stepLabel", ScenarioGraph.stepLabel(scenario.steps().get(step)));
        model.put("factWords", PracticeJson.factLabels(scenario).getMap());
        model.put("reply", "");
        return model;
    }

    /** The branch a reply took, in Chinese: its condition as the scenario page words it, and where it led. */
    private static String branchWords(Scenario scenario, String stepId, io.kefutrainer.scenario.engine.BranchTaken taken,
                                      io.kefutrainer.scenario.Vocabulary words) {
        if (taken == null) {
            return "";
        }
        io.kefutrainer.scenario.model.Step step = scenario.steps().get(stepId);
        String why = taken.index() >= 0 && step != null && taken.index() < step.branches().size()
                ? ScenarioGraph.describe(step.branches().get(taken.index()), step, words) : taken.reason();
        String target = taken.target() == null ? "" : scenario.steps().containsKey(taken.target())
                ? ScenarioGraph.stepLabel(scenario.steps().get(taken.target())) : ScenarioGraph.endingLabel(scenario, taken.target(), words);
        return target.isEmpty() ? why : why + " → " + target;
    }

    private Scenario scenario(RoutingContext ctx) {
        return content.catalog().scenario(ctx.pathParam("id")).orElseThrow(() -> new HttpError(404, "没有这个场景"));
    }

    private static String stepParam(Scenario scenario, String step) {
        if (step == null || step.isBlank()) {
            return scenario.start();
        }
        if (!scenario.steps().containsKey(step)) {
            throw new HttpError(404, "场景中没有步骤 " + step);
        }
        return step;
    }

    private static String relative(Path root, Path file) {
        try {
            return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }
}
