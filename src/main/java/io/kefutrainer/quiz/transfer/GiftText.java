package io.kefutrainer.quiz.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** GIFT's escaped text: finding and splitting on unescaped tokens, unescaping, and the numbers a bank may hold. */
final class GiftText {

    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d{1,3})?");

    private GiftText() {
    }

    /** Index of an unescaped token at or after `from`, or -1. */
    static int find(String s, String token, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.startsWith(token, i)) {
                return i;
            }
        }
        return -1;
    }

    static List<String> split(String s, String token) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = find(s, token, 0); i >= 0; i = find(s, token, start)) {
            parts.add(s.substring(start, i));
            start = i + token.length();
        }
        parts.add(s.substring(start));
        return parts;
    }

    static String withoutFeedback(String s) {
        return split(s, "#").get(0);
    }

    static String firstPart(String s) {
        return split(s, "#").get(0).strip();
    }

    static int skipSpace(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == 'n') {
                    b.append('\n');
                    i++;
                    continue;
                }
                if (":=~#{}\\".indexOf(n) >= 0) {
                    b.append(n);
                    i++;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }

    /** A plain finite decimal: Java's parseDouble also takes NaN, Infinity, hex and 1d/1f, which no bank may hold. */
    static double decimal(String s) {
        String t = s.strip();
        if (t.length() > 40 || !DECIMAL.matcher(t).matches()) {
            throw new NumberFormatException(t);
        }
        double d = Double.parseDouble(t);
        if (!Double.isFinite(d)) {
            throw new NumberFormatException(t);
        }
        return d;
    }
}
