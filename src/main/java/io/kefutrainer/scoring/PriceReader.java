package io.kefutrainer.scoring;

import java.util.List;

/**
 * Reads the price a trainee offers ("给您149元", "149包邮", "算您一百四十九"): a number after an offer cue or
 * before a price unit, and not after a discount cue ("减20", "优惠10元" are amounts off). The last such number
 * wins, as the trainee's final word.
 */
final class PriceReader {

    private static final int OFFER = 0;
    private static final int UNIT = 1;
    private static final int END = 2;
    private static final int DISCOUNT = 3;

    Double offerPrice(ReplyText reply) {
        String text = reply.text;
        if (!hasDigit(text)) return null;
        List<PhraseIndex.Hit> cues = reply.lexicon(ReplyText.PRICE);
        int[] roles = new int[cues.size()];
        for (int k = 0; k < roles.length; k++) roles[k] = role(cues.get(k).ref().entry().role());
        Double price = null;
        int n = text.length();
        int i = 0;
        while (i < n) {
            // a number: \d+(?:\.\d+)?
            if (!isDigit(text.charAt(i))) {
                i++;
                continue;
            }
            int s = i;
            int e = i;
            while (e < n && isDigit(text.charAt(e))) e++;
            if (e + 1 < n && text.charAt(e) == '.' && isDigit(text.charAt(e + 1))) {
                e += 2;
                while (e < n && isDigit(text.charAt(e))) e++;
            }
            i = e;
            if (s > 0 && Character.isLetter(text.charAt(s - 1)) && Normalizer.isAsciiAlnum(text.charAt(s - 1))) continue;
            if (endsNear(cues, roles, DISCOUNT, s, 1, reply)) continue;
            boolean unitAfter = startsAt(cues, roles, UNIT, e);
            boolean cueBefore = endsNear(cues, roles, OFFER, s, 2, reply);
            boolean clauseEnds = e == n || Normalizer.isClauseBreak(text.charAt(e)) || text.charAt(e) == '~'
                    || startsAt(cues, roles, END, e);
            if (unitAfter || (cueBefore && clauseEnds)) price = Double.parseDouble(text.substring(s, e));
        }
        return price;
    }

    private static int role(String role) {
        if (role == null) return -1;
        return switch (role) {
            case "offer" -> OFFER;
            case "unit" -> UNIT;
            case "end" -> END;
            case "discount" -> DISCOUNT;
            default -> -1;
        };
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean startsAt(List<PhraseIndex.Hit> cues, int[] roles, int role, int at) {
        for (int k = 0; k < roles.length; k++) {
            if (roles[k] == role && cues.get(k).start() == at) return true;
        }
        return false;
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') return true;
        }
        return false;
    }

    private static boolean endsNear(List<PhraseIndex.Hit> cues, int[] roles, int role, int at, int gap, ReplyText reply) {
        for (int k = 0; k < roles.length; k++) {
            if (roles[k] != role) continue;
            PhraseIndex.Hit h = cues.get(k);
            if (h.end() <= at && at - h.end() <= gap && reply.sameClause(h.start(), at)) return true;
        }
        return false;
    }
}
