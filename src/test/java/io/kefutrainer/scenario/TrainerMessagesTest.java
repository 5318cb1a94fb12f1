package io.kefutrainer.scenario;

import io.kefutrainer.yaml.Diagnostic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("validate: what a trainer writing alone gets told, in Chinese, at the line to fix")
class TrainerMessagesTest {

    @TempDir
    Path dir;

    private static final String RULES = """
            version: "t-1"
            rules:
              - {id: seven-day-return, title: 七天无理由退货}
              - {id: quality-return-freight, title: 质量问题退货运费由卖家承担}
              - {id: false-promise, title: 禁止虚假承诺, category: false_promise}
              - {id: off-platform, title: 禁止站外交易, category: off_platform}
            """;

    /** A valid scenario; tests replace parts of it. Line numbers below refer to this text. */
    private static final String BASE = """
            id: cui-fu
            title: 催付
            category: after_sales
            difficulty: 2
            persona: {name: 小林, mood: calm}
            product: {title: 保温杯, price: 89}
            start: ask
            steps:
              ask:
                buyer: "在吗"
                expect:
                  - {fact: greet, any: ["您好"]}
                branches:
                  - when: {has: greet}
                    goto: done
                  - else: ask
            endings:
              done: {outcome: converted, buyer: "好的"}
            tests:
              - name: ok
                replies: ["您好"]
                expect: {ending: done}
              - name: silent
                replies: [{silence_s: 300}]
                expect: {ending: lost}
            """;

    private List<Diagnostic> validate(String yaml) throws IOException {
        Files.writeString(dir.resolve("rules.yaml"), RULES);
        Files.createDirectories(dir.resolve("lexicon"));
        Files.writeString(dir.resolve("lexicon/forbidden.yaml"), "kind: forbidden\nentries:\n  - {id: forbidden.ai-mai-bu-mai, phrases: [爱买不买]}\n"
                + "  - {id: forbidden.bu-zhidao, phrases: [不知道]}\n");
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, yaml);
        return ScenarioCatalog.validate(List.of(dir)).diagnostics().stream()
                .filter(d -> d.file().equals(file)).toList();
    }

    private static String errors(List<Diagnostic> ds) {
        return String.join("\n", ds.stream().filter(Diagnostic::isError).map(d -> d.position() + " " + d.message()).toList());
    }

    @Test
    @DisplayName("the base scenario is clean")
    void baseIsClean() throws IOException {
        assertEquals(List.of(), validate(BASE));
    }

    @Test
    @DisplayName("violation: false-promise (a rule id) suggests the category false_promise and says they differ")
    void violationRuleIdSuggestsCategory() throws IOException {
        String e = errors(validate(BASE.replace("when: {has: greet}", "when: {violation: false-promise}")));
        assertTrue(e.startsWith("14:27 "), e);
        assertTrue(e.contains("是不是要写 'false_promise'"), e);
        assertTrue(e.contains("规则 id") && e.contains("不是一回事"), e);
        assertTrue(!e.contains("'false'?"), "never suggests false, which flips the meaning: " + e);
    }

    @Test
    @DisplayName("violation: false-promis (no rule id) still suggests false_promise, not false")
    void violationTypoSuggestsCategory() throws IOException {
        String e = errors(validate(BASE.replace("when: {has: greet}", "when: {violation: false_promis}")));
        assertTrue(e.contains("是不是要写 'false_promise'"), e);
    }

    @Test
    @DisplayName("an unknown rule id far from every id lists the closest valid ids")
    void unknownRuleListsClosest() throws IOException {
        String e = errors(validate(BASE.replace("start: ask", "rules: [return-freight]\nstart: ask")));
        assertTrue(e.contains("规则 'return-freight' 不在 rules.yaml 里"), e);
        assertTrue(e.contains("最接近的规则 id:quality-return-freight"), e);
        assertTrue(e.contains("seven-day-return"), e);
    }

    @Test
    @DisplayName("a rule id with its words swapped suggests the right one, and still lists the closest ids")
    void swappedRuleWords() throws IOException {
        String e = errors(validate(BASE.replace("start: ask", "rules: [return-seven-day]\nstart: ask")));
        assertTrue(e.contains("(是不是要写 'seven-day-return'?);最接近的规则 id:seven-day-return"), e);
    }

    @Test
    @DisplayName("a forbidden: id written without its kind suggests the full lexicon id; a far one lists forbidden ids")
    void lexiconIdWithoutKind() throws IOException {
        String e = errors(validate(BASE.replace("when: {has: greet}", "when: {forbidden: ai-mai-bu-mai}")));
        assertTrue(e.contains("词条 'ai-mai-bu-mai' 在 lexicon/ 里不存在(是不是要写 'forbidden.ai-mai-bu-mai'?)"), e);
        String far = errors(validate(BASE.replace("when: {has: greet}", "when: {forbidden: rude}")));
        assertTrue(far.contains("最接近的禁语词条:forbidden."), far);
    }

    @Test
    @DisplayName("a key indented too far gives 缩进不对 at its own line, naming the key to line up with")
    void indentationTooFar() throws IOException {
        // line 13: "  branches:" becomes indented 6 instead of 4, right after expect:'s list
        String e = errors(validate(BASE.replace("    branches:\n      - when: {has: greet}", "      branches:\n      - when: {has: greet}")));
        assertTrue(e.startsWith("13:7 缩进不对:第 13 行的 branches 应与第 11 行的 expect 对齐(缩进 4 个空格,现在是 6 个)"), e);
    }

    @Test
    @DisplayName("a key indented one space short gives 缩进不对 at its line, not at the block above")
    void indentationShort() throws IOException {
        String e = errors(validate(BASE.replace("    expect:\n", "   expect:\n")));
        assertTrue(e.startsWith("11:4 缩进不对:第 11 行的 expect 应与第 10 行的 buyer 对齐"), e);
    }

    @Test
    @DisplayName("a missing colon is reported on its own line, not on the next one where the parser stops")
    void missingColon() throws IOException {
        String e = errors(validate(BASE.replace("    buyer: \"在吗\"", "    buyer \"在吗\"")));
        assertTrue(e.startsWith("10:5 第 10 行缺少冒号"), e);
    }

    @Test
    @DisplayName("': ' inside an unquoted value asks for quotes")
    void colonInValue() throws IOException {
        String e = errors(validate(BASE.replace("    buyer: \"在吗\"", "    buyer: 亲: 在吗")));
        assertTrue(e.contains("第 10 行的值里有 ': '"), e);
        assertTrue(e.contains("加引号"), e);
    }

    @Test
    @DisplayName("an ASCII comma inside {…} that cut a text short is explained, not reported as an unknown key")
    void commaInFlowMap() throws IOException {
        String e = errors(validate(BASE.replace("{fact: greet, any: [\"您好\"]}", "{fact: greet, any: [\"您好\"], label: 先问好, 再说正事}")));
        assertTrue(e.contains("'再说正事' 不是键:{…} 里的英文逗号"), e);
    }

    @Test
    @DisplayName("one goto typo is one error: what it was meant to reach is not reported as unreachable")
    void gotoTypoOnce() throws IOException {
        String yaml = BASE.replace("goto: done", "goto: next").replace("endings:", """
                  next:
                    buyer: "拍了"
                    branches:
                      - else: done
                endings:""".stripIndent().replace("\nendings:", "\nendings:").indent(0));
        assertEquals(List.of(), validate(yaml).stream().filter(Diagnostic::isError).toList(), "the fixture itself is valid");
        List<Diagnostic> ds = validate(yaml.replace("goto: next", "goto: nxet"));
        List<Diagnostic> errors = ds.stream().filter(Diagnostic::isError).toList();
        assertEquals(1, errors.size(), errors(ds));
        assertTrue(errors.get(0).message().contains("'nxet' 不是步骤也不是结局(是不是要写 'next'?)"), errors(ds));
    }

    @Test
    @DisplayName("{title} is an error that names the dotted variable meant ({product.title})")
    void undottedTemplate() throws IOException {
        String e = errors(validate(BASE.replace("buyer: \"在吗\"", "buyer: \"{title} 还有吗\"")));
        assertTrue(e.contains("{title} 不是模板变量") && e.contains("是不是要写 {product.title}"), e);
    }

    @Test
    @DisplayName("trainee_first: true makes a start step without buyer lines clean; without it the warning says how")
    void traineeFirst() throws IOException {
        String noOpening = BASE.replace("    buyer: \"在吗\"\n", "");
        List<Diagnostic> warned = validate(noOpening);
        assertEquals(1, warned.size(), warned.toString());
        assertTrue(warned.get(0).message().contains("trainee_first: true"), warned.toString());
        assertEquals(List.of(), validate(noOpening.replace("start: ask", "trainee_first: true\nstart: ask")));
        String both = errors(validate(BASE.replace("start: ask", "trainee_first: true\nstart: ask")));
        assertTrue(both.contains("开始步骤 'ask' 就不能有买家开场白"), both);
    }

    @Test
    @DisplayName("a points: 0 'trap' in expect: warns and points to avoid:")
    void zeroPointTrapWarns() throws IOException {
        List<Diagnostic> ds = validate(BASE.replace("      - {fact: greet, any: [\"您好\"]}",
                "      - {fact: greet, any: [\"您好\"]}\n      - {fact: trap, any: [\"包退运费\"], points: 0}"));
        assertEquals(1, ds.size(), ds.toString());
        assertTrue(ds.get(0).message().contains("请把它移到本步的 avoid: 里"), ds.toString());
    }

    @Test
    @DisplayName("avoid: points share the step's id space with expect:")
    void avoidIdsAreChecked() throws IOException {
        String yaml = BASE.replace("    branches:\n      - when: {has: greet}",
                "    avoid:\n      - {fact: greet, any: [\"运费我们出\"], because: 七天无理由运费买家出}\n    branches:\n      - when: {has: greet}");
        String e = errors(validate(yaml));
        assertTrue(e.contains("要点 'greet' 在本步写了两次"), e);
        String ok = BASE.replace("    branches:\n      - when: {has: greet}",
                "    avoid:\n      - {fact: free_return, any: [\"运费我们出\"], because: 七天无理由运费买家出}\n    branches:\n      - when: {has: free_return}\n        goto: done\n      - when: {has: greet}");
        assertEquals("", errors(validate(ok)));
    }

    @Test
    @DisplayName("a buyer line that presumes a price the trainee may not have said warns; requiring it with has: is clean")
    void presumedFigureWarns() throws IOException {
        String presumes = BASE.replace("""
                      - {fact: greet, any: ["您好"]}
                    branches:
                      - when: {has: greet}
                        goto: done
                      - else: ask
                """, """
                      - {fact: greet, any: ["您好"]}
                      - {fact: deal, any: ["71.2", "八折"]}
                    branches:
                      - when: {has: greet}
                        goto: haggle
                      - else: ask
                  haggle:
                    buyer: "71.2还能少吗"
                    branches:
                      - else: done
                """);
        List<Diagnostic> ds = validate(presumes);
        assertTrue(ds.stream().anyMatch(d -> d.message().contains("提到 71.2") && d.message().contains("has:")), ds.toString());
        assertTrue(presumes.contains("- when: {has: greet}\n        goto: haggle"));
        List<Diagnostic> clean = validate(presumes.replace("- when: {has: greet}\n        goto: haggle",
                "- when: {has: [greet, deal]}\n        goto: haggle"));
        assertTrue(clean.stream().noneMatch(d -> d.message().contains("提到 71.2")), clean.toString());
        // a figure the product gives is not presumed
        List<Diagnostic> given = validate(presumes.replace("price: 89", "price: 71.2"));
        assertTrue(given.stream().noneMatch(d -> d.message().contains("提到 71.2")), given.toString());
    }
}
