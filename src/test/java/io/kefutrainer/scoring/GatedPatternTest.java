package io.kefutrainer.scoring;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Regex gates")
class GatedPatternTest {

    @Test
    @DisplayName("gates are worked out from the regex: required literals and the possible first characters")
    void gatesFromRegex() {
        assertEquals(List.of(List.of("查")), GatedPattern.requiredLiterals("(?:帮您|帮你|可以|能)?查[^,.]{0,8}"));
        assertEquals(List.of(List.of("保证"), List.of("到", "送达")), GatedPattern.requiredLiterals("保证[^,.]{0,6}(?:到|送达)"));
        assertEquals("她他", GatedPattern.firstChars("(?<!x)(?:她|他)的?电话"));
        assertEquals("0123456789", GatedPattern.firstChars("\\d+天"));
        assertEquals(null, GatedPattern.firstChars("(?:她|他)?电话"));
    }

    @Test
    @DisplayName("the digit gate counts the fewest digits a match holds, never more")
    void minDigits() {
        assertEquals(11, GatedPattern.minDigits("(?<!\\d)1[.,/]?[3-9](?:[.,/]?\\d){9}(?!\\d)"));
        assertEquals(5, GatedPattern.minDigits("(?:加|联系|q)[^,.!?;\\d]{0,3}\\d{5,11}(?!\\d)"));
        assertEquals(10, GatedPattern.minDigits("(?<![\\d])0\\d{2,3}\\d{7,8}(?!\\d)|(?:电话|打)[^,.]{0,4}0\\d{2,3}\\d{7,8}"));
        assertEquals(1, GatedPattern.minDigits("\\d+天"));
        assertEquals(0, GatedPattern.minDigits("(?:\\d{3})?保证\\d*"));
        assertEquals(0, GatedPattern.minDigits("\\d{3}|保证"));
        assertEquals(1, GatedPattern.minDigits("第1|(?:12)"));
        assertEquals(3, GatedPattern.minDigits("第1(?:12)"));
        assertEquals(0, GatedPattern.minDigits("[^0-9]{4}"));
    }

    @Test
    @DisplayName("a gate never hides a match: on every labelled reply, each content regex that matches passes its gate")
    void gatesNeverHideMatches() throws IOException {
        ScoringContent c = TestContent.CONTENT;
        List<String> regexes = new ArrayList<>();
        c.rules().forEach(r -> regexes.addAll(r.patterns()));
        c.lexicon().forEach(e -> regexes.addAll(e.patterns()));
        List<GatedPattern> gated = new ArrayList<>();
        for (String r : regexes) gated.add(new GatedPattern(gated.size(), r));
        PhraseIndex index = PhraseIndex.build(c.normalizer(), c.lexicon(), c.rules(), gated);
        int matches = 0;
        for (Calibration.Labelled e : LabelledSetTest.read(Path.of("scenarios/model/train/labelled.jsonl"))) {
            NormalizedText nt = c.normalizer().normalize(e.text());
            PhraseIndex.Scan scan = index.scanWithGates(nt.text());
            ReplyText reply = new ReplyText(nt, scan.hits(), scan.ready(), c.rules().size());
            for (int i = 0; i < gated.size(); i++) {
                if (Pattern.compile(regexes.get(i)).matcher(nt.text()).find()) {
                    matches++;
                    assertTrue(gated.get(i).matches(reply).length > 0, regexes.get(i) + " gated out on " + e.text());
                }
            }
        }
        assertTrue(matches > 50, "the labelled set exercises the regexes (" + matches + " matches)");
    }

    /** Start and end of each non-empty match, as a plain find() loop over the regex gives them. */
    private static List<Integer> plainFind(String regex, String text) {
        List<Integer> out = new ArrayList<>();
        java.util.regex.Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            if (m.end() <= m.start()) continue;
            out.add(m.start());
            out.add(m.end());
        }
        return out;
    }

    private static List<Integer> list(int[] matches) {
        List<Integer> out = new ArrayList<>();
        for (int x : matches) out.add(x);
        return out;
    }

    @Test
    @DisplayName("trying the regex only where a match can start finds what find() finds: lookbehinds see the text before, ^ is the reply's start")
    void startOnlySearchFindsTheSameMatches() throws IOException {
        // a lookbehind reaching before the start, a ^ that must not match mid-text, back-to-back matches
        String[][] cases = {
                {"(?<!快递[^.]{0,4})1[3-9]\\d{9}", "快递员电话13800138000,我的13900139000"},
                {"(?<=^|[,.!?])滚(?=$|[,.!?])", "滚,别滚,滚"},
                {"(?:她|他)的?(?:电话|地址)", "她电话他的地址她的电话"},
        };
        for (String[] c : cases) {
            assertEquals(plainFind(c[0], c[1]), list(new GatedPattern(0, c[0]).matches(c[1])), c[0] + " on " + c[1]);
        }
        assertEquals(List.of(0, 1, 5, 6), list(new GatedPattern(0, cases[1][0]).matches(cases[1][1])), "the ^ case is exercised");
        ScoringContent content = TestContent.CONTENT;
        List<String> regexes = new ArrayList<>();
        content.rules().forEach(r -> regexes.addAll(r.patterns()));
        content.lexicon().forEach(e -> regexes.addAll(e.patterns()));
        int matched = 0;
        List<GatedPattern> gated = new ArrayList<>();
        for (String r : regexes) gated.add(new GatedPattern(gated.size(), r));
        for (Calibration.Labelled e : LabelledSetTest.read(Path.of("scenarios/model/train/labelled.jsonl"))) {
            String text = content.normalizer().normalize(e.text()).text();
            for (int i = 0; i < regexes.size(); i++) {
                List<Integer> expected = plainFind(regexes.get(i), text);
                assertEquals(expected, list(gated.get(i).matches(text)), regexes.get(i) + " on " + text);
                matched += expected.size() / 2;
            }
        }
        assertTrue(matched > 50, "the labelled set exercises the regexes (" + matched + " matches)");
    }
}
