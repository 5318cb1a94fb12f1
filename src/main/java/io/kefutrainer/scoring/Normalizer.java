package io.kefutrainer.scoring;

import java.util.Map;
import java.util.Set;

/**
 * Brings a reply and every lexicon phrase to one canonical form so that spelling tricks and typing habits do
 * not defeat matching: full-width to half-width, lower case, spaces dropped (kept only between two ASCII
 * words), emoji dropped except hearts (which stand for 信 in "加❤"), filler symbols between characters
 * dropped ("加*微*信"), traditional to simplified characters, and Chinese numerals to Arabic digits
 * ("三天" = "3天", "一百四十九" = "149", "幺三八" = "138"). Each output character remembers the original
 * characters it came from, so a span in the normalised text maps back into the reply as sent.
 */
public final class Normalizer {

    private static final String DIGITS = "零〇一二三四五六七八九";
    private static final String FORMAL_DIGITS = "零〇壹贰叁肆伍陆柒捌玖";

    /** Lookup tables over the Basic Multilingual Plane: one array read per character on the hot path. */
    private static final boolean[] NUMERAL = new boolean[0x10000];

    static {
        for (char c : (DIGITS + FORMAL_DIGITS + "两幺十百千拾佰仟").toCharArray()) NUMERAL[c] = true;
    }

    private final char[] simplified = new char[0x10000];
    /**
     * The common Han block alone, each character's output (its simplified form, or itself) and 0 for a numeral: one
     * read from a 42 KB table per character instead of two from 64 and 128 KB ones.
     */
    private static final char HAN_FIRST = 0x4E00;
    private static final char HAN_LAST = 0x9FFF;
    private final char[] han = new char[HAN_LAST - HAN_FIRST + 1];
    private final boolean[] heartBmp = new boolean[0x10000];
    private final Set<Integer> hearts;

    public Normalizer(Map<Integer, Integer> traditional, Set<Integer> hearts) {
        traditional.forEach((from, to) -> {
            if (from <= 0xFFFF && to <= 0xFFFF) simplified[from] = (char) (int) to;
        });
        for (char c = HAN_FIRST; c <= HAN_LAST; c++) {
            han[c - HAN_FIRST] = NUMERAL[c] ? 0 : simplified[c] != 0 ? simplified[c] : c;
        }
        this.hearts = Set.copyOf(hearts);
        hearts.forEach(h -> {
            if (h <= 0xFFFF) heartBmp[h] = true;
        });
    }

    /** Clause and sentence punctuation survives normalisation: the scorer reads context inside clauses. */
    public static boolean isClauseBreak(char c) {
        return c == ',' || c == '.' || c == '!' || c == '?' || c == ';' || c == ':' || c == '\n';
    }

    public static boolean isSentenceBreak(char c) {
        return c == '.' || c == '!' || c == '?' || c == ';' || c == '\n';
    }

    public NormalizedText normalize(String original) {
        int n = original.length();
        Output out = OUTPUT.get().reset(n);
        int i = 0;
        while (i < n) {
            char ch = original.charAt(i);
            if (ch >= HAN_FIRST && ch <= HAN_LAST) {                     // common Han: the hot path
                char s = han[ch - HAN_FIRST];
                if (s != 0) {                                             // not a numeral
                    out.append(s, i, i + 1);
                    i++;
                    continue;
                }
            }
            int numeralEnd = numeralRunEnd(original, i);
            if (numeralEnd == i + 1 && unit(ch) == 0) {                 // one digit numeral (一下, 两件): numeralValue's answer
                out.append((char) ('0' + digit(ch)), i, numeralEnd);
                i = numeralEnd;
                continue;
            }
            if (numeralEnd > i) {
                String digits = numeralValue(original.substring(i, numeralEnd));
                if (digits != null) {
                    for (int k = 0; k < digits.length(); k++) out.append(digits.charAt(k), i, numeralEnd);
                    i = numeralEnd;
                    continue;
                }
            }
            int cp = original.codePointAt(i);
            int width = Character.charCount(cp);
            int mapped = map(cp, original, i, width, out);
            if (mapped >= 0) out.append((char) mapped, i, i + width);
            i += width;
        }
        return out.result(original);
    }

    /** Normalises a phrase from the content files; phrases and replies must go through the same function. */
    public String normalizePhrase(String phrase) {
        return normalize(phrase).text();
    }

    /**
     * One working buffer per thread (normalize() never calls itself): the result copies out what it keeps, so the
     * three arrays are not allocated again for every reply.
     */
    private static final ThreadLocal<Output> OUTPUT = ThreadLocal.withInitial(() -> new Output(64));

    /** Normalised characters with, for each, the original span it came from. */
    private static final class Output {
        char[] text;
        int[] starts;
        int[] ends;
        int length;

        Output(int capacity) {
            text = new char[capacity + 4];
            starts = new int[capacity + 4];
            ends = new int[capacity + 4];
        }

        Output reset(int capacity) {
            if (text.length < capacity + 4) {
                text = new char[capacity + 4];
                starts = new int[capacity + 4];
                ends = new int[capacity + 4];
            }
            length = 0;
            return this;
        }

        void append(char c, int start, int end) {
            int at = length;
            if (at == starts.length) {
                text = java.util.Arrays.copyOf(text, at * 2);
                starts = java.util.Arrays.copyOf(starts, at * 2);
                ends = java.util.Arrays.copyOf(ends, at * 2);
            }
            text[at] = c;
            starts[at] = start;
            ends[at] = end;
            length = at + 1;
        }

        char last() {
            return text[length - 1];
        }

        NormalizedText result(String original) {
            int len = length;
            return new NormalizedText(original, new String(text, 0, len), java.util.Arrays.copyOf(starts, len),
                    java.util.Arrays.copyOf(ends, len));
        }
    }

    /** Returns the canonical character for cp, or -1 to drop it. */
    private int map(int cp, String s, int i, int width, Output out) {
        if (cp >= 0x4E00 && cp <= 0x9FFF) return simplified[cp] != 0 ? simplified[cp] : cp;   // common Han: the hot path
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;           // full-width ASCII
        if (cp == 0x3000) cp = ' ';
        if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
            if (cp == '\n' || cp == '\r') return out.length > 0 && out.last() == '\n' ? -1 : '\n';
            if (keepSpaceBetweenWords(s, i, width, out)) return ' ';
            return spaceSeparatesPhrases(s, i, width, out) ? ',' : -1;
        }
        if (cp <= 0xFFFF ? heartBmp[cp] : hearts.contains(cp)) return '❤';
        switch (cp) {
            case '。', '．', '…' -> { return '.'; }
            case '，' -> { return ','; }
            case '、' -> { return '/'; }                 // a list, not a clause: 微信、QQ我们都不用
            case '！' -> { return '!'; }
            case '？' -> { return '?'; }
            case '；' -> { return ';'; }
            case '：' -> { return ':'; }
            case '～', '〜' -> { return '~'; }
            case '—', '–', '-', '_', '*', '|', '·', '•', '^', '`', '#', '=' -> { return -1; }
            default -> { }
        }
        int type = Character.getType(cp);
        if (type == Character.OTHER_SYMBOL || type == Character.MODIFIER_SYMBOL || type == Character.FORMAT
                || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                || type == Character.SURROGATE || type == Character.PRIVATE_USE || type == Character.CONTROL) {
            return -1;                                                // emoji, variation selectors, ZWJ
        }
        if (cp > 0xFFFF) return -1;
        if (simplified[cp] != 0) cp = simplified[cp];
        return Character.toLowerCase(cp);
    }

    /** "add me" keeps its space, but "v x" and "加 微 信" are closed up (a dodge, not two words). */
    private static boolean keepSpaceBetweenWords(String s, int i, int width, Output out) {
        if (out.length > 0 && out.last() == ' ') return false;
        int before = 0;
        for (int k = out.length - 1; k >= 0 && isAsciiLetter(out.text[k]); k--) before++;
        if (before < 2) return false;
        int j = i + width;
        while (j < s.length() && Character.isWhitespace(s.charAt(j))) j++;
        int after = 0;
        while (j < s.length() && isAsciiLetter(s.charAt(j))) {
            after++;
            j++;
        }
        return after >= 2;
    }

    /**
     * In chat a space often separates two phrases ("亲 私下拍不用付运费 转账就行"): between two runs of at least two
     * Han characters it becomes a clause break, so a negation or quotation does not reach across it. A space
     * inside a dodge ("加 微 信", single characters) is still closed up.
     */
    private static boolean spaceSeparatesPhrases(String s, int i, int width, Output out) {
        if (out.length < 2 || !isHan(out.text[out.length - 1]) || !isHan(out.text[out.length - 2])) return false;
        int j = i + width;
        while (j < s.length() && Character.isWhitespace(s.charAt(j))) j++;
        return j + 1 < s.length() && isHan(s.charAt(j)) && isHan(s.charAt(j + 1));
    }

    /** A Han character that is not a numeral (digits spelt 一三八 may be spaced out as a dodge). */
    private static boolean isHan(char c) {
        return c >= 0x4E00 && c <= 0x9FFF && !NUMERAL[c];
    }

    static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean isAsciiAlnum(char c) {
        return isAsciiLetter(c) || (c >= '0' && c <= '9');
    }

    private static boolean isNumeral(char c) {
        return NUMERAL[c];
    }

    private int numeralRunEnd(String s, int i) {
        int j = i;
        while (j < s.length() && isNumeral(s.charAt(j))) j++;
        return j;
    }

    /**
     * Value of a run of Chinese numerals as Arabic digits, or null to leave the run as it is (a bare 百 or 千
     * with no digit is a word, as in 百搭 or 千万).
     */
    static String numeralValue(String run) {
        boolean positional = false;
        boolean hasDigit = false;
        for (int k = 0; k < run.length(); k++) {
            char c = run.charAt(k);
            if (c == '十' || c == '拾' || c == '百' || c == '佰' || c == '千' || c == '仟') positional = true;
            else hasDigit = true;
            if (c == '十' || c == '拾') hasDigit = true;              // 十 alone is ten: 十天
        }
        if (!hasDigit) return null;
        if (!positional) {
            StringBuilder b = new StringBuilder(run.length());
            for (int k = 0; k < run.length(); k++) b.append((char) ('0' + digit(run.charAt(k))));
            return b.toString();
        }
        long total = 0;
        int current = 0;
        boolean digitSeen = false;
        for (int k = 0; k < run.length(); k++) {
            char c = run.charAt(k);
            int unit = unit(c);
            if (unit == 0) {
                current = digit(c);
                digitSeen = true;
            } else {
                // 十五 = 15 and 一百十 = 110: a unit with no digit before it counts once
                total += (long) (digitSeen || current > 0 ? current : 1) * unit;
                current = 0;
                digitSeen = false;
            }
        }
        return Long.toString(total + current);
    }

    private static int unit(char c) {
        return switch (c) {
            case '十', '拾' -> 10;
            case '百', '佰' -> 100;
            case '千', '仟' -> 1000;
            default -> 0;
        };
    }

    private static int digit(char c) {
        if (c == '两') return 2;
        if (c == '幺') return 1;
        int d = DIGITS.indexOf(c);
        if (d >= 0) return d <= 1 ? 0 : d - 1;
        d = FORMAL_DIGITS.indexOf(c);
        return d <= 1 ? 0 : d - 1;
    }
}
