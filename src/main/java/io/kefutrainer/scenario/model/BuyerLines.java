package io.kefutrainer.scenario.model;

import java.util.List;

/**
 * What the buyer says at one point: alternative variants, each a burst of one or more messages sent in a row.
 * One variant is picked per session (seeded), so replays are identical.
 */
public record BuyerLines(List<List<String>> variants) {

    public static final BuyerLines NONE = new BuyerLines(List.of());

    public BuyerLines {
        variants = variants.stream().map(List::copyOf).toList();
    }

    public boolean isEmpty() {
        return variants.isEmpty();
    }
}
