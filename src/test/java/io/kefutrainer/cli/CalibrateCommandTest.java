package io.kefutrainer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("calibrate command")
class CalibrateCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exit, List<String> out, String err) {
    }

    private static Run calibrate(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new CalibrateCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        return new Run(exit, lines, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("one line per disagreement (id, expected, got, span), then one JSON line with exactly the contract's keys")
    void contract(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("set.jsonl");
        Files.writeString(file, """
                {"id":"ok-1","text":"亲,您好~有的哦,黑色现货","buyer":"有黑色吗","first":true,"verdict":"polite","violations":[]}
                {"id":"vx-2","text":"亲,加我vx:abc12345,私聊给您便宜","buyer":"能便宜吗","verdict":"polite","violations":["off_platform"]}
                {"id":"wrong-3","text":"亲,您好,这款有货的哦,谢谢您","buyer":"有货吗","verdict":"impolite","violations":["privacy"],"trap":false}
                {"id":7,"text":"平台规定不能加微信哦,有问题旺旺找我就好","buyer":"加个微信吧","verdict":"polite","violations":[],"trap":true}
                """);
        Run r = calibrate(file.toString());
        assertEquals(0, r.exit(), r.err());
        JsonNode figures = JSON.readTree(r.out().get(r.out().size() - 1));
        Set<String> keys = new HashSet<>();
        figures.fieldNames().forEachRemaining(keys::add);
        assertEquals(Set.of("n", "accuracy", "kappa", "impolite", "violations", "perCategory", "trapsFlagged"), keys);
        assertEquals(4, figures.get("n").asInt());
        assertEquals(Set.of("precision", "recall"), names(figures.get("impolite")));
        assertEquals(Set.of("off_platform", "review_manipulation", "false_promise", "abuse", "privacy"), names(figures.get("perCategory")));
        assertEquals(0, figures.get("trapsFlagged").asInt(), "a correct refusal is not a violation");
        // the mislabelled line is the disagreement: its id, what the label says and what the scorer says
        List<String> disagreements = r.out().subList(0, r.out().size() - 1);
        assertEquals(1, disagreements.size(), disagreements.toString());
        String line = disagreements.get(0);
        assertTrue(line.startsWith("wrong-3\t"), line);
        assertTrue(line.contains("expected impolite [privacy]") && line.contains("got polite []"), line);
        assertTrue(line.contains("missed [privacy]"), line);
        assertEquals(0.75, figures.get("accuracy").asDouble(), 1e-9);
        assertEquals(0.5, figures.get("violations").get("recall").asDouble(), 1e-9, "1 of 2 labelled violations caught");
        assertEquals(1.0, figures.get("violations").get("precision").asDouble(), 1e-9);
    }

    private static Set<String> names(JsonNode n) {
        Set<String> s = new HashSet<>();
        n.fieldNames().forEachRemaining(s::add);
        return s;
    }

    @Test
    @DisplayName("bad lines: FILE:LINE: message for each, exit 1, nothing scored")
    void badLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.jsonl");
        Files.writeString(file, """
                {"id":"a","text":"好的","verdict":"neutral","violations":[]}
                {"id":"b","text":"好的","violations":[]}
                {"id":"c","text":"好的","verdict":"rude","violations":[]}
                {"id":"d","text":"好的","verdict":"neutral","violations":["false-promise"]}
                not json
                {"id":"a","text":"又一条","verdict":"neutral","violations":[]}
                {"id":"t","text":"加我微信","verdict":"polite","violations":["off_platform"],"trap":true}
                """);
        Run r = calibrate(file.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().isEmpty(), "nothing scored: " + r.out());
        List<String> errors = r.err().lines().toList();
        assertEquals(6, errors.size(), r.err());
        assertTrue(errors.get(0).startsWith(file + ":2: missing \"verdict\""), errors.get(0));
        assertTrue(errors.get(1).startsWith(file + ":3: unknown verdict 'rude'"), errors.get(1));
        assertTrue(errors.get(2).startsWith(file + ":4: unknown violation category \"false-promise\""), errors.get(2));
        assertTrue(errors.get(3).startsWith(file + ":5: not valid JSON"), errors.get(3));
        assertTrue(errors.get(4).startsWith(file + ":6: duplicate id 'a'"), errors.get(4));
        assertTrue(errors.get(5).startsWith(file + ":7: a trap is a correct reply"), errors.get(5));
        assertEquals(1, calibrate(dir.resolve("missing.jsonl").toString()).exit());
    }

    /**
     * An outside count: the same file's replies run through `score` (the public one-line-per-reply command), and
     * the figures counted here from its output by the definitions README gives, independently of Calibration.
     */
    @Test
    @DisplayName("calibrate's figures equal an outside count of `score` output on the blind set")
    void agreesWithAnOutsideCount() throws Exception {
        Path file = Path.of("src/test/resources/scoring/blind3.jsonl");
        List<JsonNode> labels = new ArrayList<>();
        StringBuilder in = new StringBuilder();
        for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (l.isBlank()) continue;
            JsonNode n = JSON.readTree(l);
            labels.add(n);
            var o = JSON.createObjectNode().put("id", n.get("id").asText()).put("text", n.get("text").asText());
            if (n.has("buyer")) o.set("buyer", n.get("buyer"));
            if (n.has("first")) o.set("first", n.get("first"));
            in.append(JSON.writeValueAsString(o)).append('\n');
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new CommandLine(new ScoreCommand(new ByteArrayInputStream(in.toString().getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err)).execute();
        assertEquals(0, exit);
        List<String> scored = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(labels.size(), scored.size());
        int correct = 0, impGot = 0, impWant = 0, impBoth = 0, labelled = 0, caught = 0, reported = 0, right = 0, trapsFlagged = 0;
        for (int i = 0; i < labels.size(); i++) {
            JsonNode want = labels.get(i);
            JsonNode got = JSON.readTree(scored.get(i));
            String wv = want.get("verdict").asText();
            String gv = got.get("politeness").get("verdict").asText();
            if (wv.equals(gv)) correct++;
            if (gv.equals("impolite")) impGot++;
            if (wv.equals("impolite")) impWant++;
            if (gv.equals("impolite") && wv.equals("impolite")) impBoth++;
            Set<String> wc = new HashSet<>();
            want.get("violations").forEach(c -> wc.add(c.asText()));
            Set<String> gc = new HashSet<>();
            got.get("violations").forEach(v -> gc.add(v.get("category").asText()));
            for (String c : wc) {
                labelled++;
                if (gc.contains(c) || c.equals("abuse") && gv.equals("impolite")) caught++;
            }
            for (String c : gc) {
                reported++;
                if (wc.contains(c)) right++;
            }
            if (want.path("trap").asBoolean(false) && !gc.isEmpty()) trapsFlagged++;
        }
        Run r = calibrate(file.toString());
        JsonNode f = JSON.readTree(r.out().get(r.out().size() - 1));
        assertEquals(labels.size(), f.get("n").asInt());
        assertEquals(round((double) correct / labels.size()), f.get("accuracy").asDouble(), 1e-9);
        assertEquals(round((double) impBoth / impGot), f.get("impolite").get("precision").asDouble(), 1e-9);
        assertEquals(round((double) impBoth / impWant), f.get("impolite").get("recall").asDouble(), 1e-9);
        assertEquals(round((double) right / reported), f.get("violations").get("precision").asDouble(), 1e-9);
        assertEquals(round((double) caught / labelled), f.get("violations").get("recall").asDouble(), 1e-9);
        assertEquals(trapsFlagged, f.get("trapsFlagged").asInt());
    }

    private static double round(double x) {
        return Math.round(x * 10000) / 10000.0;
    }
}
