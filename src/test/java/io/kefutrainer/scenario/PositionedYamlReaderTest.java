package io.kefutrainer.scenario;

import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.Position;
import io.kefutrainer.yaml.PositionedYamlReader;
import io.kefutrainer.yaml.YamlDocument;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("PositionedYamlReader: YAML to JSON tree with line:col of every node")
class PositionedYamlReaderTest {

    private final PositionedYamlReader reader = new PositionedYamlReader();
    private final Path file = Path.of("x.yaml");

    private PositionedYamlReader.Result read(String yaml) {
        return reader.read(file, yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("values and keys keep 1-based positions, by JSON pointer")
    void positions() {
        YamlDocument doc = read("a: 1\nsteps:\n  ask:\n    buyer: [\"在吗\", \"亲\"]\n").document().orElseThrow();
        assertEquals(new Position(4, 13), doc.at("/steps/ask/buyer/0"));
        assertEquals(new Position(4, 19), doc.at("/steps/ask/buyer/1"));
        assertEquals(new Position(4, 5), doc.keyAt("/steps/ask/buyer"));
        assertEquals(new Position(4, 5), doc.at("/steps/ask/nothing"), "falls back to the nearest ancestor");
        assertEquals(new Position(3, 3), doc.keyAt("/steps/ask"));
        assertEquals(1L, doc.root().path("a").asLong());
    }

    @Test
    @DisplayName("a duplicate key is an error at the second key")
    void duplicateKey() {
        PositionedYamlReader.Result r = read("id: a\ntitle: t\nid: b\n");
        assertEquals("x.yaml:3:1: error: 键 'id' 重复了(第一次写在第 1 行):删掉一个,或者给它换个名字", r.diagnostics().get(0).format());
    }

    @Test
    @DisplayName("an empty file is an error at 1:1")
    void emptyFile() {
        assertEquals("x.yaml:1:1: error: 文件是空的", read("# only a comment\n").diagnostics().get(0).format());
    }

    @Test
    @DisplayName("an alias bomb is refused, not expanded")
    void aliasBomb() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'k'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i > 0 ? ", " : "").append('*').append(prev);
            }
            yaml.append("]\n");
            prev = c;
        }
        PositionedYamlReader.Result r = read(yaml.toString());
        assertTrue(r.document().isEmpty());
        assertTrue(r.diagnostics().get(0).isError());
    }

    @Test
    @DisplayName("random bytes and mangled YAML never throw: always a positioned diagnostic or a document")
    void garbageNeverThrows() {
        Random random = new Random(42);
        String sample = "id: a\nsteps:\n  ask: {buyer: \"在吗\", branches: [{else: done}]}\n";
        for (int i = 0; i < 500; i++) {
            byte[] bytes;
            if (i % 2 == 0) {
                bytes = new byte[random.nextInt(200)];
                random.nextBytes(bytes);
            } else {
                char[] chars = sample.toCharArray();
                for (int k = 0; k < 3; k++) {
                    String noise = "[]{}:,&*!|>'\"\t-#%@`";
                    chars[random.nextInt(chars.length)] = noise.charAt(random.nextInt(noise.length()));
                }
                bytes = new String(chars).getBytes(StandardCharsets.UTF_8);
            }
            PositionedYamlReader.Result r = reader.read(file, bytes);
            assertFalse(r.document().isEmpty() && r.diagnostics().isEmpty(), "either a document or a reason");
            for (Diagnostic d : r.diagnostics()) {
                assertTrue(d.position().line() >= 1 && d.position().column() >= 1);
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "unclosed quote        | a: 'x\\nb: 1\\n                          | 1:4 | 第 1 行第 4 列开始的引号没有配对",
            "unclosed bracket      | a: [x, y\\nb: 1\\n                       | 1:4 | 第 1 行第 4 列开始的 方括号 [ … ] 没有正确结束",
            "tab                   | a:\\n\\tb: 1\\n                          | 2:1 | 第 2 行用了 Tab 缩进",
            "value under a value   | a: x\\n  b: 1\\n                         | 2:3 | 缩进不对:第 2 行的 b 比第 1 行缩进多,但第 1 行的 a 后面已经写了值",
            "list item too far out | a:\\n  - x\\n - y\\n                       | 3:2 | 缩进不对:第 3 行的 列表项 - 应与第 2 行的 - 对齐",
            "key under a list      | e:\\n  - {f: 1}\\n  b: 1\\n                  | 3:3 | 缩进不对:第 3 行的 b 应与第 1 行的 e 对齐",
    })
    @DisplayName("common YAML mistakes are explained in Chinese at the line to fix")
    void syntaxInChinese(String what, String yaml, String at, String message) {
        var d = read(yaml.strip().replace("\\n", "\n").replace("\\t", "\t")).diagnostics();
        assertEquals(1, d.size(), d.toString());
        assertEquals(at, d.get(0).position().toString(), d.toString());
        assertTrue(d.get(0).message().startsWith(message), d.get(0).message());
    }
}
