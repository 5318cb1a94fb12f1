package io.kefutrainer.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefutrainer.scenario.model.Branch;
import io.kefutrainer.scenario.model.Condition;
import io.kefutrainer.scenario.model.Ending;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.Step;
import io.kefutrainer.scenario.model.Templates;
import io.kefutrainer.scenario.model.TranscriptTest;
import io.kefutrainer.scenario.yaml.Diagnostic;
import io.kefutrainer.scenario.yaml.DidYouMean;
import io.kefutrainer.scenario.yaml.Position;
import io.kefutrainer.scenario.yaml.YamlDocument;
import io.kefutrainer.scoring.ExpectedFact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.kefutrainer.scenario.yaml.YamlDocument.child;

/** Checks the schema cannot express: targets exist, everything is reachable, ids resolve, prices make sense. */
final class SemanticChecks {

    private final YamlDocument doc;
    private final Scenario scenario;
    private final ContentIds ids;
    private final List<Diagnostic> out = new ArrayList<>();
    private final Set<String> targets = new LinkedHashSet<>();
    private final Map<String, String> variables;

    SemanticChecks(YamlDocument doc, Scenario scenario, ContentIds ids) {
        this.doc = doc;
        this.scenario = scenario;
        this.ids = ids;
        targets.addAll(scenario.steps().keySet());
        targets.addAll(scenario.endings().keySet());
        this.variables = Templates.variables(scenario);
    }

    List<Diagnostic> run() {
        checkStart();
        checkProduct();
        checkRules();
        checkPersona();
        for (Step step : scenario.steps().values()) {
            checkStep(step);
        }
        for (Ending ending : scenario.endings().values()) {
            String pointer = child("/endings", ending.id());
            if (scenario.steps().containsKey(ending.id())) {
                error(doc.keyAt(pointer), "'" + ending.id() + "' is both a step and an ending; rename one of them");
            }
            checkLines(pointer);
        }
        checkReachability();
        checkTests();
        return out;
    }

    private void checkStart() {
        if (!scenario.steps().containsKey(scenario.start())) {
            error(doc.at("/start"), "start step '" + scenario.start() + "' does not exist"
                    + DidYouMean.hint(scenario.start(), scenario.steps().keySet()));
        }
    }

    private void checkProduct() {
        Double floor = scenario.product().floorPrice();
        if (floor != null && floor > scenario.product().price()) {
            error(doc.at("/product/floor_price"), "floor_price " + Templates.number(floor)
                    + " is higher than price " + Templates.number(scenario.product().price()));
        }
    }

    private void checkRules() {
        List<String> rules = scenario.rules();
        ids.rules().ifPresent(known -> {
            for (int i = 0; i < rules.size(); i++) {
                if (!known.contains(rules.get(i))) {
                    error(doc.at(child("/rules", i)), "rule '" + rules.get(i) + "' is not in rules.yaml"
                            + DidYouMean.hint(rules.get(i), known));
                }
            }
        });
    }

    private void checkPersona() {
        List<String> nudges = scenario.persona().nudges();
        for (int i = 0; i < nudges.size(); i++) {
            checkText(nudges.get(i), child("/persona/nudges", i));
        }
    }

    private void checkStep(Step step) {
        String pointer = child("/steps", step.id());
        JsonNode node = doc.root().at(pointer);
        if (node.has("buyer") && node.has("variants")) {
            error(doc.keyAt(child(pointer, "variants")), "use either buyer: or variants:, not both");
        }
        if (step.buyer().isSilent()) {
            // allowed when every way in carries its own buyer lines, which is rare: say so, don't forbid
            warning(doc.keyAt(pointer), "step '" + step.id() + "' has no buyer: lines; the buyer says nothing on entering it");
        }
        checkLines(pointer);
        checkLines(child(pointer, "retry"));
        Set<String> facts = new LinkedHashSet<>();
        for (int i = 0; i < step.expect().size(); i++) {
            ExpectedFact fact = step.expect().get(i);
            if (!facts.add(fact.fact())) {
                error(doc.at(child(child(child(pointer, "expect"), i), "fact")), "fact '" + fact.fact() + "' is expected twice in this step");
            }
            for (int j = 0; j < fact.any().size(); j++) {
                if (fact.any().get(j).isBlank()) {
                    error(doc.at(child(child(child(child(pointer, "expect"), i), "any"), j)), "empty wording in any:");
                }
            }
        }
        if (step.branches().isEmpty()) {
            error(doc.keyAt(pointer), "step '" + step.id() + "' has no branches: the conversation can never leave it");
        }
        boolean fallbackSeen = false;
        for (int i = 0; i < step.branches().size(); i++) {
            Branch branch = step.branches().get(i);
            String bp = child(child(pointer, "branches"), i);
            if (fallbackSeen) {
                warning(doc.at(bp), "branch is never used: an earlier else: always matches");
            }
            checkBranch(branch, bp, facts);
            fallbackSeen |= branch.isFallback() && doc.root().at(bp).has("else");
        }
    }

    private void checkBranch(Branch branch, String pointer, Set<String> facts) {
        JsonNode node = doc.root().at(pointer);
        boolean hasElse = node.has("else");
        boolean hasGoto = node.has("goto");
        if (hasElse && (hasGoto || node.has("when"))) {
            error(doc.at(pointer), "a branch has either when: + goto: or else:, not both");
        } else if (!hasElse && !hasGoto) {
            error(doc.at(pointer), "branch has no goto: (where the conversation goes next)");
        } else if (!hasElse && !node.has("when")) {
            error(doc.keyAt(child(pointer, "goto")), "branch has goto: but no when:; write else: " + branch.target() + " for a branch that always matches");
        }
        if (node.has("buyer") && node.has("variants")) {
            error(doc.keyAt(child(pointer, "variants")), "use either buyer: or variants:, not both");
        }
        if (branch.target() != null && !targets.contains(branch.target())) {
            String key = hasElse ? "else" : "goto";
            error(doc.at(child(pointer, key)), "'" + branch.target() + "' is not a step or ending"
                    + DidYouMean.hint(branch.target(), targets));
        }
        checkLines(pointer);
        if (branch.when() != null) {
            checkCondition(branch.when(), child(pointer, "when"), facts);
        }
    }

    private void checkCondition(Condition when, String pointer, Set<String> facts) {
        checkFactIds(when.has(), child(pointer, "has"), facts);
        checkFactIds(when.missing(), child(pointer, "missing"), facts);
        if (when.offerPrice() != null && scenario.product().floorPrice() == null
                && when.offerPrice() != Condition.OfferPrice.any && when.offerPrice() != Condition.OfferPrice.none) {
            error(doc.at(child(pointer, "offer_price")), "offer_price compares with product.floor_price, which is not set");
        }
        if (when.isSilence() && doc.root().at(pointer).size() > 1) {
            error(doc.at(child(pointer, "silence_s")), "silence_s matches when there is no reply; it cannot be combined with other tests");
        }
        String forbidden = when.forbidden();
        if (forbidden != null && !forbidden.equals(Condition.ANY) && !forbidden.equals(Condition.NONE)) {
            ids.lexicon().ifPresent(known -> {
                if (!known.contains(forbidden)) {
                    error(doc.at(child(pointer, "forbidden")), "lexicon entry '" + forbidden + "' does not exist"
                            + DidYouMean.hint(forbidden, known));
                }
            });
        }
    }

    private void checkFactIds(List<String> used, String pointer, Set<String> facts) {
        boolean list = doc.root().at(pointer).isArray();
        for (int i = 0; i < used.size(); i++) {
            if (!facts.contains(used.get(i))) {
                Position at = doc.at(list ? child(pointer, i) : pointer);
                error(at, "fact '" + used.get(i) + "' is not in this step's expect:" + DidYouMean.hint(used.get(i), facts));
            }
        }
    }

    /** Blank lines and undefined template variables in buyer: / variants: under this node. */
    private void checkLines(String pointer) {
        JsonNode node = doc.root().at(pointer);
        if (node.isTextual() || node.isArray()) {
            // retry: is a burst itself
            checkBurst(node, pointer);
            return;
        }
        if (node.has("buyer")) {
            checkBurst(node.get("buyer"), child(pointer, "buyer"));
        }
        JsonNode variants = node.path("variants");
        for (int i = 0; i < variants.size(); i++) {
            checkBurst(variants.get(i), child(child(pointer, "variants"), i));
        }
        JsonNode system = node.path("system");
        if (system.isTextual()) {
            checkNotice(system.asText(), child(pointer, "system"));
        }
        for (int i = 0; system.isArray() && i < system.size(); i++) {
            checkNotice(system.get(i).asText(), child(child(pointer, "system"), i));
        }
    }

    private void checkBurst(JsonNode burst, String pointer) {
        if (burst.isTextual()) {
            checkText(burst.asText(), pointer);
        }
        for (int i = 0; i < burst.size(); i++) {
            checkText(burst.get(i).asText(), child(pointer, i));
        }
    }

    private void checkText(String text, String pointer) {
        if (text.isBlank()) {
            error(doc.at(pointer), "empty buyer line");
            return;
        }
        if (isNarration(text)) {
            // "(买家申请平台介入并给了差评)" would reach the trainee as the buyer speaking and the scorer as buyer words
            error(doc.at(pointer), "buyer line is narration in brackets; write what happens off the chat as system: "
                    + "(a grey notice, never the buyer's words) and trainer notes in description:");
        } else if (hasTrailingNote(text)) {
            warning(doc.at(pointer), "buyer line ends with a bracketed remark that reads like a trainer's note; "
                    + "move notes to description: and what happens off the chat to system:");
        }
        checkVariables(text, pointer);
    }

    private void checkNotice(String text, String pointer) {
        if (text.isBlank()) {
            error(doc.at(pointer), "empty system notice");
            return;
        }
        checkVariables(text, pointer);
    }

    /** A whole line in round brackets, full-width or not: stage directions, not something a buyer types. */
    static boolean isNarration(String text) {
        String t = text.strip();
        return t.length() >= 2 && (t.charAt(0) == '(' || t.charAt(0) == '（')
                && (t.charAt(t.length() - 1) == ')' || t.charAt(t.length() - 1) == '）');
    }

    /** "…晚了我找平台(这类承诺是投诉的源头)": a remark of six or more characters in brackets closing the line. */
    static boolean hasTrailingNote(String text) {
        java.util.regex.Matcher m = TRAILING_NOTE.matcher(text.strip());
        return m.find() && m.group(1).codePointCount(0, m.group(1).length()) >= 6;
    }

    private static final java.util.regex.Pattern TRAILING_NOTE = java.util.regex.Pattern.compile("[(（]([^()（）]+)[)）]$");

    private void checkVariables(String text, String pointer) {
        for (String name : Templates.references(text)) {
            if (!variables.containsKey(name)) {
                error(doc.at(pointer), "template variable {" + name + "} is not defined"
                        + DidYouMean.hint(name, variables.keySet()));
            }
        }
    }

    private void checkReachability() {
        Set<String> reached = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(scenario.start());
        // patience running out leads to `lost` from anywhere
        queue.add(Scenario.LOST);
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (!reached.add(id)) {
                continue;
            }
            scenario.step(id).ifPresent(step -> step.branches().forEach(b -> {
                if (b.target() != null && !reached.contains(b.target())) {
                    queue.add(b.target());
                }
            }));
        }
        for (String id : scenario.steps().keySet()) {
            if (!reached.contains(id)) {
                error(doc.keyAt(child("/steps", id)), "step '" + id + "' cannot be reached from start '" + scenario.start() + "'");
            }
        }
        for (String id : scenario.endings().keySet()) {
            if (!reached.contains(id)) {
                error(doc.keyAt(child("/endings", id)), "ending '" + id + "' cannot be reached: no branch goes to it");
            }
        }
    }

    private void checkTests() {
        if (scenario.tests().isEmpty()) {
            warning(doc.at(""), "no tests: write at least a good path and a failing one");
            return;
        }
        for (int i = 0; i < scenario.tests().size(); i++) {
            TranscriptTest test = scenario.tests().get(i);
            String pointer = child(child("/tests", i), "expect");
            String ending = test.expect().ending();
            if (ending != null && !scenario.endings().containsKey(ending) && !ending.equals(Scenario.LOST)) {
                error(doc.at(child(pointer, "ending")), "ending '" + ending + "' does not exist"
                        + DidYouMean.hint(ending, scenario.endings().keySet()));
            }
            List<String> visits = test.expect().visits();
            for (int j = 0; j < visits.size(); j++) {
                if (!scenario.steps().containsKey(visits.get(j))) {
                    error(doc.at(child(child(pointer, "visits"), j)), "step '" + visits.get(j) + "' does not exist"
                            + DidYouMean.hint(visits.get(j), scenario.steps().keySet()));
                }
            }
        }
    }

    private void error(Position at, String message) {
        out.add(Diagnostic.error(doc.file(), at, message));
    }

    private void warning(Position at, String message) {
        out.add(Diagnostic.warning(doc.file(), at, message));
    }
}
