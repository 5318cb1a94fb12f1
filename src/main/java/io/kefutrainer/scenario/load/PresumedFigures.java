package io.kefutrainer.scenario.load;

import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.YamlDocument;
import io.kefutrainer.scenario.model.Branch;
import io.kefutrainer.scenario.model.BuyerLines;
import io.kefutrainer.scenario.model.Product;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.Step;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.kefutrainer.yaml.YamlDocument.child;

/** A semantic check of its own: figures a buyer line presumes the trainee has said (see {@link #check}). */
final class PresumedFigures {

    private final YamlDocument doc;
    private final Scenario scenario;
    private final List<Diagnostic> out;

    PresumedFigures(YamlDocument doc, Scenario scenario, List<Diagnostic> out) {
        this.doc = doc;
        this.scenario = scenario;
        this.out = out;
    }

    private static final java.util.regex.Pattern FIGURE = java.util.regex.Pattern.compile("(?<![\\d.])\\d+(?:\\.\\d+)?(?![\\d.])");

    /**
     * A buyer who asks "93.6?" on a path where the trainee never gave that price (issue 16). A figure in a buyer
     * line that the trainee is meant to say (it is in some expect: wording) and that nothing the trainee sees gives
     * (product, order, persona, notices, the opening lines) must be required by every way into the line: the branch
     * that enters the step, or carries the line, has: a point whose wordings contain the figure.
     */
    void check() {
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

    private void warning(io.kefutrainer.yaml.Position at, String message) {
        out.add(Diagnostic.warning(doc.file(), at, message));
    }
}
