package io.kefutrainer.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefutrainer.scenario.model.Condition;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.PositionedYamlReader;
import io.kefutrainer.yaml.Position;
import io.kefutrainer.yaml.YamlDocument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import io.kefutrainer.yaml.DidYouMean;
import java.util.List;
import java.util.Optional;

/** Reads, schema-checks, builds and semantically checks one scenario file. Never throws. */
public final class ScenarioFileLoader {

    private static final SchemaCheck SCHEMA = SchemaCheck.fromResource(SchemaCheck.SCENARIO_SCHEMA);

    private final PositionedYamlReader reader = new PositionedYamlReader();

    public ScenarioFile load(Path file, ContentIds ids) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        String id = null;
        Position idAt = null;
        try {
            PositionedYamlReader.Result read = reader.read(file);
            diagnostics.addAll(read.diagnostics());
            if (read.document().isEmpty()) {
                return new ScenarioFile(file, null, null, Optional.empty(), diagnostics);
            }
            YamlDocument doc = read.document().get();
            JsonNode idNode = doc.root().path("id");
            id = idNode.isTextual() ? idNode.asText() : null;
            idAt = id != null ? doc.at("/id") : null;
            if (!doc.root().isObject()) {
                diagnostics.add(Diagnostic.error(file, doc.at(""), "场景文件应该是一组 键: 值(id:、title:、steps: …)"));
                return new ScenarioFile(file, id, idAt, Optional.empty(), diagnostics);
            }
            Diagnostic product = resolveProduct(doc, ids);
            if (product != null) {
                diagnostics.add(product);
                return new ScenarioFile(file, id, idAt, Optional.empty(), diagnostics);
            }
            List<Diagnostic> schemaProblems = violationHints(doc, SCHEMA.check(doc), ids);
            diagnostics.addAll(schemaProblems);
            if (!schemaProblems.isEmpty() || hasErrors(diagnostics)) {
                // the model needs the shapes the schema promises; semantic checks wait until those are right
                return new ScenarioFile(file, id, idAt, Optional.empty(), diagnostics);
            }
            Scenario scenario = new ScenarioReader(doc).read();
            diagnostics.addAll(new SemanticChecks(doc, scenario, ids).run());
            diagnostics.sort(Diagnostic.ORDER);
            return new ScenarioFile(file, id, idAt, hasErrors(diagnostics) ? Optional.empty() : Optional.of(scenario), diagnostics);
        } catch (RuntimeException | StackOverflowError e) {
            diagnostics.add(Diagnostic.error(file, Position.START, "检查这个文件时出了内部错误:" + e));
            return new ScenarioFile(file, id, idAt, Optional.empty(), diagnostics);
        }
    }

    /**
     * `product: p-…` names an imported product (products/ID.yaml, written by import-products): its card replaces
     * the id before the schema check, so the rest of the loader sees an inline product. Null when there is nothing
     * to resolve or it resolved; else the error, at the `product:` line.
     */
    private Diagnostic resolveProduct(YamlDocument doc, ContentIds ids) {
        JsonNode value = doc.root().get("product");
        if (value == null || !value.isTextual()) {
            return null;
        }
        String productId = value.asText().strip();
        Path productFile = ids.products().get(productId);
        if (productFile == null) {
            String hint = ids.products().isEmpty()
                    ? "(" + ContentIds.PRODUCTS_DIR + "/ 里还没有商品:先在「导入」页或用 import-products 导入商品表)"
                    : DidYouMean.hint(productId, ids.products().keySet());
            return Diagnostic.error(doc.file(), doc.at("/product"), "product: 商品 '" + productId + "' 不在 "
                    + ContentIds.PRODUCTS_DIR + "/ 里" + hint + ";也可以直接写商品卡片(title:、price: …)");
        }
        PositionedYamlReader.Result read = reader.read(productFile);
        JsonNode card = read.document().map(YamlDocument::root).orElse(null);
        if (hasErrors(read.diagnostics()) || card == null || !card.isObject()) {
            String why = read.diagnostics().stream().filter(Diagnostic::isError).findFirst().map(Diagnostic::format)
                    .orElse(productFile + ":1:1: 应该是一组 键: 值(title:、price: …)");
            return Diagnostic.error(doc.file(), doc.at("/product"), "product: 商品文件有错误:" + why);
        }
        ObjectNode copy = ((ObjectNode) card).deepCopy();
        copy.remove("id");
        ((ObjectNode) doc.root()).set("product", copy);
        return null;
    }

    /**
     * `violation:` takes a category (false_promise), not a rule id (false-promise): when the value is a rule id
     * or close to a category, the schema's "one of …" becomes a message that says which category is meant.
     */
    private static List<Diagnostic> violationHints(YamlDocument doc, List<Diagnostic> problems, ContentIds ids) {
        Map<Position, String> messages = new HashMap<>();
        doc.root().path("steps").fields().forEachRemaining(step -> {
            JsonNode branches = step.getValue().path("branches");
            for (int i = 0; i < branches.size(); i++) {
                JsonNode value = branches.get(i).path("when").path("violation");
                if (!value.isTextual() || Condition.VIOLATIONS.contains(value.asText())) {
                    continue;
                }
                String pointer = YamlDocument.child(YamlDocument.child(YamlDocument.child(YamlDocument.child(
                        "/steps", step.getKey()), "branches"), i), "when") + "/violation";
                messages.put(doc.at(pointer), violationMessage(value.asText(), ids));
            }
        });
        if (messages.isEmpty()) {
            return problems;
        }
        List<Diagnostic> out = new ArrayList<>();
        for (Diagnostic d : problems) {
            String message = messages.get(d.position());
            out.add(message == null ? d : Diagnostic.error(d.file(), d.position(), message));
        }
        return out;
    }

    static String violationMessage(String value, ContentIds ids) {
        String category = ids.ruleCategories().get(value);
        String base = "violation: 要写违规类别(" + String.join(", ", Condition.VIOLATIONS) + ")或 true/false,不能写 '" + value + "'";
        if (category != null) {
            return base + ":'" + value + "' 是 rules.yaml 里的规则 id,它的违规类别是 '" + category + "'(是不是要写 '" + category
                    + "'?)。规则 id 用连字符 -,违规类别用下划线 _,两者不是一回事";
        }
        if (ids.rules().map(r -> r.contains(value)).orElse(false)) {
            return base + ":'" + value + "' 是 rules.yaml 里的规则 id,但这条规则不算违规(没有类别);规则 id 写在顶层 rules: 里";
        }
        return base + DidYouMean.hint(value, Condition.VIOLATIONS) + "。注意:规则 id(如 false-promise)和违规类别(如 false_promise)不是一回事";
    }

    private static boolean hasErrors(List<Diagnostic> diagnostics) {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
