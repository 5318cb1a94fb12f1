package io.kefutrainer.web;

import io.kefutrainer.content.VocabularyReader;
import io.kefutrainer.scenario.Vocabulary;
import io.kefutrainer.scoring.Finding;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Every mark says why, in Chinese, with the colour rule the workbench coach uses too (by points, not by type). */
class HighlightsTest {
    private static final Vocabulary WORDS = VocabularyReader.load(Path.of("scenarios"));

    @Test
    @DisplayName("points earned are good, points lost or a forbidden phrase bad, a finding worth nothing neutral")
    void toneFollowsPoints() {
        assertEquals("good", Highlights.tone(new Finding("greeting", 0, 2, "greeting.nin-hao", null, 5)));
        assertEquals("neutral", Highlights.tone(new Finding("greeting", 0, 2, "greeting.nin-hao", null, 0)));
        assertEquals("bad", Highlights.tone(new Finding("curt", 0, 2, "curt.en", "多说一句", -5)));
        assertEquals("bad", Highlights.tone(new Finding("forbidden", 0, 3, "forbidden.bu-zhidao", "我帮您确认", 0)));
    }

    @Test
    @DisplayName("a note names the finding in Chinese with its points, and a finding worth nothing says so")
    void notesSayWhy() {
        assertEquals("问候 0:不加分(已计过或不计分)", Highlights.note(new Finding("greeting", 0, 2, "greeting.qin", null, 0), WORDS));
        assertEquals("禁语 -10:我帮您确认", Highlights.note(new Finding("forbidden", 0, 3, "forbidden.bu-zhidao", "我帮您确认", -10), WORDS));
        assertEquals("问候 +5", Highlights.note(new Finding("greeting", 0, 2, "greeting.nin-hao", null, 5), WORDS));
    }

    @Test
    @DisplayName("the vocabulary names outcomes one way, rules by their title and lexicon entries by kind and first phrase")
    void vocabulary() {
        assertEquals("成交", WORDS.outcome("converted"));
        assertEquals("禁止引导站外交易和联系", WORDS.rule("off-platform"));
        assertEquals("禁止引导站外交易和联系", WORDS.source("off-platform"));
        assertEquals("问候「亲」等", WORDS.source("greeting.qin"));
        assertEquals("no-such-id", WORDS.category("no-such-id"));
    }
}
