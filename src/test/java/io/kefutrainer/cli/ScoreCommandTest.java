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
        assertEquals("vx", "加我vx:abc12345".substring(v.get("start").asInt(), v.get("end").asInt()));
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
    @DisplayName("--scenario/--step are refused with a message until the scenario model is available")
    void scenarioStepNotYet() throws Exception {
        Run r = run("", "--scenario", "size-dress-petite", "--step", "ask");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("not supported"));
    }

    @Test
    @DisplayName("score and bench are registered on the main command")
    void registered() {
        CommandLine main = new CommandLine(new Main());
        assertTrue(main.getSubcommands().containsKey("score"));
        assertTrue(main.getSubcommands().get("bench").getSubcommands().containsKey("scoring"));
    }
}
