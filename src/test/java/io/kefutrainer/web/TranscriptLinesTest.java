package io.kefutrainer.web;

import io.kefutrainer.practice.SessionEvent;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a manager reads on a transcript line beside the reply (the drill-down 团队看板 → 学员 → 会话). */
class TranscriptLinesTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2026-11-02T10:00:00+08:00");

    private static SessionEvent reply(int seq, String text, String metrics) {
        return new SessionEvent(seq, SessionEvent.TRAINEE, "reply", text, T0.plusSeconds(20), "start", "c" + seq, metrics, null, 20_000, null);
    }

    @Test
    @DisplayName("a pasted reply says how many characters were pasted; a typed one says nothing about pasting")
    void pastedRepliesAreMarked() {
        SessionEvent buyer = new SessionEvent(1, SessionEvent.BUYER, "line", "有黑色吗", T0, "start", null, null, null, null, null);
        List<TranscriptLines.Line> lines = TranscriptLines.lines(List.of(buyer,
                reply(2, "亲,有的哦,黑色现货", "{\"committed\":0,\"pasted\":9,\"quickPhrase\":0}"),
                reply(3, "今天下单今天发", "{\"committed\":7,\"pasted\":0,\"quickPhrase\":0}")), new JsonObject(), io.kefutrainer.scenario.Vocabulary.empty());
        assertEquals(List.of("粘贴 9 字(不计入打字速度)"), lines.get(1).notes());
        assertTrue(lines.get(2).notes().stream().noneMatch(n -> n.contains("粘贴")), lines.get(2).notes().toString());
    }

    @Test
    @DisplayName("a scenario's system: notice is a system line on the transcript and in the API, never the buyer's words")
    void noticesAreSystemLines() {
        SessionEvent buyer = new SessionEvent(1, SessionEvent.BUYER, "ending", "我要投诉", T0, null, null, null, null, null, null);
        SessionEvent notice = new SessionEvent(2, SessionEvent.SYSTEM, SessionEvent.NOTICE, "买家申请平台介入并给了差评",
                T0.plusSeconds(1), null, null, null, null, null, null);
        SessionEvent silence = new SessionEvent(3, SessionEvent.SYSTEM, "silence", "", T0.plusSeconds(2), "start", null, null, null, null, 90);
        List<TranscriptLines.Line> lines = TranscriptLines.lines(List.of(buyer, notice), new JsonObject(), io.kefutrainer.scenario.Vocabulary.empty());
        assertEquals(List.of("buyer", "system"), lines.stream().map(TranscriptLines.Line::from).toList());
        assertEquals("买家申请平台介入并给了差评", lines.get(1).segments().get(0).text());
        var json = PracticeJson.messages(List.of(buyer, notice, silence), false);
        assertEquals(2, json.size(), "the silence marker stays internal; the notice is shown");
        assertEquals("system", json.getJsonObject(1).getString("from"));
        assertEquals("system", json.getJsonObject(1).getString("kind"));
    }
}
