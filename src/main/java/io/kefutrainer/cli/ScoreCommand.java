package io.kefutrainer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefutrainer.content.ScoringFiles;
import io.kefutrainer.scenario.CatalogSnapshot;
import io.kefutrainer.scenario.ScenarioCatalog;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.Step;
import io.kefutrainer.scenario.model.Templates;
import io.kefutrainer.yaml.DidYouMean;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.ExpectedFact;
import io.kefutrainer.scoring.Finding;
import io.kefutrainer.scoring.ReplyInput;
import io.kefutrainer.scoring.Scorer;
import io.kefutrainer.scoring.Violation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * score: one JSON line in, one JSON line out, in order. A bad line gets {"id","error"} and the rest go on.
 * Input: {"id","text","buyer"?,"first"?,"closing"?,"scenario"?,"step"?,"expect"?:[{"fact","any":[...],"points"?}]}.
 * With a scenario step (from --scenario/--step or the line's own keys) the step supplies the expected facts, the
 * buyer's lines (when the line gives none), "first" (the scenario's start step) and the product's floor price.
 */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score replies read as JSON lines on stdin; write one JSON line per reply to stdout.")
public final class ScoreCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(names = "--scenarios", description = "content folder (lexicon/, rules.yaml, rubric.yaml)", defaultValue = "scenarios")
    Path scenarios;

    @Option(names = "--scenario", description = "scenario id whose step supplies expected facts, buyer lines and floor price")
    String scenario;

    @Option(names = "--step", description = "step of --scenario (default: its start step)")
    String step;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public ScoreCommand() {
        this(System.in, System.out, System.err);
    }

    public ScoreCommand(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        if (step != null && scenario == null) {
            err.println("score: --step needs --scenario");
            return 1;
        }
        Scorer scorer = Scorer.create(ScoringFiles.load(scenarios));
        Scenarios catalog = new Scenarios(scenarios);
        StepContext fixed = null;
        if (scenario != null) {
            try {
                fixed = catalog.context(scenario, step);
            } catch (IllegalArgumentException e) {
                err.println("score: " + e.getMessage());
                return 1;
            }
        }
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank()) continue;
            out.println(JSON.writeValueAsString(scoreLine(scorer, catalog, fixed, line)));
        }
        out.flush();
        return 0;
    }

    static ObjectNode scoreLine(Scorer scorer, String line) {
        return scoreLine(scorer, null, null, line);
    }

    /**
     * @param catalog scenarios for lines that name their own "scenario"/"step" (null: such lines are refused)
     * @param fixed   the step of --scenario/--step, or null
     */
    static ObjectNode scoreLine(Scorer scorer, Scenarios catalog, StepContext fixed, String line) {
        JsonNode id = null;
        try {
            JsonNode node = JSON.readTree(line);
            if (node == null || !node.isObject()) return error(null, "expected a JSON object");
            id = node.get("id");
            JsonNode text = node.get("text");
            if (text == null || !text.isTextual()) return error(id, "missing \"text\" (a string)");
            StepContext context = fixed;
            JsonNode sc = node.get("scenario");
            JsonNode st = node.get("step");
            if ((sc != null && !sc.isNull()) || (st != null && !st.isNull())) {
                if (sc != null && !sc.isNull() && !sc.isTextual()) return error(id, "\"scenario\" must be a string");
                if (st != null && !st.isNull() && !st.isTextual()) return error(id, "\"step\" must be a string");
                String scenarioId = sc != null && sc.isTextual() ? sc.asText() : fixed != null ? fixed.scenario() : null;
                if (scenarioId == null) return error(id, "\"step\" needs \"scenario\" (or --scenario)");
                if (catalog == null) return error(id, "no scenarios loaded");
                String stepId = st != null && st.isTextual() ? st.asText()
                        : fixed != null && fixed.scenario().equals(scenarioId) ? fixed.step() : null;
                context = catalog.context(scenarioId, stepId);
            }
            List<String> buyer = buyer(node.get("buyer"));
            if (buyer.isEmpty() && context != null && !node.has("buyer")) buyer = context.buyer();
            boolean first = node.has("first") ? node.get("first").asBoolean(false) : context != null && context.first();
            List<ExpectedFact> expected = node.has("expect") || context == null ? expect(node.get("expect")) : context.expect();
            Annotations a = scorer.score(new ReplyInput(text.asText(), buyer, first, node.path("closing").asBoolean(false),
                    expected, null, null));
            ObjectNode o = render(id, a);
            if (context != null) {
                o.put("scenario", context.scenario());
                o.put("step", context.step());
                if (a.offerPrice() != null && context.floorPrice() != null) {
                    o.put("offer_vs_floor", a.offerPrice() < context.floorPrice() ? "below_floor" : "at_or_above_floor");
                }
            }
            return o;
        } catch (Exception e) {
            return error(id, e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** What a scenario step tells the scorer: expected facts, the buyer's opening lines, first reply, floor price. */
    record StepContext(String scenario, String step, List<ExpectedFact> expect, List<String> buyer, boolean first,
                       Double floorPrice) {
    }

    /** The scenario catalog, loaded on first use (only when a step is asked for). */
    static final class Scenarios {
        private final Path dir;
        private CatalogSnapshot snapshot;

        Scenarios(Path dir) {
            this.dir = dir;
        }

        /** The context of a step; step null = the scenario's start step. Unknown ids: IllegalArgumentException. */
        StepContext context(String scenarioId, String stepId) {
            if (snapshot == null) snapshot = ScenarioCatalog.load(dir);
            Scenario s = snapshot.scenario(scenarioId).orElseThrow(() -> new IllegalArgumentException(
                    "unknown scenario '" + scenarioId + "'" + DidYouMean.hint(scenarioId, snapshot.scenarios().keySet())));
            String id = stepId == null ? s.start() : stepId;
            Step step = s.step(id).orElseThrow(() -> new IllegalArgumentException("unknown step '" + id + "' in scenario '"
                    + scenarioId + "'" + DidYouMean.hint(id, s.steps().keySet()) + "; steps: " + String.join(", ", s.steps().keySet())));
            List<String> buyer = new ArrayList<>();
            if (!step.buyer().isSilent()) {
                Map<String, String> vars = Templates.variables(s);
                for (String raw : step.buyer().variants().get(0)) buyer.add(Templates.render(raw, vars));
            }
            return new StepContext(s.id(), id, step.expect(), buyer, id.equals(s.start()), s.product().floorPrice());
        }
    }

    private static List<String> buyer(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) return out;
        if (node.isArray()) node.forEach(n -> out.add(n.asText()));
        else if (node.isTextual()) out.add(node.asText());
        else throw new IllegalArgumentException("\"buyer\" must be a string or a list of strings");
        return out;
    }

    private static List<ExpectedFact> expect(JsonNode node) {
        List<ExpectedFact> out = new ArrayList<>();
        if (node == null || node.isNull()) return out;
        if (!node.isArray()) throw new IllegalArgumentException("\"expect\" must be a list");
        for (JsonNode f : node) {
            List<String> any = new ArrayList<>();
            f.path("any").forEach(a -> any.add(a.asText()));
            if (!f.hasNonNull("fact") || any.isEmpty()) throw new IllegalArgumentException("each \"expect\" needs \"fact\" and \"any\"");
            out.add(new ExpectedFact(f.get("fact").asText(), any, f.path("points").asInt(0)));
        }
        return out;
    }

    static ObjectNode render(JsonNode id, Annotations a) {
        ObjectNode o = JSON.createObjectNode();
        o.set("id", id);
        ObjectNode p = o.putObject("politeness");
        p.put("score", a.politeness().score());
        p.put("verdict", a.politeness().verdict().name());
        ArrayNode findings = p.putArray("findings");
        for (Finding f : a.politeness().findings()) {
            ObjectNode n = findings.addObject();
            n.put("type", f.type());
            n.put("start", f.start());
            n.put("end", f.end());
            n.put("entry", f.entry());
            n.put("advice", f.advice());
            n.put("points", f.points());
        }
        ArrayNode violations = o.putArray("violations");
        for (Violation v : a.violations()) {
            ObjectNode n = violations.addObject();
            n.put("category", v.category());
            n.put("rule", v.rule());
            n.put("start", v.start());
            n.put("end", v.end());
            n.put("advice", v.advice());
        }
        ObjectNode facts = o.putObject("facts");
        a.facts().expected().forEach(facts.putArray("expected")::add);
        a.facts().matched().forEach(facts.putArray("matched")::add);
        a.facts().missing().forEach(facts.putArray("missing")::add);
        if (!a.facts().said().isEmpty()) {
            // a step's must-not points (avoid:) the reply made; absent when none, so older readers see no change
            a.facts().said().forEach(facts.putArray("said")::add);
        }
        if (a.offerPrice() != null) o.put("offer_price", a.offerPrice());
        return o;
    }

    private static ObjectNode error(JsonNode id, String message) {
        ObjectNode o = JSON.createObjectNode();
        o.set("id", id);
        o.put("error", message);
        return o;
    }
}
