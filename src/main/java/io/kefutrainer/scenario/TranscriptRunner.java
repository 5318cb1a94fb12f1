package io.kefutrainer.scenario;

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
     * @param problems       why the transcript failed; empty when it passed
     * @param branchesTaken  "step#index" of every branch used, for coverage warnings
     */
    public record Result(Scenario scenario, TranscriptTest test, List<String> problems, SessionState last,
                         Set<String> branchesTaken) {
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private final ScenarioEngine engine;
    private final Scorer scorer;

    public TranscriptRunner(Scorer scorer) {
        // transcripts don't wait for the simulated buyer to type
        this.engine = new ScenarioEngine(EngineSettings.defaults().withTyping(0, 0, 0));
        this.scorer = scorer;
    }

    public List<Result> runAll(Scenario scenario) {
        return scenario.tests().stream().map(t -> run(scenario, t)).toList();
    }

    public Result run(Scenario scenario, TranscriptTest test) {
        List<String> problems = new ArrayList<>();
        Set<String> branches = new LinkedHashSet<>();
        SessionState state;
        try {
            state = engine.start(scenario, test.seed()).state();
            long clock = 0;
            for (int i = 0; i < test.inputs().size(); i++) {
                TranscriptTest.Input input = test.inputs().get(i);
                if (state.ended()) {
                    problems.add("the conversation ended (" + state.ending() + ") before reply " + (i + 1)
                            + " of " + test.inputs().size());
                    break;
                }
                Turn turn;
                if (input.isSilence()) {
                    turn = engine.silence(state, input.silenceS());
                } else {
                    ReplyContext context = engine.context(state);
                    Annotations annotations = scorer.score(context.toReplyInput(input.text(), null, null));
                    clock += 1000;
                    turn = engine.reply(state, annotations, input.text(), clock);
                }
                if (turn.branch() != null && turn.branch().index() >= 0) {
                    branches.add(turn.branch().step() + "#" + turn.branch().index());
                }
                state = turn.state();
            }
        } catch (RuntimeException e) {
            return new Result(scenario, test, List.of("engine error: " + e), null, branches);
        }
        check(test.expect(), state, problems);
        return new Result(scenario, test, problems, state, branches);
    }

    private static void check(TranscriptTest.Expectation expect, SessionState s, List<String> problems) {
        String where = s.ended() ? "ending '" + s.ending() + "'" : "step '" + s.step() + "' (not ended)";
        if (expect.ending() != null && !expect.ending().equals(s.ending())) {
            problems.add("expected ending '" + expect.ending() + "', got " + where);
        }
        if (expect.outcome() != null && expect.outcome() != s.outcome()) {
            problems.add("expected outcome " + expect.outcome() + ", got " + (s.outcome() == null ? where : s.outcome()));
        }
        if (expect.mood() != null && expect.mood() != s.mood()) {
            problems.add("expected mood " + expect.mood() + ", got " + s.mood());
        }
        if (expect.minSatisfaction() != null && (s.satisfaction() == null || s.satisfaction() < expect.minSatisfaction())) {
            problems.add("expected satisfaction ≥ " + expect.minSatisfaction() + ", got " + s.satisfaction());
        }
        for (String step : expect.visits()) {
            if (!s.visited().contains(step)) {
                problems.add("expected to visit step '" + step + "', visited " + s.visited());
            }
        }
    }
}
