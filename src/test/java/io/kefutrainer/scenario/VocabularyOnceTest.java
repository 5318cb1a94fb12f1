package io.kefutrainer.scenario;

import io.kefutrainer.content.VocabularyReader;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sibling of KpiNamesTest#noSecondCopy for the words of labels.yaml that pages, coach and scripts show most. */
@DisplayName("categories, violation categories and finding types are named once, in scenarios/labels.yaml")
class VocabularyOnceTest {
    private static final List<String> KINDS = List.of("category", "violation", "finding");
    private static final List<Path> ROOTS = List.of(Path.of("src/main/java"), Path.of("src/main/resources/templates"),
            Path.of("webroot/js"));
    // Words that happen to equal a label but are not ours to rename: a seller's product export names its size-chart
    // column 尺码 whatever this product calls the category.
    private static final Map<String, Set<String>> NOT_OURS = Map.of(
            "io/kefutrainer/importing/ProductReader.java", Set.of("尺码"));

    @Test
    @DisplayName("no Java, template or script of the product spells one of those words as a string or cell of its own")
    void noSecondCopy() throws IOException {
        Map<String, Map<String, String>> all = VocabularyReader.load(Path.of("scenarios")).all();
        List<String> labels = new ArrayList<>();
        KINDS.forEach(kind -> labels.addAll(all.get(kind).values()));
        assertFalse(labels.isEmpty());
        List<String> found = new ArrayList<>();
        for (Path root : ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String name = root.relativize(f).toString().replace('\\', '/');
                    List<String> lines = Files.readAllLines(f);
                    for (int i = 0; i < lines.size(); i++) {
                        if (comment(lines.get(i))) continue;
                        for (String label : labels) {
                            if (NOT_OURS.getOrDefault(name, Set.of()).contains(label)) continue;
                            // as a whole string or cell: "尺码", '站外交易', >禁语<, "冷淡(cold…"
                            Pattern p = Pattern.compile("[\"'>]" + Pattern.quote(label) + "([\"'<(]|$)");
                            if (p.matcher(lines.get(i)).find()) found.add(name + ":" + (i + 1) + ": " + label);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /** A comment may name a word to explain itself; it is not a second copy anybody reads on a page. */
    private static boolean comment(String line) {
        String t = line.strip();
        return t.startsWith("//") || t.startsWith("*") || t.startsWith("/*") || t.startsWith("<#--");
    }

    @Test
    @DisplayName("the guard sees a spelled word: a category label quoted in a script line is found")
    void guardBites() {
        Pattern p = Pattern.compile("[\"'>]" + Pattern.quote("物流") + "([\"'<(]|$)");
        assertTrue(p.matcher("opt.textContent = '物流';").find());
        assertFalse(p.matcher("o.appendChild(h('h2', null, '订单与物流'));").find());
    }
}
