package io.kefutrainer.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefutrainer.scoring.Calibration;
import io.kefutrainer.scoring.Verdict;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads labelled replies, one JSON object a line (scenarios/model/train/*.jsonl, `calibrate` and `train-model`
 * files, the calibration export): {"id","text","buyer"?,"first"?,"verdict","violations":[…],"trap"?}.
 * Every bad line is reported with its number, none is skipped silently.
 */
public final class LabelledLines {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_TEXT = 2000;

    private LabelledLines() {
    }

    /** A line that is not a labelled reply; `line` counts from 1. */
    public static final class BadLine extends Exception {
        private final int line;

        public BadLine(int line, String message) {
            super(message);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** Reads one line of a labelled file. */
    public static Calibration.Labelled parse(String line, int lineNo) throws BadLine {
        JsonNode n;
        try {
            n = JSON.readTree(line);
        } catch (Exception e) {
            throw new BadLine(lineNo, "not valid JSON: " + firstLine(e.getMessage()));
        }
        if (n == null || !n.isObject()) {
            throw new BadLine(lineNo, "expected a JSON object");
        }
        JsonNode id = n.get("id");
        if (id == null || !(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
            throw new BadLine(lineNo, "missing \"id\" (a string or a number)");
        }
        JsonNode text = n.get("text");
        if (text == null || !text.isTextual() || text.asText().isBlank()) {
            throw new BadLine(lineNo, "missing \"text\" (a non-empty string)");
        }
        if (text.asText().length() > MAX_TEXT) {
            throw new BadLine(lineNo, "\"text\" is longer than " + MAX_TEXT + " characters");
        }
        List<String> buyer = new ArrayList<>();
        JsonNode b = n.get("buyer");
        if (b != null && !b.isNull()) {
            if (b.isTextual()) {
                buyer.add(b.asText());
            } else if (b.isArray()) {
                for (JsonNode x : b) {
                    if (!x.isTextual()) throw new BadLine(lineNo, "\"buyer\" must be a string or a list of strings");
                    buyer.add(x.asText());
                }
            } else {
                throw new BadLine(lineNo, "\"buyer\" must be a string or a list of strings");
            }
        }
        JsonNode v = n.get("verdict");
        if (v == null || !v.isTextual()) {
            throw new BadLine(lineNo, "missing \"verdict\" (polite, neutral or impolite)");
        }
        Verdict verdict;
        try {
            verdict = Verdict.valueOf(v.asText());
        } catch (IllegalArgumentException e) {
            throw new BadLine(lineNo, "unknown verdict '" + v.asText() + "' (polite, neutral or impolite)");
        }
        JsonNode vs = n.get("violations");
        if (vs == null || !vs.isArray()) {
            throw new BadLine(lineNo, "missing \"violations\" (a list of categories, [] for none)");
        }
        Set<String> violations = new TreeSet<>();
        for (JsonNode c : vs) {
            if (!c.isTextual() || !Calibration.CATEGORIES.contains(c.asText())) {
                throw new BadLine(lineNo, "unknown violation category " + c + " (one of " + String.join(", ", Calibration.CATEGORIES) + ")");
            }
            violations.add(c.asText());
        }
        JsonNode trap = n.get("trap");
        if (trap != null && !trap.isNull() && !trap.isBoolean()) {
            throw new BadLine(lineNo, "\"trap\" must be true or false");
        }
        JsonNode first = n.get("first");
        if (first != null && !first.isNull() && !first.isBoolean()) {
            throw new BadLine(lineNo, "\"first\" must be true or false");
        }
        boolean isTrap = trap != null && trap.asBoolean(false);
        if (isTrap && !violations.isEmpty()) {
            throw new BadLine(lineNo, "a trap is a correct reply: its \"violations\" must be []");
        }
        return new Calibration.Labelled(id.asText(), text.asText(), buyer, first != null && first.asBoolean(false), verdict,
                violations, isTrap);
    }

    /** Reads a whole file's lines; every bad line is reported, none is skipped silently. */
    public static List<Calibration.Labelled> parseAll(List<String> lines, List<BadLine> problems) {
        List<Calibration.Labelled> out = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            try {
                Calibration.Labelled l = parse(line, i + 1);
                if (!ids.add(l.id())) {
                    throw new BadLine(i + 1, "duplicate id '" + l.id() + "'");
                }
                out.add(l);
            } catch (BadLine e) {
                problems.add(e);
            }
        }
        return out;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
