package io.kefutrainer.scenario.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.DidYouMean;
import io.kefutrainer.yaml.Position;
import io.kefutrainer.yaml.YamlDocument;
import io.kefutrainer.scenario.model.Templates;

import java.util.List;
import java.util.Map;

import static io.kefutrainer.yaml.YamlDocument.child;

/** Checks of what the buyer says: blank lines, narration and trainer notes in brackets, template variables. */
final class BuyerLineChecks {

    private final YamlDocument doc;
    private final Map<String, String> variables;
    private final List<Diagnostic> out;

    BuyerLineChecks(YamlDocument doc, Map<String, String> variables, List<Diagnostic> out) {
        this.doc = doc;
        this.variables = variables;
        this.out = out;
    }

    /** Blank lines and undefined template variables in buyer: / variants: under this node. */
    void check(String pointer) {
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

    void checkText(String text, String pointer) {
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

    private void error(Position at, String message) {
        out.add(Diagnostic.error(doc.file(), at, message));
    }

    private void warning(Position at, String message) {
        out.add(Diagnostic.warning(doc.file(), at, message));
    }
}
