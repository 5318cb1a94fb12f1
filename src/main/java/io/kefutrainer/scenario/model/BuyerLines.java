package io.kefutrainer.scenario.model;

import java.util.List;

/**
 * What the buyer says at one point: alternative variants, each a burst of one or more messages sent in a row.
 * One variant is picked per session (seeded), so replays are identical.
 *
 * @param system notices shown after the buyer's lines as grey system text (`system:` in the file), never as the
 *               buyer's words: what happens off the chat ("买家申请平台介入"), which the scorer must not read as a buyer line
 */
public record BuyerLines(List<List<String>> variants, List<String> system) {

    public static final BuyerLines NONE = new BuyerLines(List.of());

    public BuyerLines {
        variants = variants.stream().map(List::copyOf).toList();
        system = List.copyOf(system);
    }

    public BuyerLines(List<List<String>> variants) {
        this(variants, List.of());
    }

    /** Neither buyer lines nor notices. */
    public boolean isEmpty() {
        return variants.isEmpty() && system.isEmpty();
    }

    /** No buyer lines (there may be notices). */
    public boolean isSilent() {
        return variants.isEmpty();
    }
}
