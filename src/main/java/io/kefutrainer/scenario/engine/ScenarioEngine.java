package io.kefutrainer.scenario.engine;

import io.kefutrainer.scenario.model.Branch;
import io.kefutrainer.scenario.model.BuyerLines;
import io.kefutrainer.scenario.model.Condition;
import io.kefutrainer.scenario.model.Ending;
import io.kefutrainer.scenario.model.Mood;
import io.kefutrainer.scoring.Outcome;
import io.kefutrainer.scenario.model.Persona;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.Step;
import io.kefutrainer.scenario.model.Templates;
import io.kefutrainer.scoring.Annotations;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

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

    public static ScenarioEngine create() {
        return new ScenarioEngine(EngineSettings.defaults());
    }

    public EngineSettings settings() {
        return settings;
    }

    /** Opens the conversation: the buyer's first message(s) of the start step. */
    public Turn start(Scenario scenario, long seed) {
        Draft d = new Draft(fresh(scenario, seed));
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
        Draft d = new Draft(fresh(scenario, seed));
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
        Draft d = new Draft(state);
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
            if (!handlesOffence(step)) {
                if (broke || !annotations.forbiddenIds().isEmpty()) return d.react(annotations, stepId);
                d.mood = d.mood.worse();
            }
        }
        List<Branch> branches = step.branches();
        for (int i = 0; i < branches.size(); i++) {
            Branch b = branches.get(i);
            if (b.isFallback() || matches(b.when(), annotations, heard, attempts, state.scenario())) {
                return d.follow(b, new BranchTaken(stepId, i, b.target(), describe(b)));
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
        Draft d = new Draft(state);
        String stepId = state.step();
        Step step = state.scenario().step(stepId).orElseThrow();
        if (!state.silenceFired()) {
            List<Branch> branches = step.branches();
            for (int i = 0; i < branches.size(); i++) {
                Branch b = branches.get(i);
                if (b.when() != null && b.when().isSilence() && silentSeconds >= b.when().silenceS()) {
                    d.silenceFired = true;
                    return d.follow(b, new BranchTaken(stepId, i, b.target(), describe(b)));
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
        Draft d = new Draft(state);
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

    /** @param heard points heard since the last branch, this reply's included: has:/missing: test these */
    static boolean matches(Condition c, Annotations a, Set<String> heard, int attempts, Scenario scenario) {
        if (c.isSilence()) {
            return false;
        }
        if (c.impolite() != null && c.impolite() != a.impolite()) {
            return false;
        }
        if (c.apology() != null && c.apology() != a.hasFinding("apology")) {
            return false;
        }
        if (!idTest(c.forbidden(), a.forbiddenIds().contains(c.forbidden()), a.forbiddenIds().isEmpty())) {
            return false;
        }
        if (!idTest(c.violation(), a.violationCategories().contains(c.violation()), a.violationCategories().isEmpty())) {
            return false;
        }
        if (!heard.containsAll(c.has())) {
            return false;
        }
        if (!c.missing().isEmpty() && heard.containsAll(c.missing())) {
            return false;
        }
        if (c.offerPrice() != null && !offerTest(c.offerPrice(), a.offerPrice(), scenario.product().floorPrice())) {
            return false;
        }
        return c.attempts() == null || attempts >= c.attempts();
    }

    private static boolean idTest(String wanted, boolean containsWanted, boolean noneFound) {
        if (wanted == null) {
            return true;
        }
        if (wanted.equals(Condition.ANY)) {
            return !noneFound;
        }
        if (wanted.equals(Condition.NONE)) {
            return noneFound;
        }
        return containsWanted;
    }

    private static boolean offerTest(Condition.OfferPrice test, Double offer, Double floor) {
        return switch (test) {
            case any -> offer != null;
            case none -> offer == null;
            case below_floor -> offer != null && floor != null && offer < floor;
            case at_or_above_floor -> offer != null && floor != null && offer >= floor;
        };
    }

    /** Replies that offend in one conversation before the buyer leaves (when the step does not decide). */
    static final int OFFENCES_TO_LEAVE = 2;
    /** Best rating after a rude reply; after a rule-breaking one, one less. */
    static final int RATING_AFTER_OFFENCE = 3;

    /**
     * Whether the step decides itself what a rude or rule-breaking reply does (a branch on impolite:, violation:
     * or forbidden:, or an else: that takes any reply); otherwise the engine's default reaction applies.
     */
    static boolean handlesOffence(Step step) {
        for (Branch b : step.branches()) {
            if (b.isFallback()) return true;
            Condition c = b.when();
            if (c != null && (c.impolite() != null || c.violation() != null || c.forbidden() != null)) return true;
        }
        return false;
    }

    /** Satisfaction from the final mood when the ending does not set it; a lost buyer gives at most 2. */
    static int satisfaction(Mood mood, Outcome outcome) {
        int fromMood = switch (mood) {
            case calm -> 5;
            case anxious -> 3;
            case angry -> 1;
        };
        return outcome == Outcome.lost ? Math.min(fromMood, 2) : fromMood;
    }

    /** A branch in the words of the scenario file, for the trace, the trainer diagram and test output. */
    public static String describe(Branch b) {
        if (b.isFallback()) {
            return "else";
        }
        Condition c = b.when();
        List<String> parts = new ArrayList<>();
        if (c.impolite() != null) parts.add("impolite: " + c.impolite());
        if (c.apology() != null) parts.add("apology: " + c.apology());
        if (c.forbidden() != null) parts.add("forbidden: " + flag(c.forbidden()));
        if (c.violation() != null) parts.add("violation: " + flag(c.violation()));
        if (!c.has().isEmpty()) parts.add("has: " + String.join(",", c.has()));
        if (!c.missing().isEmpty()) parts.add("missing: " + String.join(",", c.missing()));
        if (c.offerPrice() != null) parts.add("offer_price: " + c.offerPrice());
        if (c.silenceS() != null) parts.add("silence_s: " + c.silenceS());
        if (c.attempts() != null) parts.add("attempts: " + c.attempts());
        return "when {" + String.join(", ", parts) + "}";
    }

    private static String flag(String value) {
        return value.equals(Condition.ANY) ? "true" : value.equals(Condition.NONE) ? "false" : value;
    }

    private static BuyerLines asLines(List<String> alternatives) {
        return new BuyerLines(alternatives.stream().map(List::of).toList());
    }

    private static void requireOpen(SessionState state) {
        if (state.ended()) {
            throw new IllegalStateException("the conversation has ended (" + state.ending() + ")");
        }
    }

    /** Mutable working copy of a state during one engine call. */
    private final class Draft {
        final SessionState base;
        String step;
        Mood mood;
        final Map<String, Integer> attempts;
        int replies;
        int nudgesSent;
        boolean silenceFired;
        int draws;
        final List<String> awaiting;
        final List<TranscriptLine> transcript;
        final List<String> visited;
        final Set<String> heard;
        String ending;
        Outcome outcome;
        Integer satisfaction;
        int offences;
        boolean brokeRule;
        final List<BuyerMessage> messages = new ArrayList<>();
        final Map<String, String> variables;

        Draft(SessionState s) {
            base = s;
            step = s.step();
            mood = s.mood();
            attempts = new LinkedHashMap<>(s.attempts());
            replies = s.replies();
            nudgesSent = s.nudgesSent();
            silenceFired = s.silenceFired();
            draws = s.draws();
            awaiting = new ArrayList<>(s.awaiting());
            transcript = new ArrayList<>(s.transcript());
            visited = new ArrayList<>(s.visited());
            heard = new LinkedHashSet<>(s.heard());
            ending = s.ending();
            outcome = s.outcome();
            satisfaction = s.satisfaction();
            offences = s.offences();
            brokeRule = s.brokeRule();
            variables = Templates.variables(s.scenario());
        }

        Turn follow(Branch b, BranchTaken taken) {
            // the buyer has moved on (or asks anew at the same step): points are counted afresh
            heard.clear();
            if (b.mood() != null) {
                mood = b.mood();
            }
            enter(b.target(), b.buyer().isEmpty() ? null : b.buyer());
            return turn(taken);
        }

        /** Moves to a step or ending; lines from the branch (if any) replace the target's own opening lines. */
        void enter(String target, BuyerLines branchLines) {
            Scenario scenario = base.scenario();
            var targetStep = scenario.step(target);
            if (targetStep.isPresent()) {
                step = target;
                visited.add(target);
                say(branchLines != null ? branchLines : targetStep.get().buyer(), BuyerMessage.Kind.line, target);
                // new buyer lines restart the caller's silence clock, so nudges count from zero again;
                // silenceFired stays set until a reply, or a silence branch could loop and patience never run out
                nudgesSent = 0;
                return;
            }
            Ending end = scenario.ending(target).orElseGet(() -> builtInLost(target));
            BuyerLines last = branchLines != null ? branchLines : end.buyer();
            say(last, BuyerMessage.Kind.ending, end.id());
            step = null;
            ending = end.id();
            outcome = end.outcome();
            satisfaction = end.satisfaction() != null ? end.satisfaction() : satisfaction(mood, end.outcome());
            // a buyer who was insulted or asked to break the rules does not rate the chat 4-5 stars, whatever
            // the ending says: the offence is what a real buyer remembers
            if (offences > 0) satisfaction = Math.min(satisfaction, RATING_AFTER_OFFENCE - (brokeRule ? 1 : 0));
        }

        /**
         * The default reaction to a rude or rule-breaking reply the step has no branch for: the buyer's mood
         * drops and they say so (the persona's line, else one for the violation's category, else a general one)
         * and wait on the same step for a proper answer; at the second offence they leave (ending lost).
         */
        Turn react(Annotations annotations, String stepId) {
            mood = mood.worse();
            if (offences >= OFFENCES_TO_LEAVE) {
                enter(Scenario.LOST, asLines(settings.leave()));
                return turn(new BranchTaken(stepId, -1, Scenario.LOST, "第 " + offences + " 次冒犯买家(不礼貌或违规),买家走了"));
            }
            Persona persona = base.scenario().persona();
            List<String> lines = persona.offended();
            if (lines.isEmpty()) {
                for (String category : annotations.violationCategories()) {
                    lines = settings.violated().getOrDefault(category, List.of());
                    if (!lines.isEmpty()) break;
                }
            }
            if (lines.isEmpty()) lines = settings.offended();
            say(asLines(lines), BuyerMessage.Kind.retry, stepId);
            return turn(new BranchTaken(stepId, -1, stepId, "回复不礼貌或违规,本步骤没有对应分支:买家不满,追问(留在本步)"));
        }

        /** Only `lost` can be missing from a valid file: patience may run out in any scenario. */
        Ending builtInLost(String target) {
            if (!target.equals(Scenario.LOST)) {
                throw new IllegalStateException("no step or ending '" + target + "' in " + base.scenario().id());
            }
            return new Ending(Scenario.LOST, Outcome.lost, null, asLines(settings.lostLines()), null);
        }

        void say(BuyerLines lines, BuyerMessage.Kind kind, String at) {
            if (!lines.isSilent()) {
                List<String> burst = lines.variants().get(pick(lines.variants().size()));
                for (String raw : burst) {
                    String text = Templates.render(raw, variables);
                    messages.add(new BuyerMessage(text, settings.delayFor(text), kind));
                    transcript.add(new TranscriptLine(TranscriptLine.Speaker.buyer, text, at, null));
                    awaiting.add(text);
                }
            }
            // notices follow the lines; they are not buyer words, so the next reply is not scored against them
            for (String raw : lines.system()) {
                String text = Templates.render(raw, variables);
                messages.add(new BuyerMessage(text, SYSTEM_DELAY_MS, BuyerMessage.Kind.system));
                transcript.add(new TranscriptLine(TranscriptLine.Speaker.system, text, at, null));
            }
        }

        /** The n-th draw of a session depends only on (seed, n): replays pick the same variants. */
        int pick(int bound) {
            long mixed = base.seed() * 0x9E3779B97F4A7C15L + draws++;
            return bound == 1 ? 0 : new SplittableRandom(mixed).nextInt(bound);
        }

        Turn turn(BranchTaken taken) {
            SessionState next = new SessionState(base.scenario(), base.seed(), step, mood, attempts, replies,
                    nudgesSent, silenceFired, draws, awaiting, transcript, visited, ending, outcome, satisfaction, heard,
                    offences, brokeRule);
            return new Turn(next, messages, taken);
        }
    }
}
