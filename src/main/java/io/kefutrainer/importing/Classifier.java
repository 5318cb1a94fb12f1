package io.kefutrainer.importing;

import java.util.List;
import java.util.Map;

/** Sorts a conversation into a scenario category by the cues its buyer lines hit most often. */
public final class Classifier {

    /** Where a conversation goes when no cue matches: a plain product question. */
    public static final String FALLBACK = "product";

    private final Map<String, List<String>> cues;

    public Classifier(Cues cues) {
        this.cues = cues.categories();
    }

    public String classify(List<String> buyerLines) {
        String text = String.join("\n", buyerLines).toLowerCase();
        String best = FALLBACK;
        int bestHits = 0;
        for (Map.Entry<String, List<String>> e : cues.entrySet()) {
            int hits = 0;
            for (String cue : e.getValue()) {
                for (int i = text.indexOf(cue.toLowerCase()); i >= 0; i = text.indexOf(cue.toLowerCase(), i + 1)) {
                    hits++;
                }
            }
            if (hits > bestHits) {
                best = e.getKey();
                bestHits = hits;
            }
        }
        return best;
    }
}
