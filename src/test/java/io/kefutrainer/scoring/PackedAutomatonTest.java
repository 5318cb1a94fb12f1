package io.kefutrainer.scoring;

import com.hankcs.algorithm.AhoCorasickDoubleArrayTrie;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Packed phrase automaton")
class PackedAutomatonTest {

    private static List<String> hitsOfLibrary(AhoCorasickDoubleArrayTrie<String> trie, String text) {
        List<String> out = new ArrayList<>();
        trie.parseText(text, (AhoCorasickDoubleArrayTrie.IHit<String>) (start, end, value) -> out.add(start + "-" + end + ":" + value));
        return out;
    }

    private static List<String> hitsOfPacked(PackedAutomaton<String> packed, String text) {
        List<String> out = new ArrayList<>();
        packed.parse(text, (start, end, value) -> out.add(start + "-" + end + ":" + value));
        return out;
    }

    @Test
    @DisplayName("finds what the library's automaton finds, in the same order, on every labelled reply and the content's own phrases")
    void sameHitsAsTheLibrary() throws IOException {
        ScoringContent content = TestContent.CONTENT;
        Map<String, String> keywords = new TreeMap<>();
        for (String k : Scorer.phrases(content)) keywords.put(k, k);
        AhoCorasickDoubleArrayTrie<String> library = new AhoCorasickDoubleArrayTrie<>();
        library.build(keywords);
        PackedAutomaton<String> packed = PackedAutomaton.build(keywords);
        List<String> texts = new ArrayList<>(keywords.keySet());
        texts.add("");
        texts.add("亲亲您好呀,这边给您查一下物流哈~加微信vx123456不行的哦");   // overlapping phrases, failure links
        for (Calibration.Labelled e : LabelledSetTest.read(Path.of("scenarios/model/train/labelled.jsonl"))) {
            texts.add(content.normalizer().normalize(e.text()).text());
        }
        int hits = 0;
        for (String text : texts) {
            List<String> expected = hitsOfLibrary(library, text);
            assertEquals(expected, hitsOfPacked(packed, text), text);
            hits += expected.size();
        }
        assertTrue(hits > 5_000, "the texts exercise the automaton (" + hits + " hits)");
    }
}
