package io.kefutrainer.scenario;

import io.kefutrainer.scoring.Annotations;
import io.kefutrainer.scoring.ExpectedFact;
import io.kefutrainer.scoring.FactCheck;
import io.kefutrainer.scoring.Politeness;
import io.kefutrainer.scoring.ReplyInput;
import io.kefutrainer.scoring.Scorer;
import io.kefutrainer.scoring.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NOT the real scorer: a stand-in until the scoring package's Scorer is wired in {@link ScorerSource}.
 * It only finds expected facts (plain substring of an accepted wording) and an offered price
 * (a number followed by 元/块 or preceded by ¥); politeness is always neutral, violations never found.
 */
public final class PlaceholderScorer implements Scorer {

    private static final Pattern PRICE = Pattern.compile("(?:[¥￥]\\s*(\\d+(?:\\.\\d+)?))|(?:(\\d+(?:\\.\\d+)?)\\s*(?:元|块))");

    @Override
    public Annotations score(ReplyInput input) {
        String text = input.text();
        List<String> expected = new ArrayList<>();
        List<String> matched = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (ExpectedFact fact : input.expected()) {
            expected.add(fact.fact());
            boolean found = fact.any().stream().anyMatch(w -> text.toLowerCase().contains(w.toLowerCase()));
            (found ? matched : missing).add(fact.fact());
        }
        return new Annotations(new Politeness(0, Verdict.neutral, List.of()), List.of(),
                new FactCheck(expected, matched, missing), offeredPrice(text), null);
    }

    static Double offeredPrice(String text) {
        Matcher m = PRICE.matcher(text);
        if (!m.find()) {
            return null;
        }
        return Double.parseDouble(m.group(1) != null ? m.group(1) : m.group(2));
    }
}
