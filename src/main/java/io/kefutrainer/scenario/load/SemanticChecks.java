package io.kefutrainer.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefutrainer.scenario.model.Branch;
import io.kefutrainer.scenario.model.BuyerLines;
import io.kefutrainer.scenario.model.Condition;
import io.kefutrainer.scenario.model.Ending;
import io.kefutrainer.scenario.model.Product;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.Step;
import io.kefutrainer.scenario.model.Templates;
import io.kefutrainer.scenario.model.TranscriptTest;
import io.kefutrainer.content.yaml.Diagnostic;
import io.kefutrainer.content.yaml.DidYouMean;
import io.kefutrainer.content.yaml.Position;
import io.kefutrainer.content.yaml.YamlDocument;
import io.kefutrainer.scoring.ExpectedFact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.kefutrainer.content.yaml.YamlDocument.child;

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
                error(doc.keyAt(pointer), "'" + ending.id() + "' 既是步骤又是结局:请改掉其中一个的名字");
            }
            checkLines(pointer);
        }
        checkReachability();
        checkPresumedFigures();
        checkTests();
        return out;
    }

    private static final java.util.regex.Pattern FIGURE = java.util.regex.Pattern.compile("(?<![\\d.])\\d+(?:\\.\\d+)?(?![\\d.])");

    /**
     * A buyer who asks "93.6?" on a path where the trainee never gave that price (issue 16). A figure in a buyer
     * line that the trainee is meant to say (it is in some expect: wording) and that nothing the trainee sees gives
     * (product, order, persona, notices, the opening lines) must be required by every way into the line: the branch
     * that enters the step, or carries the line, has: a point whose wordings contain the figure.
     */
    private void checkPresumedFigures() {
        StringBuilder seen = new StringBuilder();
        Product p = scenario.product();
        seen.append(p.price()).append(' ').append(p.floorPrice()).append(' ').append(p.title()).append(' ')
                .append(p.sizeChart()).append(' ').append(p.facts()).append(' ').append(scenario.order()).append(' ');
        Step opening = scenario.steps().get(scenario.start());
        if (opening != null) opening.buyer().variants().forEach(v -> seen.append(v).append(' '));
        scenario.steps().values().forEach(s -> seen.append(s.buyer().system()).append(' '));
        Set<String> known = figures(seen.toString());
        Map<String, Map<String, List<String>>> wordings = new java.util.HashMap<>(); // step -> fact -> wordings
        Set<String> expected = new LinkedHashSet<>();
        for (Step s : scenario.steps().values()) {
            Map<String, List<String>> byFact = new java.util.HashMap<>();
            for (var f : s.mustSay()) {
                byFact.put(f.fact(), f.any());
                f.any().forEach(w -> expected.addAll(figures(w)));
            }
            wordings.put(s.id(), byFact);
        }
        for (Step from : scenario.steps().values()) {
            for (int i = 0; i < from.branches().size(); i++) {
                Branch b = from.branches().get(i);
                String bp = child(child(child("/steps", from.id()), "branches"), i);
                BuyerLines lines = !b.buyer().isSilent() ? b.buyer()
                        : scenario.steps().containsKey(b.target()) ? scenario.steps().get(b.target()).buyer() : null;
                if (lines == null) continue;
                Set<String> required = new LinkedHashSet<>();
                if (b.when() != null) {
                    for (String fact : b.when().has()) {
                        wordings.get(from.id()).getOrDefault(fact, List.of()).forEach(w -> required.addAll(figures(w)));
                    }
                }
                for (List<String> burst : lines.variants()) {
                    for (String line : burst) {
                        for (String figure : figures(line)) {
                            if (expected.contains(figure) && !known.contains(figure) && !required.contains(figure)) {
                                warning(doc.at(bp), "买家台词「" + line + "」提到 " + figure + ",但从步骤 '" + from.id()
                                        + "' 走这个分支时学员不一定说过它:在 when: 里加 has: 要求学员先说出这个数,或者改写买家台词");
                            }
                        }
                    }
                }
            }
        }
    }

    private static Set<String> figures(String text) {
        Set<String> out = new LinkedHashSet<>();
        java.util.regex.Matcher m = FIGURE.matcher(text);
        while (m.find()) {
            String f = m.group();
            if (f.endsWith(".0")) f = f.substring(0, f.length() - 2);
            if (f.length() >= 2) out.add(f);
        }
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
            checkText(nudges.get(i), child("/persona/nudges", i));
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
        checkLines(pointer);
        checkLines(child(pointer, "retry"));
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
            error(doc.at(pointer), "买家台词是空的");
            return;
        }
        if (isNarration(text)) {
            // "(买家申请平台介入并给了差评)" would reach the trainee as the buyer speaking and the scorer as buyer words
            error(doc.at(pointer), "买家台词是括号里的旁白:聊天以外发生的事写在 system:(灰色提示,不当作买家说的话),"
                    + "给培训师看的备注写在 description:");
        } else if (hasTrailingNote(text)) {
            warning(doc.at(pointer), "买家台词末尾的括号像是培训师备注:备注移到 description:,"
                    + "聊天以外发生的事写在 system:");
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
                error(doc.at(pointer), "模板变量 {" + name + "} 没有定义"
                        + DidYouMean.hint(name, variables.keySet()));
            }
        }
        for (String name : Templates.undotted(text)) {
            // {title} is left as text by the engine: only {product.title}-style names are variables
            String suggestion = variables.keySet().stream().filter(v -> v.endsWith("." + name)).findFirst()
                    .or(() -> DidYouMean.closest(name, variables.keySet()))
                    .map(v -> ":是不是要写 {" + v + "}?").orElse(":可用的有 {persona.name}、{product.title}、{product.price} 等");
            error(doc.at(pointer), "{" + name + "} 不是模板变量,会原样显示给学员;模板变量要带点,如 {product.title}" + suggestion);
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
