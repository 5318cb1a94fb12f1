package io.kefutrainer.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefutrainer.scenario.model.Branch;
import io.kefutrainer.scenario.model.Condition;
import io.kefutrainer.scenario.model.Ending;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.Step;
import io.kefutrainer.scenario.model.Templates;
import io.kefutrainer.scenario.model.TranscriptTest;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.DidYouMean;
import io.kefutrainer.yaml.Position;
import io.kefutrainer.yaml.YamlDocument;
import io.kefutrainer.scoring.ExpectedFact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.kefutrainer.yaml.YamlDocument.child;

/** Checks the schema cannot express: targets exist, everything is reachable, ids resolve, prices make sense. */
final class SemanticChecks {

    private final YamlDocument doc;
    private final Scenario scenario;
    private final ContentIds ids;
    private final List<Diagnostic> out = new ArrayList<>();
    private final Set<String> targets = new LinkedHashSet<>();
    private final BuyerLineChecks lines;

    SemanticChecks(YamlDocument doc, Scenario scenario, ContentIds ids) {
        this.doc = doc;
        this.scenario = scenario;
        this.ids = ids;
        targets.addAll(scenario.steps().keySet());
        targets.addAll(scenario.endings().keySet());
        this.lines = new BuyerLineChecks(doc, Templates.variables(scenario), out);
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
                error(doc.keyAt(pointer), "'" + ending.id() + "' 既是步骤又是结局:请改掉其中一个的名字");
            }
            lines.check(pointer);
        }
        checkReachability();
        new PresumedFigures(doc, scenario, out).check();
        checkTests();
        return out;
    }

    private void checkStart() {
        if (!scenario.steps().containsKey(scenario.start())) {
            error(doc.at("/start"), "开始步骤 '" + scenario.start() + "' 不存在"
                    + DidYouMean.hint(scenario.start(), scenario.steps().keySet()));
        }
    }

    private void checkProduct() {
        Double floor = scenario.product().floorPrice();
        if (floor != null && floor > scenario.product().price()) {
            error(doc.at("/product/floor_price"), "底价 floor_price " + Templates.number(floor)
                    + " 比售价 price " + Templates.number(scenario.product().price()) + " 还高");
        }
    }

    private void checkRules() {
        List<String> rules = scenario.rules();
        ids.rules().ifPresent(known -> {
            for (int i = 0; i < rules.size(); i++) {
                String rule = rules.get(i);
                if (!known.contains(rule)) {
                    error(doc.at(child("/rules", i)), unknownRule(rule, known));
                }
            }
        });
    }

    /** "规则 'x' 不在 rules.yaml 里", with the closest id when one is close, and always the nearest few. */
    static String unknownRule(String rule, Set<String> known) {
        String hint = DidYouMean.hint(rule, known);
        String nearest = String.join(", ", DidYouMean.nearest(rule, known, 3));
        return "规则 '" + rule + "' 不在 rules.yaml 里" + hint + ";最接近的规则 id:" + nearest
                + ";全部规则 id 见 scenarios/README.md「规则 id 与违规类别」";
    }

    private void checkPoints(List<ExpectedFact> points, String listPointer, Set<String> facts) {
        for (int i = 0; i < points.size(); i++) {
            ExpectedFact fact = points.get(i);
            String at = child(listPointer, i);
            if (!facts.add(fact.fact())) {
                error(doc.at(child(at, "fact")), "要点 '" + fact.fact() + "' 在本步写了两次(expect: 和 avoid: 里的 id 也不能重复)");
            }
            if (!fact.avoid() && fact.points() == 0 && doc.root().at(child(at, "points")).isNumber()) {
                // the old way of writing a trap: shown to the trainee as 应提到 when left out, i.e. as advice to say it
                warning(doc.at(child(at, "points")), "要点 '" + fact.fact() + "' 写了 points: 0:学员没说到时仍会提示"
                        + "「应提到」。如果这是不该说的话,请把它移到本步的 avoid: 里");
            }
            for (int j = 0; j < fact.any().size(); j++) {
                if (fact.any().get(j).isBlank()) {
                    error(doc.at(child(child(at, "any"), j)), "any: 里有空的说法");
                }
            }
        }
    }

    private void checkPersona() {
        List<String> nudges = scenario.persona().nudges();
        for (int i = 0; i < nudges.size(); i++) {
            lines.checkText(nudges.get(i), child("/persona/nudges", i));
        }
    }

    private void checkStep(Step step) {
        String pointer = child("/steps", step.id());
        JsonNode node = doc.root().at(pointer);
        if (node.has("buyer") && node.has("variants")) {
            error(doc.keyAt(child(pointer, "variants")), "buyer: 和 variants: 只能写一个");
        }
        boolean opening = step.id().equals(scenario.start());
        if (opening && scenario.traineeFirst()) {
            if (!step.buyer().isSilent()) {
                error(doc.keyAt(node.has("buyer") ? child(pointer, "buyer") : child(pointer, "variants")),
                        "写了 trainee_first: true(学员先开口),开始步骤 '" + step.id() + "' 就不能有买家开场白:删掉 buyer:/variants:,"
                                + "或者删掉 trainee_first");
            }
        } else if (step.buyer().isSilent()) {
            // allowed when every way in carries its own buyer lines, which is rare: say so, don't forbid
            warning(doc.keyAt(pointer), opening
                    ? "开始步骤 '" + step.id() + "' 没有 buyer: 台词,买家不会先说话;如果是学员先开口(催付、差评回访、主动推荐),"
                            + "请在顶层写 trainee_first: true"
                    : "步骤 '" + step.id() + "' 没有 buyer: 台词,进入这一步时买家什么也不说");
        }
        lines.check(pointer);
        lines.check(child(pointer, "retry"));
        Set<String> facts = new LinkedHashSet<>();
        checkPoints(step.mustSay(), child(pointer, "expect"), facts);
        checkPoints(step.mustNotSay(), child(pointer, "avoid"), facts);
        if (step.branches().isEmpty()) {
            error(doc.keyAt(pointer), "步骤 '" + step.id() + "' 没有 branches:对话永远离不开这一步");
        }
        boolean fallbackSeen = false;
        for (int i = 0; i < step.branches().size(); i++) {
            Branch branch = step.branches().get(i);
            String bp = child(child(pointer, "branches"), i);
            if (fallbackSeen) {
                warning(doc.at(bp), "这个分支永远用不到:前面的 else: 总会先命中");
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
            error(doc.at(pointer), "一个分支要么写 when: + goto:,要么只写 else:,不能同时写");
        } else if (!hasElse && !hasGoto) {
            error(doc.at(pointer), "分支缺少 goto:(对话接下来去哪一步)");
        } else if (!hasElse && !node.has("when")) {
            error(doc.keyAt(child(pointer, "goto")), "分支有 goto: 但没有 when:;无条件的分支请写 else: " + branch.target());
        }
        if (node.has("buyer") && node.has("variants")) {
            error(doc.keyAt(child(pointer, "variants")), "buyer: 和 variants: 只能写一个");
        }
        if (branch.target() != null && !targets.contains(branch.target())) {
            String key = hasElse ? "else" : "goto";
            error(doc.at(child(pointer, key)), "'" + branch.target() + "' 不是步骤也不是结局"
                    + DidYouMean.hint(branch.target(), targets));
        }
        lines.check(pointer);
        if (branch.when() != null) {
            checkCondition(branch.when(), child(pointer, "when"), facts);
        }
    }

    private void checkCondition(Condition when, String pointer, Set<String> facts) {
        checkFactIds(when.has(), child(pointer, "has"), facts);
        checkFactIds(when.missing(), child(pointer, "missing"), facts);
        if (when.offerPrice() != null && scenario.product().floorPrice() == null
                && when.offerPrice() != Condition.OfferPrice.any && when.offerPrice() != Condition.OfferPrice.none) {
            error(doc.at(child(pointer, "offer_price")), "offer_price 要和 product.floor_price(底价)比较,但没有设置底价");
        }
        if (when.isSilence() && doc.root().at(pointer).size() > 1) {
            error(doc.at(child(pointer, "silence_s")), "silence_s 表示学员没有回复,不能和其他条件一起用");
        }
        String forbidden = when.forbidden();
        if (forbidden != null && !forbidden.equals(Condition.ANY) && !forbidden.equals(Condition.NONE)) {
            ids.lexicon().ifPresent(known -> {
                if (!known.contains(forbidden)) {
                    String hint = DidYouMean.hint(forbidden, known);
                    List<String> forbiddenIds = known.stream().filter(id -> id.startsWith("forbidden.")).toList();
                    error(doc.at(child(pointer, "forbidden")), "词条 '" + forbidden + "' 在 lexicon/ 里不存在" + hint
                            + (hint.isEmpty() && !forbiddenIds.isEmpty() ? ";最接近的禁语词条:"
                            + String.join(", ", DidYouMean.nearest(forbidden, forbiddenIds, 3)) : "")
                            + "(全部禁语词条见 scenarios/README.md)");
                }
            });
        }
    }

    private void checkFactIds(List<String> used, String pointer, Set<String> facts) {
        boolean list = doc.root().at(pointer).isArray();
        for (int i = 0; i < used.size(); i++) {
            if (!facts.contains(used.get(i))) {
                Position at = doc.at(list ? child(pointer, i) : pointer);
                error(at, "要点 '" + used.get(i) + "' 不在本步的 expect:/avoid: 里" + DidYouMean.hint(used.get(i), facts));
            }
        }
    }

    private void checkReachability() {
        Set<String> reached = reach(Map.of());
        // a mistyped goto already has its error; what it was meant to reach is not reported again
        Map<String, String> repairs = new java.util.HashMap<>();
        for (Step step : scenario.steps().values()) {
            for (Branch b : step.branches()) {
                if (b.target() != null && !targets.contains(b.target())) {
                    DidYouMean.closest(b.target(), targets).ifPresent(fix -> repairs.put(b.target(), fix));
                }
            }
        }
        Set<String> reachedOnceFixed = repairs.isEmpty() ? reached : reach(repairs);
        for (String id : scenario.steps().keySet()) {
            if (!reachedOnceFixed.contains(id)) {
                error(doc.keyAt(child("/steps", id)), "从开始步骤 '" + scenario.start() + "' 走不到步骤 '" + id + "':没有分支 goto 到它");
            }
        }
        for (String id : scenario.endings().keySet()) {
            if (!reachedOnceFixed.contains(id)) {
                error(doc.keyAt(child("/endings", id)), "结局 '" + id + "' 走不到:没有分支 goto 到它");
            }
        }
    }

    /** Steps and endings reachable from start (and `lost`), following goto targets renamed by `repairs`. */
    private Set<String> reach(Map<String, String> repairs) {
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
                String target = b.target() == null ? null : repairs.getOrDefault(b.target(), b.target());
                if (target != null && !reached.contains(target)) {
                    queue.add(target);
                }
            }));
        }
        return reached;
    }

    private void checkTests() {
        if (scenario.tests().isEmpty()) {
            warning(doc.at(""), "没有 tests:至少写一条处理得好的对话和一条会失败的对话");
            return;
        }
        for (int i = 0; i < scenario.tests().size(); i++) {
            TranscriptTest test = scenario.tests().get(i);
            String pointer = child(child("/tests", i), "expect");
            String ending = test.expect().ending();
            if (ending != null && !scenario.endings().containsKey(ending) && !ending.equals(Scenario.LOST)) {
                error(doc.at(child(pointer, "ending")), "结局 '" + ending + "' 不存在"
                        + DidYouMean.hint(ending, scenario.endings().keySet()));
            }
            List<String> visits = test.expect().visits();
            for (int j = 0; j < visits.size(); j++) {
                if (!scenario.steps().containsKey(visits.get(j))) {
                    error(doc.at(child(child(pointer, "visits"), j)), "步骤 '" + visits.get(j) + "' 不存在"
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
