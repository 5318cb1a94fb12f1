package io.kefutrainer.scenario.engine;

import io.kefutrainer.scenario.model.Mood;
import io.kefutrainer.scoring.Outcome;
import io.kefutrainer.scenario.model.Scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;

/**
 * Where one conversation stands, immutable: every engine call returns a new state. Holding the Scenario
 * itself pins the content version the session started with. Given the seed and the same sequence of
 * replies (with their annotations) and silences, the engine reproduces the same states.
 *
 * @param step         current step id, or null once ended
 * @param attempts     replies received per step id
 * @param nudgesSent   nudges sent during the current wait (reset by a reply or new buyer lines)
 * @param silenceFired whether a silence_s branch already fired during the current wait
 * @param draws        random draws made so far (variant picking continues the seeded sequence)
 * @param awaiting     buyer messages since the trainee's last reply: what the next reply answers
 * @param visited      step ids in the order entered (repeats included)
 * @param ending       ending id once ended, else null
 * @param satisfaction 1..5 once ended, else null
 * @param offences     rude or rule-breaking replies so far (they cap the buyer's rating; see ScenarioEngine)
 * @param brokeRule    whether one of them broke a platform rule (caps the rating one star lower)
 * @param heard        points (expect: and avoid:) found in the replies to the current step since a branch was
 *                     last taken: while the buyer re-asks (no branch matched) earlier replies still count for
 *                     has:/missing:; taking any branch, a goto back to the same step included, starts afresh
 */
public record SessionState(Scenario scenario, long seed, String step, Mood mood, Map<String, Integer> attempts,
                           int replies, int nudgesSent, boolean silenceFired, int draws, List<String> awaiting,
                           List<TranscriptLine> transcript, List<String> visited,
                           String ending, Outcome outcome, Integer satisfaction, Set<String> heard, int offences,
                           boolean brokeRule) {

    public SessionState {
        attempts = Collections.unmodifiableMap(new LinkedHashMap<>(attempts));
        awaiting = List.copyOf(awaiting);
        transcript = List.copyOf(transcript);
        visited = List.copyOf(visited);
        heard = Collections.unmodifiableSet(new LinkedHashSet<>(heard));
    }

    public boolean ended() {
        return ending != null;
    }

    public int attemptsAt(String stepId) {
        return attempts.getOrDefault(stepId, 0);
    }
}
