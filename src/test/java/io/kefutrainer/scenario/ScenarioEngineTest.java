package io.kefutrainer.scenario;

import io.kefutrainer.content.EngineSettingsReader;
import io.kefutrainer.scenario.engine.BuyerMessage;
import io.kefutrainer.scenario.engine.ReplyContext;
import io.kefutrainer.scenario.engine.ScenarioEngine;
import io.kefutrainer.scenario.engine.SessionState;
import io.kefutrainer.scenario.engine.Turn;
import io.kefutrainer.scenario.model.Mood;
import io.kefutrainer.scoring.Outcome;
import io.kefutrainer.scenario.model.Scenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("ScenarioEngine: plays a scenario from annotations")
class ScenarioEngineTest {

    private final Scenario bargain = Fixtures.scenario("engine/bargain.yaml");
    private final ScenarioEngine engine = new ScenarioEngine(EngineSettingsReader.defaults().withTyping(400, 200, 6000));
    private final MarkerScorer scorer = new MarkerScorer();

    private Turn reply(SessionState state, String text) {
        ReplyContext ctx = engine.context(state);
        return engine.reply(state, scorer.score(ctx.toReplyInput(text, null, null)), text, 1000);
    }

    private static List<String> texts(Turn turn) {
        return turn.messages().stream().map(BuyerMessage::text).toList();
    }

    @Test
    @DisplayName("the same seed picks the same variants; seeds differ across sessions")
    void seedReproducible() {
        for (long seed = 0; seed < 20; seed++) {
            assertEquals(texts(engine.start(bargain, seed)), texts(engine.start(bargain, seed)));
        }
        Set<List<String>> openings = new HashSet<>();
        for (long seed = 0; seed < 50; seed++) {
            openings.add(texts(engine.start(bargain, seed)));
        }
        assertEquals(4, openings.size(), "all four variants appear over 50 seeds");
    }

    @Test
    @DisplayName("templates are filled and a burst sends several messages with typing delays")
    void templatesAndBursts() {
        Turn start = null;
        for (long seed = 0; seed < 50; seed++) {
            Turn t = engine.start(bargain, seed);
            if (t.messages().size() == 2 && t.messages().get(0).text().equals("在吗")) {
                start = t;
                break;
            }
        }
        assertTrue(start != null, "variant 1 is picked for some seed");
        assertEquals(List.of("在吗", "蓝牙耳机能便宜点不"), texts(start));
        assertEquals(400 + 200 * 2, start.messages().get(0).delayMs());
        assertEquals(400 + 200 * 9, start.messages().get(1).delayMs());
        assertEquals(texts(start), engine.context(start.state()).buyerMessages());
        assertTrue(engine.context(start.state()).first());
        assertEquals(179.0, engine.context(start.state()).floorPrice());
        assertEquals("gift", engine.context(start.state()).expected().get(0).fact());
    }

    @Test
    @DisplayName("first matching branch wins: a violation beats impoliteness listed after it")
    void branchOrder() {
        Turn t = reply(engine.start(bargain, 1).state(), "[impolite][violation:off_platform] 加我微信");
        assertEquals("reported", t.state().ending());
        assertEquals(Outcome.escalated, t.state().outcome());
        assertEquals(2, t.state().satisfaction(), "explicit satisfaction");
        assertEquals(0, t.branch().index());
    }

    @Test
    @DisplayName("an impolite reply makes the buyer angry and the branch line replaces the step's question")
    void impoliteReply() {
        Turn t = reply(engine.start(bargain, 1).state(), "[impolite] 不便宜");
        assertEquals(Mood.angry, t.state().mood());
        assertEquals("ask", t.state().step());
        assertEquals(List.of("什么态度"), texts(t));
        assertFalse(engine.context(t.state()).first());
    }

    @Test
    @DisplayName("forbidden with apology: false only matches when there is no apology")
    void forbiddenAndApology() {
        Turn withApology = reply(engine.start(bargain, 1).state(), "[forbidden:bu_zhi_dao][apology] 抱歉");
        assertEquals(Mood.calm, withApology.state().mood(), "no branch: buyer re-asks, mood unchanged");
        assertEquals(List.of("到底能不能便宜"), texts(withApology));
        Turn without = reply(engine.start(bargain, 1).state(), "[forbidden:bu_zhi_dao] 不知道");
        assertEquals(Mood.anxious, without.state().mood());
    }

    @Test
    @DisplayName("an offer below the floor price and one at or above it take different branches")
    void offerPrice() {
        Turn low = reply(engine.start(bargain, 1).state(), "[offer:150] 150给你");
        assertEquals("too_cheap", low.state().step());
        Turn fair = reply(engine.start(bargain, 1).state(), "[offer:179] 179 再送耳机套");
        assertEquals("deal", fair.state().ending());
        assertEquals(Outcome.converted, fair.state().outcome());
        assertEquals(5, fair.state().satisfaction(), "calm buyer → 5");
        Turn noGift = reply(engine.start(bargain, 1).state(), "[offer:185] 185");
        assertEquals("ask", noGift.state().step(), "has: gift is also required");
    }

    @Test
    @DisplayName("a system: notice follows the buyer's last line as kind system, is never a buyer line and is not scored as one")
    void systemNotice() {
        Turn t = reply(engine.start(bargain, 1).state(), "[violation:off_platform] 加我微信");
        assertEquals("reported", t.state().ending());
        assertEquals(List.of("我要投诉你", "买家截图投诉到平台:蓝牙耳机订单"), texts(t));
        assertEquals(List.of(BuyerMessage.Kind.ending, BuyerMessage.Kind.system),
                t.messages().stream().map(BuyerMessage::kind).toList());
        assertEquals(List.of("我要投诉你"), t.state().awaiting(), "the notice is not something the buyer said");
        var last = t.state().transcript().get(t.state().transcript().size() - 1);
        assertEquals(io.kefutrainer.scenario.engine.TranscriptLine.Speaker.system, last.speaker());
    }

    @Test
    @DisplayName("a branch with only a system: notice replaces the target's lines: the buyer says nothing")
    void branchNoticeOnly() {
        Turn t = reply(engine.start(bargain, 1).state(), "[apology][forbidden:tai_du] 抱歉 你什么态度");
        assertEquals("reported", t.state().ending());
        assertEquals(List.of("买家申请平台介入"), texts(t));
        assertEquals(List.of(BuyerMessage.Kind.system), t.messages().stream().map(BuyerMessage::kind).toList());
        assertEquals(List.of(), t.state().awaiting());
    }

    @Test
    @DisplayName("attempts: the third reply that matches nothing ends the talk")
    void attempts() {
        SessionState s = engine.start(bargain, 1).state();
        s = reply(s, "嗯").state();
        s = reply(s, "嗯嗯").state();
        assertEquals(2, s.attemptsAt("ask"));
        Turn third = reply(s, "嗯嗯嗯");
        assertEquals("gave_up", third.state().ending());
        assertEquals(Outcome.lost, third.state().outcome());
    }

    @Test
    @DisplayName("a silence_s branch fires once; then nudges lower the mood; patience exhausted → lost")
    void silenceNudgesAndPatience() {
        SessionState s = engine.start(bargain, 1).state();
        assertTrue(engine.silence(s, 10).messages().isEmpty(), "nothing before 20 s");
        Turn branch = engine.silence(s, 20);
        assertEquals(List.of("不说话是不能便宜吗"), texts(branch));
        s = branch.state();
        // the branch's line restarts the caller's clock
        assertTrue(engine.silence(s, 25).messages().isEmpty(), "the silence branch does not fire twice, patience is 30 s");
        Turn nudge = engine.silence(s, 31);
        assertEquals(BuyerMessage.Kind.nudge, nudge.messages().get(0).kind());
        assertEquals(Mood.anxious, nudge.state().mood());
        assertTrue(engine.silence(nudge.state(), 40).messages().isEmpty(), "a nudge is not repeated for the same period");
        Turn second = engine.silence(nudge.state(), 61);
        assertEquals(Mood.angry, second.state().mood());
        assertEquals(2, second.state().nudgesSent());
        Turn gone = engine.silence(second.state(), 91);
        assertEquals("lost", gone.state().ending());
        assertEquals(Outcome.lost, gone.state().outcome());
        assertEquals(1, gone.state().satisfaction());
        assertFalse(gone.messages().isEmpty(), "the built-in lost line is said");
    }

    @Test
    @DisplayName("a reply resets the nudges; a branch into a step sends that step's lines")
    void replyResetsWait() {
        SessionState s = engine.start(bargain, 1).state();
        s = engine.silence(s, 20).state();
        s = engine.silence(s, 31).state();
        assertEquals(1, s.nudgesSent());
        assertTrue(engine.context(s).buyerMessages().contains(s.transcript().get(s.transcript().size() - 1).text()),
                "the nudge is part of what the reply answers");
        Turn low = reply(s, "[offer:100]");
        assertEquals(0, low.state().nudgesSent());
        assertEquals(List.of("这么便宜?那我多拍几个"), texts(low));
        assertEquals(List.of("ask", "ask", "too_cheap"), low.state().visited(), "the silence branch re-entered ask");
    }

    @Test
    @DisplayName("states are immutable: an old state replays to the same result")
    void immutableStates() {
        SessionState s = engine.start(bargain, 7).state();
        Turn a = reply(s, "[impolite]");
        Turn b = reply(s, "[impolite]");
        assertEquals(a.state(), b.state());
        assertNotEquals(s, a.state());
        assertEquals(Mood.calm, s.mood());
    }

    @Test
    @DisplayName("time up (班次结束): a buyer still waiting is lost; an ended conversation stays as it was")
    void timeUp() {
        SessionState s = engine.start(bargain, 3).state();
        Turn up = engine.timeUp(s);
        assertTrue(up.ended());
        assertEquals(ScenarioEngine.TIME_UP, up.state().ending());
        assertEquals(io.kefutrainer.scoring.Outcome.lost, up.state().outcome());
        assertTrue(up.state().satisfaction() <= 2, "a lost buyer gives at most 2");
        assertTrue(up.messages().isEmpty(), "the buyer says nothing more: the shift is over");
        assertEquals(up.state(), engine.timeUp(up.state()).state());
    }

    @Test
    @DisplayName("points said in earlier replies to the same question count for has: [a, b] while the buyer re-asks")
    void pointsAccumulateWhileTheBuyerReAsks() {
        Scenario points = Fixtures.scenario("engine/points.yaml");
        SessionState s = engine.start(points, 1).state();
        Turn first = reply(s, "1-3天到账哦");
        assertEquals("ask", first.state().step());
        assertEquals(List.of("还有呢"), texts(first), "no branch matched: the buyer re-asks");
        assertEquals(List.of("freight"), engine.context(first.state()).expected().stream()
                        .filter(f -> !f.avoid()).map(f -> f.fact()).toList(),
                "a point already said is not looked for (nor reported missing) again");
        Turn second = reply(first.state(), "运费买家出");
        assertEquals("done", second.state().ending(), "refund_time from the first reply still counts");
    }

    @Test
    @DisplayName("a goto back to the same step counts points afresh but keeps counting attempts")
    void gotoSameStepResetsPointsNotAttempts() {
        Scenario points = Fixtures.scenario("engine/points.yaml");
        SessionState s = engine.start(points, 1).state();
        Turn looped = reply(s, "运费买家出");
        assertEquals(List.of("嗯 那退款呢"), texts(looped));
        assertEquals(Set.of(), looped.state().heard(), "the branch taken starts the count afresh");
        assertEquals(1, looped.state().attemptsAt("ask"));
        Turn t = reply(looped.state(), "嗯嗯");
        t = reply(t.state(), "嗯嗯");
        assertEquals("ask", t.state().step());
        t = reply(t.state(), "嗯嗯");
        assertEquals("lost", t.state().ending(), "the 4th reply at the step, the goto back included, meets attempts: 4");
    }

    @Test
    @DisplayName("a must-not point said is a fact has: can branch on, and is never asked for")
    void mustNotPointBranches() {
        Scenario points = Fixtures.scenario("engine/points.yaml");
        SessionState s = engine.start(points, 1).state();
        Turn t = reply(s, "亲 运费我们出");
        assertEquals("promised", t.state().ending());
    }

    @Test
    @DisplayName("the closing turn (结束语): after a buyer who bought, gave up politely or complained; not after one who left offended, nor at time up")
    void closingTurn() {
        SessionState open = engine.start(bargain, 1).state();
        assertFalse(ScenarioEngine.closingTurn(open), "the conversation is still on");
        assertTrue(ScenarioEngine.closingTurn(reply(open, "[offer:179] 179 再送耳机套").state()), "converted");
        assertTrue(ScenarioEngine.closingTurn(reply(open, "[violation:off_platform] 加我微信").state()),
                "escalated: the buyer is still there to hear an apology");
        assertFalse(ScenarioEngine.closingTurn(engine.timeUp(open).state()), "the shift's end cut it short");

        Scenario points = Fixtures.scenario("engine/points.yaml");
        SessionState s = engine.start(points, 1).state();
        Turn t = reply(s, "嗯嗯");
        for (int i = 0; i < 3; i++) t = reply(t.state(), "嗯嗯");
        assertEquals(Outcome.lost, t.state().outcome());
        assertTrue(ScenarioEngine.closingTurn(t.state()), "a buyer who gave up calmly (算了) can still be seen off");
        Turn offended = reply(reply(s, "[violation:off_platform] 加我微信").state(), "[violation:off_platform] 加我微信");
        assertEquals(Outcome.lost, offended.state().outcome(), "the second offence: the buyer leaves");
        assertFalse(ScenarioEngine.closingTurn(offended.state()), "no closing to a buyer who walked away offended");
    }
}
