package io.kefutrainer.scoring;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Typing and response speed")
class SpeedTest {

    private static Speed speed(String reply, TypingMetrics t, Long responseMs) {
        return TestContent.SCORER.score(new ReplyInput(reply, List.of(), false, false, List.of(), t, responseMs)).speed();
    }

    @Test
    @DisplayName("typed 字/分钟 counts Han characters over active minutes; response time comes from the server")
    void typedSpeed() {
        String reply = "亲您好有的哦黑色M码和L码都有现货呢";   // 18 characters
        Speed s = speed(reply, new TypingMetrics(20, 18, 0, 0, 2, 18_000, 2_000L), 21_000L);
        assertEquals(60.0, s.typedCpm(), 0.01);
        assertEquals(0.9, s.accuracy(), 0.01);
        assertTrue(s.plausible());
        assertEquals(21_000L, s.responseMs());
    }

    @Test
    @DisplayName("pasted and quick-phrase text is not typing")
    void pastesApart() {
        String reply = "亲,您好~很高兴为您服务,有什么可以帮您的吗";
        Speed s = speed(reply, new TypingMetrics(0, 0, 0, reply.length(), 0, 0, null), 3_000L);
        assertNull(s.typedCpm());
        assertTrue(s.plausible());
    }

    @Test
    @DisplayName("several hundred 字/分钟 with no paste is not plausible")
    void implausible() {
        String reply = "亲这款是纯棉的面料很舒服透气性也很好的夏天穿刚刚好哦";
        Speed s = speed(reply, new TypingMetrics(26, 26, 0, 0, 0, 3_000, 1_000L), 5_000L);
        assertTrue(s.typedCpm() > 300);
        assertFalse(s.plausible());
    }

    @Test
    @DisplayName("text that was neither typed, pasted nor a quick phrase is not plausible")
    void unaccountedText() {
        String reply = "亲这款是纯棉的面料很舒服透气性也很好的夏天穿刚刚好哦";
        assertFalse(speed(reply, new TypingMetrics(4, 4, 0, 0, 0, 10_000, 1_000L), 12_000L).plausible());
    }

    @Test
    @DisplayName("no metrics and no response time: no speed")
    void none() {
        assertNull(speed("好的", null, null));
    }
}
