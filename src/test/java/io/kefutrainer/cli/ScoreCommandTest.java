package io.kefutrainer.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("score command")
class ScoreCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int exit, List<JsonNode> lines, String err) {
    }

    private static Run run(String stdin, String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ScoreCommand command = new ScoreCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        int exit = new CommandLine(command).execute(args);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) lines.add(JSON.readTree(line));
        }
        return new Run(exit, lines, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("one JSON line out per line in, in order, with politeness, violations and facts")
    void contract() throws Exception {
        String in = """
                {"id":"a","text":"亲,您好~有的哦","buyer":"有黑色吗","first":true}
                {"id":2,"text":"加我vx:abc12345"}
                {"id":"c","text":"亲,三天内发货哦","expect":[{"fact":"ship","any":["3天内发货"]}]}
                """;
        Run r = run(in);
        assertEquals(0, r.exit());
        assertEquals(3, r.lines().size());
        JsonNode a = r.lines().get(0);
        assertEquals("a", a.get("id").asText());
        assertEquals("polite", a.at("/politeness/verdict").asText());
        assertTrue(a.at("/politeness/score").isInt());
        JsonNode finding = a.at("/politeness/findings/0");
        for (String field : List.of("type", "start", "end", "entry", "advice")) assertTrue(finding.has(field), field);
        assertTrue(a.get("violations").isArray() && a.get("violations").isEmpty());
        JsonNode b = r.lines().get(1);
        assertEquals(2, b.get("id").asInt());
        JsonNode v = b.at("/violations/0");
        assertEquals("off_platform", v.get("category").asText());
        assertEquals("off-platform", v.get("rule").asText());
        String span = "加我vx:abc12345".substring(v.get("start").asInt(), v.get("end").asInt());
        assertTrue(span.startsWith("vx"), span);   // the dodge spelling, with the account id when it follows
        assertFalse(v.get("advice").asText().isBlank());
        JsonNode c = r.lines().get(2);
        assertEquals("ship", c.at("/facts/matched/0").asText());
        assertTrue(c.at("/facts/missing").isEmpty());
    }

    @Test
    @DisplayName("a bad line gets {id, error} and the lines after it are still scored")
    void badLines() throws Exception {
        String in = "not json\n{\"id\":7}\n{\"id\":8,\"text\":\"好的\",\"buyer\":42}\n{\"id\":9,\"text\":\"好的\"}\n";
        Run r = run(in);
        assertEquals(0, r.exit());
        assertEquals(4, r.lines().size());
        assertTrue(r.lines().get(0).has("error"));
        assertEquals(7, r.lines().get(1).get("id").asInt());
        assertTrue(r.lines().get(1).has("error"));
        assertTrue(r.lines().get(2).has("error"));
        assertEquals(9, r.lines().get(3).get("id").asInt());
        assertTrue(r.lines().get(3).has("politeness"));
    }

    @Test
    @DisplayName("--scenario/--step: the step's expected facts are checked, its buyer lines give the context")
    void scenarioStep() throws Exception {
        String in = """
                {"id":1,"text":"亲,定制商品不支持七天无理由哦,不过不合身可以免费修改一次~"}
                {"id":2,"text":"亲,定制商品不支持七天无理由哦"}
                {"id":3,"text":"嗯"}
                """;
        Run r = run(in, "--scenario", "size-custom-qipao", "--step", "return_policy");
        assertEquals(0, r.exit(), r.err());
        assertEquals(3, r.lines().size());
        JsonNode one = r.lines().get(0);
        assertEquals("size-custom-qipao", one.get("scenario").asText());
        assertEquals("return_policy", one.get("step").asText());
        assertEquals(List.of("custom_exclusion", "free_alteration"), texts(one.at("/facts/expected")));
        assertEquals(List.of("custom_exclusion", "free_alteration"), texts(one.at("/facts/matched")));
        assertTrue(one.at("/facts/missing").isEmpty());
        JsonNode two = r.lines().get(1);
        assertEquals(List.of("custom_exclusion"), texts(two.at("/facts/matched")));
        assertEquals(List.of("free_alteration"), texts(two.at("/facts/missing")));
        // the step's buyer asks "那做出来不合身能退吗": a bare 嗯 to a buyer's question is a single-character brush-off
        // (shops forbid 单字回复), impolite as the labelled sets have it
        assertEquals("impolite", r.lines().get(2).at("/politeness/verdict").asText());
    }

    @Test
    @DisplayName("per-line scenario/step keys choose the step; the start step is a first reply; \"expect\" on the line wins")
    void perLineScenario() throws Exception {
        String in = """
                {"id":"a","text":"亲,您好~需要您量一下胸围和腰围哦","scenario":"size-custom-qipao","step":"ask"}
                {"id":"b","text":"需要您量一下胸围和腰围哦","scenario":"size-custom-qipao"}
                {"id":"c","text":"亲,预计7-10天做好哦","scenario":"size-custom-qipao","step":"deadline","expect":[{"fact":"x","any":["做好"]}]}
                """;
        Run r = run(in);
        assertEquals(0, r.exit(), r.err());
        JsonNode a = r.lines().get(0);
        assertEquals(List.of("measurements"), texts(a.at("/facts/matched")));
        assertEquals("polite", a.at("/politeness/verdict").asText());
        JsonNode b = r.lines().get(1);
        assertEquals("ask", b.get("step").asText(), "no step: the scenario's start step");
        assertTrue(hasFinding(b, "missing_greeting"), "the start step's reply is the first one and needs a greeting");
        assertEquals(List.of("x"), texts(r.lines().get(2).at("/facts/matched")));
    }

    @Test
    @DisplayName("unknown scenario or step: one-line error for the flag, {id, error} for a line")
    void unknownScenarioOrStep() throws Exception {
        Run flag = run("{\"id\":1,\"text\":\"好的\"}\n", "--scenario", "size-custom-qipoa", "--step", "ask");
        assertEquals(1, flag.exit());
        assertTrue(flag.lines().isEmpty());
        assertEquals(1, flag.err().strip().lines().count(), flag.err());
        assertTrue(flag.err().contains("unknown scenario 'size-custom-qipoa'") && flag.err().contains("size-custom-qipao"), flag.err());

        Run step = run("", "--scenario", "size-custom-qipao", "--step", "nope");
        assertEquals(1, step.exit());
        assertTrue(step.err().contains("unknown step 'nope'"), step.err());

        String in = """
                {"id":1,"text":"好的","scenario":"no-such-scenario","step":"ask"}
                {"id":2,"text":"好的","scenario":"size-custom-qipao","step":"nope"}
                {"id":3,"text":"好的","step":"ask"}
                {"id":4,"text":"亲,需要量一下胸围哦","scenario":"size-custom-qipao","step":"ask"}
                """;
        Run lines = run(in);
        assertEquals(0, lines.exit());
        assertEquals(4, lines.lines().size());
        assertTrue(lines.lines().get(0).get("error").asText().contains("unknown scenario 'no-such-scenario'"));
        assertTrue(lines.lines().get(1).get("error").asText().contains("unknown step 'nope'"));
        assertTrue(lines.lines().get(2).get("error").asText().contains("scenario"));
        assertEquals(4, lines.lines().get(3).get("id").asInt());
        assertEquals(List.of("measurements"), texts(lines.lines().get(3).at("/facts/matched")));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static boolean hasFinding(JsonNode line, String type) {
        for (JsonNode f : line.at("/politeness/findings")) if (f.get("type").asText().equals(type)) return true;
        return false;
    }

    @Test
    @DisplayName("score and bench are registered on the main command")
    void registered() {
        CommandLine main = new CommandLine(new Main());
        assertTrue(main.getSubcommands().containsKey("score"));
        assertTrue(main.getSubcommands().get("bench").getSubcommands().containsKey("scoring"));
    }
}
