package io.kefutrainer.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefutrainer.scenario.model.Branch;
import io.kefutrainer.scenario.model.BuyerLines;
import io.kefutrainer.scenario.model.Condition;
import io.kefutrainer.scenario.model.Ending;
import io.kefutrainer.scenario.model.Mood;
import io.kefutrainer.scenario.model.Order;
import io.kefutrainer.scoring.Outcome;
import io.kefutrainer.scenario.model.Persona;
import io.kefutrainer.scenario.model.Product;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.Step;
import io.kefutrainer.scenario.model.Templates;
import io.kefutrainer.scenario.model.TranscriptTest;
import io.kefutrainer.yaml.YamlDocument;
import io.kefutrainer.scoring.ExpectedFact;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.kefutrainer.yaml.YamlDocument.child;

/**
 * Builds the model from a document that already passed the schema, so shapes are known;
 * defaults for optional keys are applied here and documented in scenarios/README.md.
 */
final class ScenarioReader {

    static final int DEFAULT_PATIENCE_S = 60;
    static final int DEFAULT_MAX_NUDGES = 2;
    static final int DEFAULT_FACT_POINTS = 10;

    private final YamlDocument doc;

    ScenarioReader(YamlDocument doc) {
        this.doc = doc;
    }

    Scenario read() {
        JsonNode root = doc.root();
        Map<String, Step> steps = new LinkedHashMap<>();
        root.path("steps").fields().forEachRemaining(e ->
                steps.put(e.getKey(), step(e.getKey(), e.getValue(), child("/steps", e.getKey()))));
        Map<String, Ending> endings = new LinkedHashMap<>();
        root.path("endings").fields().forEachRemaining(e ->
                endings.put(e.getKey(), ending(e.getKey(), e.getValue(), child("/endings", e.getKey()))));
        List<TranscriptTest> tests = new ArrayList<>();
        JsonNode testsNode = root.path("tests");
        for (int i = 0; i < testsNode.size(); i++) {
            tests.add(test(testsNode.get(i), child("/tests", i)));
        }
        return new Scenario(root.path("id").asText(), root.path("title").asText(), root.path("category").asText(),
                root.path("difficulty").asInt(1), strings(root.path("tags")),
                persona(root.path("persona")), product(root.path("product")),
                root.has("order") ? order(root.path("order")) : null,
                strings(root.path("rules")), root.path("start").asText(), steps, endings, tests,
                doc.file(), doc.at(""), root.path("trainee_first").asBoolean(false),
                root.path("draft").asBoolean(false));
    }

    private Persona persona(JsonNode n) {
        return new Persona(n.path("name").asText(), mood(n.path("mood"), Mood.calm),
                n.path("patience_s").asInt(DEFAULT_PATIENCE_S), n.path("max_nudges").asInt(DEFAULT_MAX_NUDGES),
                strings(n.path("nudges")), strings(n.path("offended")), doc.at("/persona"));
    }

    private Product product(JsonNode n) {
        Double floor = n.has("floor_price") ? n.path("floor_price").asDouble() : null;
        return new Product(n.path("title").asText(), n.path("price").asDouble(), floor,
                textMap(n.path("size_chart")), textMap(n.path("facts")), doc.at("/product"));
    }

    private Order order(JsonNode n) {
        List<Order.TrackingEvent> events = new ArrayList<>();
        n.path("events").forEach(e -> events.add(new Order.TrackingEvent(e.path("time").asText(), e.path("text").asText())));
        return new Order(text(n, "id"), text(n, "status"), text(n, "paid_at"), text(n, "carrier"), text(n, "tracking"),
                text(n, "address"), events, doc.at("/order"));
    }

    private Step step(String id, JsonNode n, String pointer) {
        List<ExpectedFact> expect = new ArrayList<>();
        n.path("expect").forEach(f -> expect.add(new ExpectedFact(f.path("fact").asText(), strings(f.path("any")),
                f.path("points").asInt(DEFAULT_FACT_POINTS), f.hasNonNull("label") ? f.path("label").asText() : null)));
        n.path("avoid").forEach(f -> expect.add(new ExpectedFact(f.path("fact").asText(), strings(f.path("any")),
                f.path("points").asInt(DEFAULT_FACT_POINTS), f.hasNonNull("label") ? f.path("label").asText() : null,
                true, f.hasNonNull("because") ? f.path("because").asText() : null)));
        List<Branch> branches = new ArrayList<>();
        JsonNode bs = n.path("branches");
        for (int i = 0; i < bs.size(); i++) {
            branches.add(branch(bs.get(i), child(child(pointer, "branches"), i)));
        }
        return new Step(id, lines(n), expect, branches, burstAsLines(n.path("retry")), doc.at(pointer));
    }

    private Branch branch(JsonNode n, String pointer) {
        Condition when = n.has("when") ? condition(n.path("when"), child(pointer, "when")) : null;
        String target = n.has("else") ? n.path("else").asText() : text(n, "goto");
        Mood mood = n.has("mood") ? mood(n.path("mood"), null) : null;
        return new Branch(when, target, lines(n), mood, doc.at(pointer));
    }

    private Condition condition(JsonNode n, String pointer) {
        return new Condition(bool(n, "impolite"), bool(n, "apology"), flagOrId(n.get("forbidden")),
                flagOrId(n.get("violation")), strings(n.path("has")), strings(n.path("missing")),
                n.has("offer_price") ? Condition.OfferPrice.valueOf(n.path("offer_price").asText()) : null,
                n.has("silence_s") ? n.path("silence_s").asInt() : null,
                n.has("attempts") ? n.path("attempts").asInt() : null, doc.at(pointer));
    }

    private Ending ending(String id, JsonNode n, String pointer) {
        Integer satisfaction = n.has("satisfaction") ? n.path("satisfaction").asInt() : null;
        return new Ending(id, Outcome.valueOf(n.path("outcome").asText()), satisfaction, lines(n), doc.at(pointer));
    }

    private TranscriptTest test(JsonNode n, String pointer) {
        List<TranscriptTest.Input> inputs = new ArrayList<>();
        JsonNode replies = n.path("replies");
        for (int i = 0; i < replies.size(); i++) {
            JsonNode r = replies.get(i);
            String p = child(child(pointer, "replies"), i);
            inputs.add(r.isObject() ? new TranscriptTest.Input(null, r.path("silence_s").asInt(), doc.at(p))
                    : new TranscriptTest.Input(r.asText(), null, doc.at(p)));
        }
        JsonNode e = n.path("expect");
        TranscriptTest.Expectation expect = new TranscriptTest.Expectation(text(e, "ending"),
                e.has("outcome") ? Outcome.valueOf(e.path("outcome").asText()) : null,
                e.has("mood") ? mood(e.path("mood"), null) : null,
                e.has("min_satisfaction") ? e.path("min_satisfaction").asInt() : null,
                strings(e.path("visits")), doc.at(child(pointer, "expect")));
        return new TranscriptTest(n.path("name").asText(), n.path("seed").asLong(1), inputs, expect, doc.at(pointer));
    }

    /**
     * `buyer:` (one burst) or `variants:` (alternative bursts) of a step, branch or ending, with its `system:`
     * notices (narration shown as grey text after the lines, never as the buyer's words).
     */
    private static BuyerLines lines(JsonNode n) {
        List<String> system = strings(n.path("system"));
        if (n.has("variants")) {
            List<List<String>> variants = new ArrayList<>();
            n.path("variants").forEach(v -> variants.add(strings(v)));
            return new BuyerLines(variants, system);
        }
        BuyerLines buyer = burstAsLines(n.path("buyer"));
        return system.isEmpty() ? buyer : new BuyerLines(buyer.variants(), system);
    }

    private static BuyerLines burstAsLines(JsonNode burst) {
        return burst.isMissingNode() || burst.isNull() ? BuyerLines.NONE : new BuyerLines(List.of(strings(burst)));
    }

    /** true → "*" (any), false → "" (none), text → that id, absent → null (not tested). */
    private static String flagOrId(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (n.isBoolean()) {
            return n.asBoolean() ? Condition.ANY : Condition.NONE;
        }
        return n.asText();
    }

    private static Mood mood(JsonNode n, Mood fallback) {
        return n.isTextual() ? Mood.valueOf(n.asText()) : fallback;
    }

    private static Boolean bool(JsonNode n, String key) {
        return n.has(key) ? n.path(key).asBoolean() : null;
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** A string or a list of strings, as a list. */
    static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n.isArray()) {
            n.forEach(item -> out.add(item.asText()));
        } else if (n.isValueNode() && !n.isNull()) {
            out.add(n.asText());
        }
        return out;
    }

    private static Map<String, String> textMap(JsonNode n) {
        Map<String, String> out = new LinkedHashMap<>();
        n.fields().forEachRemaining(e -> out.put(e.getKey(), plain(e.getValue())));
        return out;
    }

    /** 159.0 read from YAML `159` prints as 159 in templates. */
    private static String plain(JsonNode v) {
        if (v.isNumber()) {
            return Templates.number(v.asDouble());
        }
        return v.asText();
    }
}
