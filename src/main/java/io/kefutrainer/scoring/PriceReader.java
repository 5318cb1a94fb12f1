package io.kefutrainer.scoring;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the price a trainee offers ("给您149元", "149包邮", "算您一百四十九"): a number after an offer cue or
 * before a price unit, and not after a discount cue ("减20", "优惠10元" are amounts off). The last such number
 * wins, as the trainee's final word.
 */
final class PriceReader {

    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    Double offerPrice(ReplyText reply) {
        if (!hasDigit(reply.text)) return null;
        List<PhraseIndex.Hit> offer = new ArrayList<>();
        List<PhraseIndex.Hit> unit = new ArrayList<>();
        List<PhraseIndex.Hit> end = new ArrayList<>();
        List<PhraseIndex.Hit> discount = new ArrayList<>();
        for (PhraseIndex.Hit h : reply.lexicon(ReplyText.PRICE)) {
            switch (String.valueOf(h.ref().entry().role())) {
                case "offer" -> offer.add(h);
                case "unit" -> unit.add(h);
                case "end" -> end.add(h);
                case "discount" -> discount.add(h);
                default -> { }
            }
        }
        Double price = null;
        Matcher m = NUMBER.matcher(reply.text);
        while (m.find()) {
            int s = m.start();
            int e = m.end();
            if (s > 0 && Character.isLetter(reply.text.charAt(s - 1)) && Normalizer.isAsciiAlnum(reply.text.charAt(s - 1))) continue;
            if (endsNear(discount, s, 1, reply)) continue;
            boolean unitAfter = unit.stream().anyMatch(h -> h.start() == e);
            boolean cueBefore = endsNear(offer, s, 2, reply);
            boolean clauseEnds = e == reply.text.length() || Normalizer.isClauseBreak(reply.text.charAt(e))
                    || reply.text.charAt(e) == '~' || end.stream().anyMatch(h -> h.start() == e);
            if (unitAfter || (cueBefore && clauseEnds)) price = Double.parseDouble(m.group());
        }
        return price;
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') return true;
        }
        return false;
    }

    private static boolean endsNear(List<PhraseIndex.Hit> cues, int at, int gap, ReplyText reply) {
        for (PhraseIndex.Hit h : cues) {
            if (h.end() <= at && at - h.end() <= gap && reply.sameClause(h.start(), at)) return true;
        }
        return false;
    }
}
