package io.kefutrainer.scenario.engine;

import io.kefutrainer.scenario.model.Branch;
import io.kefutrainer.scenario.model.Condition;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.Step;
import io.kefutrainer.scoring.Annotations;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A branch's `when:` tested against a scored reply, and said back in the words of the scenario file. */
final class BranchConditions {

    private BranchConditions() {
    }

    /** @param heard points heard since the last branch, this reply's included: has:/missing: test these */
    static boolean matches(Condition c, Annotations a, Set<String> heard, int attempts, Scenario scenario) {
        if (c.isSilence()) {
            return false;
        }
        if (c.impolite() != null && c.impolite() != a.impolite()) {
            return false;
        }
        if (c.apology() != null && c.apology() != a.hasFinding("apology")) {
            return false;
        }
        if (!idTest(c.forbidden(), a.forbiddenIds().contains(c.forbidden()), a.forbiddenIds().isEmpty())) {
            return false;
        }
        if (!idTest(c.violation(), a.violationCategories().contains(c.violation()), a.violationCategories().isEmpty())) {
            return false;
        }
        if (!heard.containsAll(c.has())) {
            return false;
        }
        if (!c.missing().isEmpty() && heard.containsAll(c.missing())) {
            return false;
        }
        if (c.offerPrice() != null && !offerTest(c.offerPrice(), a.offerPrice(), scenario.product().floorPrice())) {
            return false;
        }
        return c.attempts() == null || attempts >= c.attempts();
    }

    private static boolean idTest(String wanted, boolean containsWanted, boolean noneFound) {
        if (wanted == null) {
            return true;
        }
        if (wanted.equals(Condition.ANY)) {
            return !noneFound;
        }
        if (wanted.equals(Condition.NONE)) {
            return noneFound;
        }
        return containsWanted;
    }

    private static boolean offerTest(Condition.OfferPrice test, Double offer, Double floor) {
        return switch (test) {
            case any -> offer != null;
            case none -> offer == null;
            case below_floor -> offer != null && floor != null && offer < floor;
            case at_or_above_floor -> offer != null && floor != null && offer >= floor;
        };
    }

    /**
     * Whether the step decides itself what a rude or rule-breaking reply does (a branch on impolite:, violation:
     * or forbidden:, or an else: that takes any reply); otherwise the engine's default reaction applies.
     */
    static boolean handlesOffence(Step step) {
        for (Branch b : step.branches()) {
            if (b.isFallback()) return true;
            Condition c = b.when();
            if (c != null && (c.impolite() != null || c.violation() != null || c.forbidden() != null)) return true;
        }
        return false;
    }

    /** A branch in the words of the scenario file, for the trace, the trainer diagram and test output. */
    static String describe(Branch b) {
        if (b.isFallback()) {
            return "else";
        }
        Condition c = b.when();
        List<String> parts = new ArrayList<>();
        if (c.impolite() != null) parts.add("impolite: " + c.impolite());
        if (c.apology() != null) parts.add("apology: " + c.apology());
        if (c.forbidden() != null) parts.add("forbidden: " + flag(c.forbidden()));
        if (c.violation() != null) parts.add("violation: " + flag(c.violation()));
        if (!c.has().isEmpty()) parts.add("has: " + String.join(",", c.has()));
        if (!c.missing().isEmpty()) parts.add("missing: " + String.join(",", c.missing()));
        if (c.offerPrice() != null) parts.add("offer_price: " + c.offerPrice());
        if (c.silenceS() != null) parts.add("silence_s: " + c.silenceS());
        if (c.attempts() != null) parts.add("attempts: " + c.attempts());
        return "when {" + String.join(", ", parts) + "}";
    }

    private static String flag(String value) {
        return value.equals(Condition.ANY) ? "true" : value.equals(Condition.NONE) ? "false" : value;
    }
}
