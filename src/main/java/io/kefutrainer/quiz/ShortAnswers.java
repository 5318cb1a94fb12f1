package io.kefutrainer.quiz;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How typed answers are compared: 全角 and 半角 are the same (NFKC), case does not matter, spaces and
 * trailing punctuation are ignored. Trainees type on Chinese IMEs, which switch width and punctuation freely.
 */
public final class ShortAnswers {
    private ShortAnswers() {
    }

    public static String normalise(String s) {
        if (s == null) {
            return "";
        }
        String n = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        n = n.replaceAll("[\\s\\u3000]+", "");
        return n.replaceAll("[。.!!??,,、;;]+$", "");
    }

    public static boolean same(String a, String b) {
        return normalise(a).equals(normalise(b));
    }

    /** Parses a typed number: full-width digits, thousands separators and a trailing % or unit are accepted. */
    public static Double number(String s) {
        String n = Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFKC).strip()
                .replace(",", "").replaceAll("[%元秒分钟个件天小时]+$", "").strip();
        try {
            return n.isEmpty() ? null : Double.parseDouble(n);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
