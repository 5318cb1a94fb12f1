package io.kefutrainer.scenario;

import io.kefutrainer.scenario.engine.BranchTaken;
import io.kefutrainer.scenario.engine.BuyerMessage;
import io.kefutrainer.scenario.engine.EngineSettings;
import io.kefutrainer.scenario.engine.ReplyContext;
import io.kefutrainer.scenario.engine.ScenarioEngine;
import io.kefutrainer.scenario.engine.SessionState;
import io.kefutrainer.scenario.engine.Turn;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.TranscriptTest;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.Scorer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Plays a scenario's `tests:` transcripts through engine and scorer, as `test-scenarios` and the preview do. */
public final class TranscriptRunner {

    /**
     * @param problems       why the transcript failed (in the trainer's words); empty when it passed
     * @param branchesTaken  "step#index" of every branch used, for coverage warnings
     * @param trace          one entry per reply or silence, in order: why the transcript went where it went
     */
    public record Result(Scenario scenario, TranscriptTest test, List<String> problems, SessionState last,
                         Set<String> branchesTaken, List<Trace> trace) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    /**
     * What happened to one input of a transcript.
     *
     * @param step        the step the input answered
     * @param reply       the reply text, or null for a silence
     * @param silenceS    seconds of silence, or null for a reply
     * @param annotations the scorer's verdict on the reply, or null for a silence
     * @param heard       points heard since the last branch, this reply's included (what has:/missing: tested)
     * @param branch      the branch taken and its condition, or null when a silence changed nothing
     * @param buyer       what the buyer said next
     */
    public record Trace(String step, String reply, Integer silenceS, Annotations annotations, Set<String> heard,
                       BranchTaken branch, List<String> buyer) {
    }

    private final ScenarioEngine engine;
    private final Scorer scorer;

    /** @param settings the buyers' default lines (the typing pace is ignored: transcripts don't wait for the buyer to type) */
    public TranscriptRunner(Scorer scorer, EngineSettings settings) {
        this.engine = new ScenarioEngine(settings.withTyping(0, 0, 0));
        this.scorer = scorer;
    }

    public List<Result> runAll(Scenario scenario) {
        return scenario.tests().stream().map(t -> run(scenario, t)).toList();
    }

    public Result run(Scenario scenario, TranscriptTest test) {
        List<String> problems = new ArrayList<>();
        Set<String> branches = new LinkedHashSet<>();
        List<Trace> trace = new ArrayList<>();
        SessionState state;
        try {
            state = engine.start(scenario, test.seed()).state();
            long clock = 0;
            for (int i = 0; i < test.inputs().size(); i++) {
                TranscriptTest.Input input = test.inputs().get(i);
                if (state.ended()) {
                    problems.add("对话在第 " + (i + 1) + " 条回复之前就结束了(结局 '" + state.ending() + "'),共 "
                            + test.inputs().size() + " 条回复");
                    break;
                }
                Turn turn;
                Annotations annotations = null;
                String step = state.step();
                Set<String> heard = state.heard();
                if (input.isSilence()) {
                    turn = engine.silence(state, input.silenceS());
                } else {
                    ReplyContext context = engine.context(state);
                    annotations = scorer.score(context.toReplyInput(input.text(), null, null));
                    clock += 1000;
                    heard = ScenarioEngine.heard(state, annotations);
                    turn = engine.reply(state, annotations, input.text(), clock);
                }
                if (turn.branch() != null && turn.branch().index() >= 0) {
                    branches.add(turn.branch().step() + "#" + turn.branch().index());
                }
                trace.add(new Trace(step, input.text(), input.silenceS(), annotations, heard,
                        turn.branch(), turn.messages().stream().map(BuyerMessage::text).toList()));
                state = turn.state();
            }
        } catch (RuntimeException e) {
            return new Result(scenario, test, List.of("引擎出错:" + e), null, branches, trace);
        }
        check(test.expect(), state, problems);
        return new Result(scenario, test, problems, state, branches, trace);
    }

    private static void check(TranscriptTest.Expectation expect, SessionState s, List<String> problems) {
        String where = s.ended() ? "结局 '" + s.ending() + "'" : "停在步骤 '" + s.step() + "'(对话没有结束)";
        if (expect.ending() != null && !expect.ending().equals(s.ending())) {
            problems.add("应该走到结局 '" + expect.ending() + "',实际是" + where);
        }
        if (expect.outcome() != null && expect.outcome() != s.outcome()) {
            problems.add("结果应该是 " + expect.outcome() + ",实际是" + (s.outcome() == null ? where : s.outcome()));
        }
        if (expect.mood() != null && expect.mood() != s.mood()) {
            problems.add("买家最后的情绪应该是 " + expect.mood() + ",实际是 " + s.mood());
        }
        if (expect.minSatisfaction() != null && (s.satisfaction() == null || s.satisfaction() < expect.minSatisfaction())) {
            problems.add("满意度应该 ≥ " + expect.minSatisfaction() + ",实际是 " + s.satisfaction());
        }
        for (String step : expect.visits()) {
            if (!s.visited().contains(step)) {
                problems.add("应该经过步骤 '" + step + "',实际经过 " + s.visited());
            }
        }
    }
}
