package io.kefutrainer.content;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefutrainer.scenario.Vocabulary;
import io.kefutrainer.yaml.PositionedYamlReader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The part of scenarios/README.md that lists rule ids, violation categories and the wordings the scorer counts
 * as impolite, generated from rules.yaml and lexicon/ so it never drifts from the content.
 */
public final class TrainerReference {

    public static final String BEGIN = "<!-- BEGIN generated: trainer-reference (java -jar target/kefu-trainer.jar trainer-reference --write; 请勿手改) -->";
    public static final String END = "<!-- END generated: trainer-reference -->";

    private static final int EXAMPLES = 4;

    private TrainerReference() {
    }

    /** The generated section for the scenarios root `dir`, markers included. */
    public static String render(Path dir) {
        StringBuilder b = new StringBuilder();
        b.append(BEGIN).append("\n\n");
        rules(b, read(dir.resolve("rules.yaml")));
        lexicon(b, dir.resolve("lexicon"), VocabularyReader.load(dir));
        b.append(END);
        return b.toString();
    }

    /** README text with its generated section replaced (appended when the markers are missing). */
    public static String splice(String readme, String section) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        if (begin < 0 || end < begin) {
            return readme.stripTrailing() + "\n\n" + section + "\n";
        }
        return readme.substring(0, begin) + section + readme.substring(end + END.length());
    }

    /** The generated section as it stands in the README, or "" when absent. */
    public static String current(String readme) {
        int begin = readme.indexOf(BEGIN);
        int end = readme.indexOf(END);
        return begin < 0 || end < begin ? "" : readme.substring(begin, end + END.length());
    }

    private static void rules(StringBuilder b, JsonNode root) {
        b.append("### 规则 id 与违规类别\n\n");
        b.append("**规则 id**(连字符,如 `false-promise`)写在场景顶层 `rules:` 里,或写成要点的说法 `rule:<id>`"
                + "(代表这条规则的全部「懂规则」说法);**违规类别**(下划线,如 `false_promise`)写在 `when: {violation: …}` 里。"
                + "两者不是一回事:`violation: false-promise` 会报错。没有类别的规则是知识点,说错不算违规。"
                + "违规是必过项:出现任何违规,整场练习不通过。\n\n");
        b.append("| 规则 id | 标题 | 违规类别 | 会被判违规的说法(举例) | 建议说法 |\n|---|---|---|---|---|\n");
        List<String> categories = new ArrayList<>();
        for (JsonNode rule : root.path("rules")) {
            String category = rule.path("category").asText("");
            if (!category.isEmpty() && !categories.contains(category)) {
                categories.add(category);
            }
            b.append("| `").append(rule.path("id").asText()).append("` | ").append(cell(rule.path("title").asText()))
                    .append(" | ").append(category.isEmpty() ? "—(知识点)" : "`" + category + "`")
                    .append(" | ").append(category.isEmpty() ? "—" : examples(rule.path("violation").path("phrases")))
                    .append(" | ").append(cell(rule.path("advice").asText(""))).append(" |\n");
        }
        b.append("\n`violation:` 可写:`true`(任一违规)、`false`(没有违规)");
        for (String c : categories) {
            b.append("、`").append(c).append('`');
        }
        b.append("。\n\n");
    }

    /** Sections named by the finding words of labels.yaml, the same words the coach and the transcript show. */
    private static void lexicon(StringBuilder b, Path dir, Vocabulary words) {
        b.append("### 评分器判为不礼貌的说法\n\n");
        b.append("回复里出现下面的说法会扣礼貌分;禁语和推卸责任的说法会让回复被判为不礼貌(`when: {impolite: true}`)。"
                + "分支里用 `forbidden: 词条id` 测某一条禁语,`forbidden: true` 测任一条。例子只列前几个,完整列表见 `lexicon/`。\n\n");
        section(b, read(dir.resolve("forbidden.yaml")), words.finding("forbidden") + "(forbidden,可写在 `when: {forbidden: …}`)", "不礼貌");
        section(b, read(dir.resolve("blame.yaml")), words.finding("blame") + "(blame)", "总是不礼貌");
        section(b, read(dir.resolve("curt.yaml")), "只回一两个字(curt:整条回复只有这个词)", null);
        section(b, read(dir.resolve("cold.yaml")), words.finding("cold") + "(cold:整条回复没有任何礼貌用语时才算)", "扣分");
    }

    private static void section(StringBuilder b, JsonNode root, String title, String when) {
        if (root.isMissingNode()) {
            return;
        }
        b.append("**").append(title).append("**\n\n| 词条 id | 什么时候算 | 说法(举例) | 建议说法 |\n|---|---|---|---|\n");
        for (JsonNode e : root.path("entries")) {
            String impolite = e.path("impolite").asText("");
            String rule = when != null ? when
                    : impolite.equals("always") ? "总是不礼貌" : impolite.equals("complaint") ? "买家在抱怨时不礼貌" : "扣分";
            if (e.path("clause_end").asBoolean(false)) {
                rule += ";只在一句话末尾时算";
            }
            if (e.path("softenable").asBoolean(false)) {
                rule += ";同一句里有致歉或软化的话时不算";
            }
            b.append("| `").append(e.path("id").asText()).append("` | ").append(rule).append(" | ")
                    .append(examples(e.path("phrases"))).append(" | ").append(cell(e.path("advice").asText(""))).append(" |\n");
        }
        b.append('\n');
    }

    private static String examples(JsonNode phrases) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < phrases.size() && out.size() < EXAMPLES; i++) {
            out.add("「" + cell(phrases.get(i).asText()) + "」");
        }
        return out.isEmpty() ? "(见 rules.yaml 的 patterns)" : String.join(" ", out);
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ").strip();
    }

    private static JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        PositionedYamlReader.Result r = new PositionedYamlReader().read(file);
        return r.document().map(d -> d.root()).orElseThrow(() -> new IllegalStateException(
                file + ": " + r.diagnostics()));
    }
}
