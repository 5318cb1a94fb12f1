package io.kefutrainer.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A content regex with a cheap gate worked out from the regex once: literal text that any match must contain
 * (one of "帮您|帮你|可以" and then "查": the gate is "查"), or failing that the characters a match can start with.
 * Most replies contain none of it, so most patterns are skipped without running the regex engine, which costs
 * far more than the Aho-Corasick pass on short replies. When nothing can be worked out, the pattern always runs.
 */
final class GatedPattern {

    private final Pattern pattern;
    private final List<String> gate;   // a match contains one of these; null: no gate

    GatedPattern(String regex) {
        this.pattern = Pattern.compile(regex);
        List<String> required = requiredLiterals(regex);
        if (required == null) {
            String start = firstChars(regex);
            if (start != null) {
                required = new ArrayList<>();
                for (char c : start.toCharArray()) required.add(String.valueOf(c));
            }
        }
        this.gate = required == null ? null : List.copyOf(required);
    }

    Matcher matcherIfPossible(String text) {
        if (gate != null) {
            boolean possible = false;
            for (String g : gate) {
                if (text.contains(g)) {
                    possible = true;
                    break;
                }
            }
            if (!possible) return null;
        }
        return pattern.matcher(text);
    }

    List<String> gate() {
        return gate;
    }

    /**
     * Of the required elements of a regex (a literal run, or a group of literal alternatives, not optional), the
     * one whose shortest alternative is longest: the most selective test. Null when there is none.
     */
    static List<String> requiredLiterals(String regex) {
        if (splitTopLevel(regex).size() > 1) return null;
        List<String> best = null;
        int bestLen = 0;
        int i = 0;
        StringBuilder run = new StringBuilder();
        while (i <= regex.length()) {
            char c = i < regex.length() ? regex.charAt(i) : 0;
            boolean literal = i < regex.length() && "\\^$.()|*+?{}[]".indexOf(c) < 0;
            if (literal) {
                run.append(c);
                i++;
                continue;
            }
            // a quantifier that may drop the last literal takes it out of the run
            if (run.length() > 0 && i < regex.length() && ("?*".indexOf(c) >= 0 || regex.startsWith("{0", i))) {
                run.setLength(run.length() - 1);
            }
            if (run.length() > bestLen || (run.length() == bestLen && run.length() > 0 && best.size() > 1)) {
                best = List.of(run.toString());
                bestLen = run.length();
            }
            run.setLength(0);
            if (i >= regex.length()) break;
            int next;
            if (c == '(') {
                int close = closingParen(regex, i);
                if (close < 0) return best;
                next = close + 1;
                boolean optional = next < regex.length() && ("?*".indexOf(regex.charAt(next)) >= 0 || regex.startsWith("{0", next));
                if (regex.startsWith("(?:", i) && !optional) {
                    List<String> alternatives = splitTopLevel(regex.substring(i + 3, close));
                    int shortest = Integer.MAX_VALUE;
                    for (String alt : alternatives) {
                        boolean plain = !alt.isEmpty();
                        for (char a : alt.toCharArray()) if ("\\^$.()|*+?{}[]".indexOf(a) >= 0) plain = false;
                        shortest = plain ? Math.min(shortest, alt.length()) : 0;
                    }
                    if (shortest != Integer.MAX_VALUE && shortest > 0
                            && (shortest > bestLen || (shortest == bestLen && alternatives.size() < best.size()))) {
                        best = alternatives;
                        bestLen = shortest;
                    }
                }
            } else if (c == '[') {
                int close = regex.indexOf(']', i + 1);
                if (close < 0) return best;
                next = close + 1;
            } else if (c == '\\') {
                next = i + 2;
            } else if (c == '{') {
                int close = regex.indexOf('}', i);
                next = close < 0 ? regex.length() : close + 1;
            } else {
                next = i + 1;
            }
            i = next;
        }
        return best;
    }

    /** Characters a match must start with, or null when unknown. Handles the shapes used in the content files. */
    static String firstChars(String regex) {
        List<String> alternatives = splitTopLevel(regex);
        if (alternatives.size() > 1) {
            StringBuilder all = new StringBuilder();
            for (String alternative : alternatives) {
                String f = firstChars(alternative);
                if (f == null) return null;
                all.append(f);
            }
            return all.toString();
        }
        int i = 0;
        while (regex.startsWith("(?<", i)) {                       // lookbehinds do not consume
            int close = closingParen(regex, i);
            if (close < 0) return null;
            i = close + 1;
        }
        if (i >= regex.length()) return null;
        char c = regex.charAt(i);
        int next;
        String chars;
        if (regex.startsWith("(?:", i)) {
            int close = closingParen(regex, i);
            if (close < 0) return null;
            StringBuilder all = new StringBuilder();
            for (String alternative : splitTopLevel(regex.substring(i + 3, close))) {
                String f = firstChars(alternative);
                if (f == null) return null;
                all.append(f);
            }
            chars = all.toString();
            next = close + 1;
        } else if (c == '[') {
            int close = regex.indexOf(']', i + 1);
            if (close < 0 || regex.charAt(i + 1) == '^') return null;
            chars = classChars(regex.substring(i + 1, close));
            if (chars == null) return null;
            next = close + 1;
        } else if (regex.startsWith("\\d", i)) {
            chars = "0123456789";
            next = i + 2;
        } else if ("\\^$.()|*+?{}".indexOf(c) >= 0) {
            return null;
        } else {
            chars = String.valueOf(c);
            next = i + 1;
        }
        if (next < regex.length() && "?*".indexOf(regex.charAt(next)) >= 0) return null;   // optional start
        if (regex.startsWith("{0", next)) return null;
        return chars.isEmpty() ? null : chars;
    }

    private static String classChars(String body) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            if (c == '\\') {
                if (k + 1 < body.length() && body.charAt(k + 1) == 'd') {
                    b.append("0123456789");
                    k++;
                    continue;
                }
                return null;
            }
            if (k + 2 < body.length() && body.charAt(k + 1) == '-') {
                char to = body.charAt(k + 2);
                if (to - c > 64) return null;
                for (char x = c; x <= to; x++) b.append(x);
                k += 2;
                continue;
            }
            b.append(c);
        }
        return b.toString();
    }

    private static int closingParen(String s, int open) {
        int depth = 0;
        for (int k = open; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == '[') {
                int close = s.indexOf(']', k + 1);
                if (close < 0) return -1;
                k = close;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return k;
            }
        }
        return -1;
    }

    private static List<String> splitTopLevel(String s) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c == '\\') {
                k++;
            } else if (c == '[') {
                int close = s.indexOf(']', k + 1);
                if (close < 0) return List.of(s);
                k = close;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(s.substring(from, k));
                from = k + 1;
            }
        }
        out.add(s.substring(from));
        return out;
    }
}
