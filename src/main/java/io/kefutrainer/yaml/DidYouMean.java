package io.kefutrainer.yaml;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Suggests the closest known name for a misspelt one (Levenshtein distance, small threshold). */
public final class DidYouMean {

    private DidYouMean() {
    }

    public static Optional<String> closest(String wrong, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int d = score(wrong, candidate);
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        // A third of the length (at least 2 edits) keeps suggestions for typos, not for unrelated names.
        int limit = Math.max(2, wrong.length() / 3);
        return best != null && bestDistance <= limit ? Optional.of(best) : Optional.empty();
    }

    /** " (是不是要写 'x'?)" or "" — ready to append to a message. */
    public static String hint(String wrong, Collection<String> known) {
        return closest(wrong, known).map(s -> "(是不是要写 '" + s + "'?)").orElse("");
    }

    /** Up to `limit` known names, closest first (for "可用的有:…" lists when no single guess is close). */
    public static List<String> nearest(String wrong, Collection<String> known, int limit) {
        return known.stream()
                .sorted(Comparator.comparingInt((String k) -> -sharedWords(wrong, k))
                        .thenComparingInt(k -> score(wrong, k)).thenComparing(k -> k))
                .limit(limit)
                .toList();
    }

    /**
     * Edit distance where '-' and '_' are the same letter ("false-promise" is "false_promise", not "false")
     * and a cut-short id ("ai_mai" for "ai_mai_bu_mai") counts as one edit.
     */
    private static int score(String wrong, String candidate) {
        String a = wrong.toLowerCase().replace('-', '_');
        String b = candidate.toLowerCase().replace('-', '_');
        if (a.equals(b)) {
            return 0;
        }
        // a lexicon id without its kind ("ai-mai-bu-mai" for "forbidden.ai-mai-bu-mai")
        if (b.endsWith("." + a)) {
            return 1;
        }
        // the same words in another order ("cashback-review" for "review-cashback")
        if (words(a).size() > 1 && words(a).stream().sorted().toList().equals(words(b).stream().sorted().toList())) {
            return 1;
        }
        return a.length() >= 3 && (b.startsWith(a) || a.startsWith(b)) ? 1 : distance(a, b);
    }

    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static List<String> words(String id) {
        return List.of(id.toLowerCase().split("[-_.]+"));
    }

    /** Words of `wrong` found in `candidate`, a word that starts the other counting too ("promises", "promise"). */
    private static int sharedWords(String wrong, String candidate) {
        int shared = 0;
        for (String w : words(wrong)) {
            for (String c : words(candidate)) {
                if (w.equals(c) || (Math.min(w.length(), c.length()) >= 4 && (w.startsWith(c) || c.startsWith(w)))) {
                    shared++;
                    break;
                }
            }
        }
        return shared;
    }
}
