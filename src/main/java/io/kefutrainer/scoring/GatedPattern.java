package io.kefutrainer.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A content regex with gates worked out from the regex once: the literal text any match must contain (one of
 * 帮您|帮你|可以, then 查, ...) and the characters it can start with. The gate literals go into the phrase
 * automaton, so the one Aho-Corasick pass over a reply also tells which patterns could match; the others are
 * skipped without running the regex engine, which costs far more than the scan on short replies. A pattern with
 * no gate always runs.
 */
final class GatedPattern {

    /** At most this many gate lists per pattern (one bit each in the reply's mask). */
    private static final int MAX_GATES = 30;

    private final int id;
    private final Pattern pattern;
    /** The characters a match can start with (the fast start's lookahead), or null when not known. */
    private final String starts;
    /**
     * A one-word filter over {@link #starts}: bit {@link #bit} of each start character is set, so most characters of
     * a reply are passed over without searching the list (a search per character was most of a run's cost).
     */
    private final long startBits;
    /** A matcher per thread, reset for each reply (a new one is a dozen small arrays). */
    private final ThreadLocal<Matcher> matcher;
    private final List<List<String>> gates;   // a match contains one string of every list; empty: no gate
    private final int fullMask;
    private final int minDigits;

    GatedPattern(int id, String regex) {
        this.id = id;
        this.pattern = Pattern.compile(fastStart(regex));
        this.starts = firstChars(regex);
        long bits = 0;
        if (starts != null) for (int i = 0; i < starts.length(); i++) bits |= 1L << bit(starts.charAt(i));
        this.startBits = bits;
        this.matcher = ThreadLocal.withInitial(() -> pattern.matcher(""));
        List<List<String>> required = new ArrayList<>(requiredLiterals(regex));
        // the first characters are a weaker gate: only when the regex has no required literal
        String start = required.isEmpty() ? starts : null;
        if (start != null) {
            List<String> first = new ArrayList<>();
            for (char c : start.toCharArray()) first.add(String.valueOf(c));
            required.add(first);
        }
        this.minDigits = minDigits(regex);
        // a gate that fires on almost every reply (",", "的", a digit) costs a hit per occurrence and filters
        // nothing: dropped when another gate remains, or (digits) when the digit count gates the regex already
        List<List<String>> useful = new ArrayList<>();
        for (List<String> g : required) if (!weak(g)) useful.add(g);
        if (useful.isEmpty()) {
            for (List<String> g : required) if (!(minDigits > 0 && digitsOnly(g))) useful.add(g);
        }
        // every gate literal is a keyword of the one scan, and a common single character (到, 拍, 就) is a hit on
        // most replies: when a gate of longer literals exists it filters enough, so single-character gates go
        boolean longGate = false;
        for (List<String> g : useful) if (shortest(g) >= 2) longGate = true;
        if (longGate) useful.removeIf(g -> shortest(g) < 2);
        this.gates = List.copyOf(useful.subList(0, Math.min(MAX_GATES, useful.size())));
        this.fullMask = (1 << gates.size()) - 1;
    }

    /**
     * The engine tries a regex at every position of the reply, and each try walks every alternative of a leading
     * group ("(?:她|他|那个人|…|老客户)…" is twenty tries a position) or tests a leading lookbehind
     * ("(?&lt;!(?:快递|驿站…)[^.]{0,8})1[3-9]…" cost tens of microseconds a reply). When the characters a match can
     * start with are known, a one-character lookahead in front fails fast everywhere else; same matches (the
     * group keeps a top-level alternation behind the lookahead and adds no capturing group).
     */
    static String fastStart(String regex) {
        String first = firstChars(regex);
        if (first == null) return regex;
        StringBuilder b = new StringBuilder("(?=[");
        for (char c : first.toCharArray()) {
            if (!Character.isLetterOrDigit(c) && c < 0x80) b.append('\\');
            b.append(c);
        }
        return b.append("])(?:").append(regex).append(')').toString();
    }

    /** Single characters common in any reply: punctuation, digits and the commonest particles. */
    private static final String COMMON = ",.!?;:~0123456789的了是我你您有在不";

    private static boolean weak(List<String> gate) {
        for (String literal : gate) if (literal.length() > 1 || COMMON.indexOf(literal.charAt(0)) < 0) return false;
        return true;
    }

    private static int shortest(List<String> gate) {
        int min = Integer.MAX_VALUE;
        for (String literal : gate) min = Math.min(min, literal.length());
        return min;
    }

    private static boolean digitsOnly(List<String> gate) {
        for (String literal : gate) if (literal.length() != 1 || literal.charAt(0) < '0' || literal.charAt(0) > '9') return false;
        return true;
    }

    int id() {
        return id;
    }

    private static final int[] NO_MATCHES = new int[0];

    /**
     * The matches over the reply when its scan found every gate, as successive {@link Matcher#find()} calls give
     * them, empty matches left out: start and end of each, side by side (none: an empty array).
     */
    int[] matches(ReplyText reply) {
        if (!reply.ready(id) || reply.digits() < minDigits) return NO_MATCHES;
        return matches(reply.text);
    }

    /** The same over a scan's text and count of digits. */
    int[] matches(PhraseIndex.Scan scan, String text, int digits) {
        if (!scan.isReady(id) || digits < minDigits) return NO_MATCHES;
        return matches(text);
    }

    /**
     * {@code find()} tries the regex at every position, and a position costs a walk through the fast start's
     * character class, which Java builds as a chain of one-character tests (0.6–4 µs a reply for a class of twenty
     * CJK characters). The same matches come from trying only where a match can start: the region starts there,
     * its bounds transparent (lookbehinds see the text before) and not anchoring (^ is the reply's start only).
     */
    int[] matches(String text) {
        int n = text.length();
        // the gates passed on other words ("查…电话" gated on 电话): without a start character nothing can match
        if (starts != null && nextStart(text, 0) < 0) return NO_MATCHES;
        Matcher m = matcher.get().reset(text);
        int[] out = NO_MATCHES;
        int count = 0;
        if (starts != null) m.useTransparentBounds(true).useAnchoringBounds(false);
        int from = 0;
        while (from <= n) {
            boolean found;
            if (starts == null) {
                found = m.find(from);
            } else {
                found = false;
                for (int i = nextStart(text, from); i >= 0 && !found; i = nextStart(text, i + 1)) {
                    m.region(i, n);
                    found = m.lookingAt();
                }
            }
            if (!found) break;
            int s = m.start();
            int e = m.end();
            // as find() goes on: after the match, or one further after an empty one
            from = e > s ? e : e + 1;
            if (e <= s) continue;
            if (count + 2 > out.length) out = java.util.Arrays.copyOf(out, Math.max(4, out.length * 2));
            out[count++] = s;
            out[count++] = e;
        }
        return count == out.length ? out : java.util.Arrays.copyOf(out, count);
    }

    /** The first position at or after from where a match can start, or -1. */
    private int nextStart(String text, int from) {
        for (int i = from, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if ((startBits & (1L << bit(c))) != 0 && starts.indexOf(c) >= 0) return i;
        }
        return -1;
    }

    private static int bit(char c) {
        return (c * 0x9E3779B9) >>> 26;
    }

    /** One bit per gate list: the scan has found them all when its mask for this pattern equals this. */
    int fullMask() {
        return fullMask;
    }

    /** How many ASCII digits a text has (the other gate: a phone-number regex cannot match a text with two). */
    static int digits(String text) {
        int n = 0;
        for (int i = 0, len = text.length(); i < len; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') n++;
        }
        return n;
    }

    int minDigits() {
        return minDigits;
    }

    /**
     * The fewest ASCII digits any match of the regex contains: literal digits, {@code \d} and classes of digits
     * only, times their minimum repetition; groups counted through, lookarounds and other constructs count 0
     * (so the figure can only be too low, never too high).
     */
    static int minDigits(String regex) {
        List<String> alternatives = splitTopLevel(regex);
        if (alternatives.size() > 1) {
            int min = Integer.MAX_VALUE;
            for (String alternative : alternatives) min = Math.min(min, minDigits(alternative));
            return min;
        }
        int total = 0;
        int i = 0;
        int len = regex.length();
        while (i < len) {
            char c = regex.charAt(i);
            int digits;
            int next;
            if (c == '\\') {
                digits = i + 1 < len && regex.charAt(i + 1) == 'd' ? 1 : 0;
                next = i + 2;
            } else if (c == '[') {
                int close = regex.indexOf(']', i + 1);
                if (close < 0) return total;
                String body = regex.substring(i + 1, close);
                String chars = body.startsWith("^") ? null : classChars(body);
                digits = chars != null && !chars.isEmpty() && chars.chars().allMatch(ch -> ch >= '0' && ch <= '9') ? 1 : 0;
                next = close + 1;
            } else if (c == '(') {
                int close = closingParen(regex, i);
                if (close < 0) return total;
                if (regex.startsWith("(?:", i)) digits = minDigits(regex.substring(i + 3, close));
                else if (regex.startsWith("(?", i)) digits = 0;             // lookaround, flags, named group
                else digits = minDigits(regex.substring(i + 1, close));
                next = close + 1;
            } else if (c >= '0' && c <= '9') {
                digits = 1;
                next = i + 1;
            } else {
                digits = 0;
                next = i + 1;
            }
            int times = 1;
            if (next < len) {
                char q = regex.charAt(next);
                if (q == '?' || q == '*') {
                    times = 0;
                    next++;
                } else if (q == '+') {
                    next++;
                } else if (q == '{') {
                    int close = regex.indexOf('}', next);
                    if (close < 0) return total;
                    String body = regex.substring(next + 1, close);
                    int comma = body.indexOf(',');
                    try {
                        times = Integer.parseInt((comma < 0 ? body : body.substring(0, comma)).trim());
                    } catch (NumberFormatException e) {
                        times = 0;
                    }
                    next = close + 1;
                }
                if (next < len && (regex.charAt(next) == '?' || regex.charAt(next) == '+') && times != 0) next++;   // lazy, possessive
            }
            total += digits * times;
            i = next;
        }
        return total;
    }

    List<List<String>> gates() {
        return gates;
    }

    /**
     * The required elements of a regex: literal runs, and groups of literal alternatives that are not optional.
     * A match contains one alternative of each. Empty when there is none (or the regex is a top-level alternation).
     */
    static List<List<String>> requiredLiterals(String regex) {
        List<List<String>> all = new ArrayList<>();
        if (splitTopLevel(regex).size() > 1) return all;
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
            if (run.length() > 0) all.add(List.of(run.toString()));
            run.setLength(0);
            if (i >= regex.length()) break;
            int next;
            if (c == '(') {
                int close = closingParen(regex, i);
                if (close < 0) return all;
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
                    if (shortest != Integer.MAX_VALUE && shortest > 0) all.add(alternatives);
                }
            } else if (c == '[') {
                int close = regex.indexOf(']', i + 1);
                if (close < 0) return all;
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
        return all;
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
