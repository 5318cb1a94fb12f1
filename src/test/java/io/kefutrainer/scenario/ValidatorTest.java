package io.kefutrainer.scenario;

import io.kefutrainer.yaml.Diagnostic;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("validate: broken scenario files are reported at file:line:col")
class ValidatorTest {

    private static List<String> errors(String file) {
        ScenarioCatalog.Validation v = ScenarioCatalog.validate(List.of(Fixtures.BROKEN.resolve(file)));
        return v.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList();
    }

    @ParameterizedTest(name = "{0} → {1}: {2}")
    @DisplayName("each broken file gives its positioned error")
    @CsvSource(delimiter = '|', value = {
            "broken-goto.yaml        | 23:15 | 'dnoe' 不是步骤也不是结局(是不是要写 'done'?)",
            "syntax-error.yaml       | 3:8   | 第 3 行第 8 列开始的 方括号 [ … ] 没有正确结束",
            "tab-indent.yaml         | 9:1   | 第 9 行用了 Tab 缩进",
            "unknown-key.yaml        | 12:3  | 不认识的键 'flor_price'(是不是要写 'floor_price'?)",
            "unreachable-step.yaml   | 25:3  | 从开始步骤 'ask' 走不到步骤 'orphan'",
            "floor-above-price.yaml  | 11:16 | 底价 floor_price 329 比售价 price 299 还高",
            "empty-buyer-line.yaml   | 26:37 | 买家台词是空的",
            "undefined-template.yaml | 16:19 | 模板变量 {product.titel} 没有定义(是不是要写 'product.title'?)",
            "unknown-rule.yaml       | 6:9   | 规则 'seven_days_return' 不在 rules.yaml 里(是不是要写 'seven_day_return'?)",
            "unknown-lexicon.yaml    | 20:27 | 词条 'ai_mai' 在 lexicon/ 里不存在(是不是要写 'ai_mai_bu_mai'?)",
            "wrong-type.yaml         | 5:13  | 'difficulty' 应该是整数,现在写的是文字",
            "binary.yaml             | 1:1   | 文件不是 UTF-8 文本",
            "control-char.yaml       | 2:11  | 字符 U+0001 不能出现在 YAML 里",
            "narration-line.yaml     | 22:42 | 买家台词是括号里的旁白",
    })
    void positionedError(String file, String position, String message) {
        List<String> errors = errors(file);
        String prefix = Fixtures.BROKEN.resolve(file) + ":" + position + ": error: ";
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(prefix) && e.contains(message)),
                () -> "wanted " + prefix + message + "\n got " + errors);
    }

    @Test
    @DisplayName("the valid fixture has no errors and no warnings")
    void validFixtureIsClean() {
        ScenarioCatalog.Validation v = ScenarioCatalog.validate(List.of(Fixtures.VALID));
        assertEquals(List.of(), v.diagnostics());
        assertEquals(1, v.files().size());
        assertTrue(v.files().get(0).scenario().isPresent());
    }

    @Test
    @DisplayName("the same id in two files is an error in the second file, at its id")
    void duplicateIds() {
        ScenarioCatalog.Validation v = ScenarioCatalog.validate(List.of(Fixtures.ROOT.resolve("duplicate")));
        List<String> errors = v.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::format).toList();
        assertEquals(List.of(Fixtures.ROOT.resolve("duplicate/b.yaml") + ":2:5: error: 场景 id 'shoes-width' 重复了("
                + Fixtures.ROOT.resolve("duplicate/a.yaml") + " 里也用了这个 id)"), errors);
    }

    @Test
    @DisplayName("without rules.yaml and lexicon/ the id checks are skipped with a warning")
    void missingSharedContentWarns() {
        ScenarioCatalog.Validation v = ScenarioCatalog.validate(List.of(Fixtures.ROOT.resolve("duplicate")));
        assertEquals(2, v.warnings());
        assertTrue(v.diagnostics().stream().anyMatch(d -> d.message().startsWith("找不到 rules.yaml")));
    }

    @Test
    @DisplayName("a broken file never stops the others from being checked")
    void wholeCorpusIsChecked() {
        ScenarioCatalog.Validation v = ScenarioCatalog.validate(List.of(Fixtures.BROKEN));
        assertEquals(14, v.files().size());
        assertTrue(v.files().stream().allMatch(f -> f.hasErrors()), "every broken file has an error");
    }
}
