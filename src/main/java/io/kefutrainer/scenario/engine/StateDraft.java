package io.kefutrainer.scenario.engine;

import io.kefutrainer.scenario.model.Branch;
import io.kefutrainer.scenario.model.BuyerLines;
import io.kefutrainer.scenario.model.Ending;
import io.kefutrainer.scenario.model.Mood;
import io.kefutrainer.scenario.model.Persona;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.Templates;
import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.Outcome;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/** Mutable working copy of a state during one engine call. */
final class StateDraft {
    private final EngineSettings settings;
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

    StateDraft(SessionState s, EngineSettings settings) {
        this.settings = settings;
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
        satisfaction = end.satisfaction() != null ? end.satisfaction() : ScenarioEngine.satisfaction(mood, end.outcome());
        // a buyer who was insulted or asked to break the rules does not rate the chat 4-5 stars, whatever
        // the ending says: the offence is what a real buyer remembers
        if (offences > 0) satisfaction = Math.min(satisfaction, ScenarioEngine.RATING_AFTER_OFFENCE - (brokeRule ? 1 : 0));
    }

    /**
     * The default reaction to a rude or rule-breaking reply the step has no branch for: the buyer's mood
     * drops and they say so (the persona's line, else one for the violation's category, else a general one)
     * and wait on the same step for a proper answer; at the second offence they leave (ending lost).
     */
    Turn react(Annotations annotations, String stepId) {
        mood = mood.worse();
        if (offences >= ScenarioEngine.OFFENCES_TO_LEAVE) {
            enter(Scenario.LOST, ScenarioEngine.asLines(settings.leave()));
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
        say(ScenarioEngine.asLines(lines), BuyerMessage.Kind.retry, stepId);
        return turn(new BranchTaken(stepId, -1, stepId, "回复不礼貌或违规,本步骤没有对应分支:买家不满,追问(留在本步)"));
    }

    /** Only `lost` can be missing from a valid file: patience may run out in any scenario. */
    Ending builtInLost(String target) {
        if (!target.equals(Scenario.LOST)) {
            throw new IllegalStateException("no step or ending '" + target + "' in " + base.scenario().id());
        }
        return new Ending(Scenario.LOST, Outcome.lost, null, ScenarioEngine.asLines(settings.lostLines()), null);
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
            messages.add(new BuyerMessage(text, ScenarioEngine.SYSTEM_DELAY_MS, BuyerMessage.Kind.system));
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
