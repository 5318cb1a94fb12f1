package io.kefutrainer.cli;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the CLI as a separate process, as a user would, with its own environment. */
class CliTest {

    record Result(int exit, String out, String err) {
    }

    static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-cp",
                System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().remove("DATABASE_URL");
        pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("command did not finish: " + command);
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("--help works on the program and on serve")
    void help() throws Exception {
        Result top = run(Map.of(), "--help");
        assertEquals(0, top.exit());
        assertTrue(top.out().contains("serve"));
        Result serve = run(Map.of(), "serve", "--help");
        assertEquals(0, serve.exit());
        assertTrue(serve.out().contains("--embedded-db") && serve.out().contains("--demo") && serve.out().contains("--port"));
    }

    @Test
    @DisplayName("an unreachable configured PostgreSQL gives one clear line naming the address and how to set it, exit 1")
    void unreachableDatabase() throws Exception {
        Result r = run(Map.of("PGHOST", "127.0.0.1", "PGPORT", "1"), "serve", "--port", "0");
        assertEquals(1, r.exit());
        String err = r.err().strip();
        assertFalse(err.contains("\n"), "one line: " + err);
        assertTrue(err.contains("127.0.0.1:1"), err);
        assertTrue(err.contains("DATABASE_URL") && err.contains("--embedded-db"), err);
        assertFalse(err.contains("Exception"), err);
    }

    @Test
    @DisplayName("bad arguments give a one-line reason and exit 1")
    void badArguments() throws Exception {
        Result r = run(Map.of(), "serve", "--port", "not-a-number");
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("--port"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace");
        Result unknown = run(Map.of(), "serve", "--no-such-flag");
        assertEquals(1, unknown.exit());
    }
}
