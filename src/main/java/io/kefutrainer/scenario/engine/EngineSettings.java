package io.kefutrainer.scenario.engine;

import java.util.List;
import java.util.Map;

/**
 * Engine tuning: how fast the simulated buyer "types", how long one second of the buyer's patience lasts, and what
 * buyers say when a file gives no line. Delay of a message = min(maxDelayMs, baseDelayMs + msPerChar × characters).
 * The product's values are read by {@code io.kefutrainer.content.EngineSettingsReader}.
 *
 * @param secondMs length of one second on the silence clock (patience_s, silence_s): 1000 in the product; a test
 *                 content folder may shorten it so a buyer's patience runs out in milliseconds
 */
public record EngineSettings(long baseDelayMs, long msPerChar, long maxDelayMs, long secondMs,
                             List<String> nudges, List<String> retries, List<String> lostLines,
                             List<String> offended, Map<String, List<String>> violated, List<String> leave) {

    public EngineSettings {
        if (secondMs <= 0) {
            throw new IllegalArgumentException("secondMs must be positive");
        }
        nudges = List.copyOf(nudges);
        retries = List.copyOf(retries);
        lostLines = List.copyOf(lostLines);
        offended = List.copyOf(offended);
        violated = Map.copyOf(violated);
        leave = List.copyOf(leave);
    }

    /** Same lines, another typing pace (0, 0, 0 for tests and previews without waiting). */
    public EngineSettings withTyping(long base, long perChar, long max) {
        return new EngineSettings(base, perChar, max, secondMs, nudges, retries, lostLines, offended, violated, leave);
    }

    /** Same lines and pace, another length of a second on the silence clock. */
    public EngineSettings withSecond(long ms) {
        return new EngineSettings(baseDelayMs, msPerChar, maxDelayMs, ms, nudges, retries, lostLines, offended, violated, leave);
    }

    /** Whole seconds of the silence clock in this much silence (what {@link ScenarioEngine#silence} counts). */
    public int silentSeconds(long silentMs) {
        return (int) Math.min(Integer.MAX_VALUE, silentMs / secondMs);
    }

    long delayFor(String text) {
        return Math.min(maxDelayMs, baseDelayMs + msPerChar * text.codePointCount(0, text.length()));
    }
}
