package io.kefutrainer.scenario.engine;

import io.kefutrainer.scenario.model.Branch;
import io.kefutrainer.scenario.model.BuyerLines;
import io.kefutrainer.scenario.model.Ending;
import io.kefutrainer.scenario.model.Mood;
import io.kefutrainer.scoring.Outcome;
import io.kefutrainer.scenario.model.Persona;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.Step;
import io.kefutrainer.scoring.Annotations;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plays a scenario: pure functions from (state, event) to (new state, buyer messages). It never scores:
 * the caller scores the reply (using {@link #context}) and hands the annotations in.
 * Thread-safe and stateless apart from its settings.
 */
public final class ScenarioEngine {

    private final EngineSettings settings;

    public ScenarioEngine(EngineSettings settings) {
        this.settings = Objects.requireNonNull(settings);
    }

    public EngineSettings settings() {
        return settings;
    }

    /** Opens the conversation: the buyer's first message(s) of the start step. */
    public Turn start(Scenario scenario, long seed) {
        StateDraft d = new StateDraft(fresh(scenario, seed), settings);
        d.enter(scenario.start(), null);
        return d.turn(null);
    }

    /** A conversation not yet begun: no step entered, the persona's opening mood, nothing said. */
    private static SessionState fresh(Scenario scenario, long seed) {
        return new SessionState(scenario, seed, null, scenario.persona().mood(), Map.of(), 0, 0, false, 0,
                List.of(), List.of(), List.of(), null, null, null, Set.of(), 0, false);
    }

    /** Starts at any step of the scenario (the trainer's "play from this step" preview). */
    public Turn startAt(Scenario scenario, long seed, String stepId) {
        if (scenario.step(stepId).isEmpty()) {
            throw new IllegalArgumentException("no step '" + stepId + "' in scenario " + scenario.id());
        }
        StateDraft d = new StateDraft(fresh(scenario, seed), settings);
        d.enter(stepId, null);
        return d.turn(null);
    }

    /**
     * The points the scorer looks for: the step's must-say points not heard yet (one said in an earlier reply
     * to the same question is not "missing" again) and all its must-not points.
     */
    public ReplyContext context(SessionState state) {
        Set<String> heard = state.heard();
        List<io.kefutrainer.scoring.ExpectedFact> expected = state.step() == null ? List.of()
                : state.scenario().step(state.step()).map(Step::expect).orElse(List.of()).stream()
                .filter(f -> f.avoid() || !heard.contains(f.fact())).toList();
        return new ReplyContext(state.step(), state.awaiting(), state.replies() == 0, expected,
                state.scenario().product().floorPrice());
    }

    /**
     * The trainee replied. Branches of the current step are tried in order; the first whose `when` holds is taken.
     * When none matches, the buyer stays on the step and re-asks (the step's retry: lines or the defaults).
     *
     * @param atMillis server time the reply arrived, kept in the transcript
     */
    public Turn reply(SessionState state, Annotations annotations, String replyText, long atMillis) {
        requireOpen(state);
        StateDraft d = new StateDraft(state, settings);
        String stepId = state.step();
        Step step = state.scenario().step(stepId).orElseThrow();
        d.transcript.add(new TranscriptLine(TranscriptLine.Speaker.trainee, replyText, stepId, atMillis));
        d.attempts.merge(stepId, 1, Integer::sum);
        d.replies++;
        d.awaiting.clear();
        d.nudgesSent = 0;
        d.silenceFired = false;
        int attempts = d.attempts.get(stepId);
        Set<String> heard = heard(state, annotations);
        d.heard.addAll(heard);
        // Every rude or rule-breaking reply caps the buyer's rating. A violation or a 禁语 also gets the default
        // reaction unless the step decides itself; a reply that is only cold or evasive follows the step's own
        // branches (authors write attempts: paths for those), with the buyer's mood one level worse.
        boolean broke = !annotations.violationCategories().isEmpty();
        if (annotations.impolite() || broke) {
            d.offences++;
            d.brokeRule |= broke;
            if (!BranchConditions.handlesOffence(step)) {
                if (broke || !annotations.forbiddenIds().isEmpty()) return d.react(annotations, stepId);
                d.mood = d.mood.worse();
            }
        }
        List<Branch> branches = step.branches();
        for (int i = 0; i < branches.size(); i++) {
            Branch b = branches.get(i);
            if (b.isFallback() || BranchConditions.matches(b.when(), annotations, heard, attempts, state.scenario())) {
                return d.follow(b, new BranchTaken(stepId, i, b.target(), BranchConditions.describe(b)));
            }
        }
        d.say(step.retry().isEmpty() ? asLines(settings.retries()) : step.retry(), BuyerMessage.Kind.retry, stepId);
        return d.turn(new BranchTaken(stepId, -1, stepId, "没有分支命中,买家追问(留在本步)"));
    }

    /**
     * The trainee has not answered for `silentSeconds`, counted from the buyer's last message that was not a
     * nudge (a silence branch's line restarts the clock). Call it as often as you like with the growing total:
     * a silence_s branch fires at most once between two replies, and nudges already sent are not repeated. Each nudge lowers the mood; one patience period after the last
     * nudge the buyer leaves (ending `lost`).
     */
    public Turn silence(SessionState state, int silentSeconds) {
        if (state.ended()) {
            return new Turn(state, List.of(), null);
        }
        StateDraft d = new StateDraft(state, settings);
        String stepId = state.step();
        Step step = state.scenario().step(stepId).orElseThrow();
        if (!state.silenceFired()) {
            List<Branch> branches = step.branches();
            for (int i = 0; i < branches.size(); i++) {
                Branch b = branches.get(i);
                if (b.when() != null && b.when().isSilence() && silentSeconds >= b.when().silenceS()) {
                    d.silenceFired = true;
                    return d.follow(b, new BranchTaken(stepId, i, b.target(), BranchConditions.describe(b)));
                }
            }
        }
        Persona persona = state.scenario().persona();
        int periods = silentSeconds / persona.patienceS();
        if (periods > persona.maxNudges()) {
            d.mood = d.mood.worse();
            d.enter(Scenario.LOST, null);
            return d.turn(new BranchTaken(stepId, -1, Scenario.LOST, "学员 " + silentSeconds + " 秒没回复,买家没耐心了"));
        }
        if (periods <= state.nudgesSent()) {
            return new Turn(state, List.of(), null);
        }
        BuyerLines nudges = asLines(persona.nudges().isEmpty() ? settings.nudges() : persona.nudges());
        while (d.nudgesSent < periods) {
            d.nudgesSent++;
            d.mood = d.mood.worse();
            d.say(nudges, BuyerMessage.Kind.nudge, stepId);
        }
        return d.turn(new BranchTaken(stepId, -1, stepId, "学员 " + silentSeconds + " 秒没回复:买家催促"));
    }

    /** A notice appears shortly after what precedes it: nobody types it. */
    static final long SYSTEM_DELAY_MS = 800;

    /** Ending id of a conversation closed because the trainee's shift (班次模拟) ran out. */
    public static final String TIME_UP = "time_up";

    /**
     * The shift is over: the conversation closes where it stands. A buyer still waiting for an answer is
     * lost; one whose last message was answered leaves without an outcome (the conversation was cut short).
     */
    public Turn timeUp(SessionState state) {
        if (state.ended()) {
            return new Turn(state, List.of(), null);
        }
        StateDraft d = new StateDraft(state, settings);
        boolean waiting = !state.awaiting().isEmpty();
        d.step = null;
        d.ending = TIME_UP;
        d.outcome = waiting ? Outcome.lost : null;
        d.satisfaction = satisfaction(d.mood, d.outcome);
        return d.turn(new BranchTaken(state.step(), -1, TIME_UP, waiting ? "班次结束,买家还在等" : "班次结束"));
    }

    /**
     * Whether the trainee gets a closing turn (结束语) after a reply brought the conversation to this ending: the
     * buyer is still there to read it, whatever the outcome, except a buyer who left angry or offended (a closing
     * line to someone who walked away after a rude or rule-breaking reply is not a skill worth scoring), and a
     * conversation the shift's end cut short.
     */
    public static boolean closingTurn(SessionState ended) {
        if (!ended.ended() || TIME_UP.equals(ended.ending())) {
            return false;
        }
        return !(ended.outcome() == Outcome.lost && (ended.offences() > 0 || ended.mood() == Mood.angry));
    }

    /** The closing reply's scorer input: it answers the buyer's last lines and is expected to close the chat. */
    public static io.kefutrainer.scoring.ReplyInput closingInput(SessionState ended, String text,
                                                                 io.kefutrainer.scoring.TypingMetrics typing) {
        return new io.kefutrainer.scoring.ReplyInput(text, ended.awaiting(), false, true, List.of(), typing, null);
    }

    /** Points that count for has:/missing: on this reply: those heard since the last branch, plus this reply's. */
    public static Set<String> heard(SessionState state, Annotations annotations) {
        Set<String> heard = new LinkedHashSet<>(state.heard());
        heard.addAll(annotations.facts().matched());
        heard.addAll(annotations.facts().said());
        return heard;
    }

    /** Replies that offend in one conversation before the buyer leaves (when the step does not decide). */
    static final int OFFENCES_TO_LEAVE = 2;
    /** Best rating after a rude reply; after a rule-breaking one, one less. */
    static final int RATING_AFTER_OFFENCE = 3;

    /** Satisfaction from the final mood when the ending does not set it; a lost buyer gives at most 2. */
    static int satisfaction(Mood mood, Outcome outcome) {
        int fromMood = switch (mood) {
            case calm -> 5;
            case anxious -> 3;
            case angry -> 1;
        };
        return outcome == Outcome.lost ? Math.min(fromMood, 2) : fromMood;
    }

    static BuyerLines asLines(List<String> alternatives) {
        return new BuyerLines(alternatives.stream().map(List::of).toList());
    }

    private static void requireOpen(SessionState state) {
        if (state.ended()) {
            throw new IllegalStateException("the conversation has ended (" + state.ending() + ")");
        }
    }
}
