package io.kefutrainer.cli;

import io.kefutrainer.support.DbTest;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CI runs a short `bench chat` with the connection-cutting fault: no acknowledged reply may be lost or stored twice. */
@DbTest
class BenchChatIT {

    @Test
    @DisplayName("bench chat --fault cut-db-connections: 150 trainees for 25 s, lost 0, duplicated 0")
    void shortBenchWithFault() throws Exception {
        Path log = Files.createTempFile("kt-bench-chat", ".log");
        Process bench = new ProcessBuilder(List.of(System.getProperty("java.home") + "/bin/java", "-jar",
                System.getProperty("kt.jar", "target/kefu-trainer.jar"), "bench", "chat", "--trainees", "150", "--duration", "25",
                "--fault", "cut-db-connections", "--saturation-s", "5"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = bench.waitFor(300, TimeUnit.SECONDS);
        if (!finished) {
            bench.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        String output = Files.readString(log);
        assertTrue(finished, "bench chat is bounded in time; output:\n" + output);
        List<String> lines = output.lines().filter(l -> l.startsWith("{\"bench\":\"chat\"")).toList();
        assertEquals(1, lines.size(), "one JSON result line; output:\n" + output);
        JsonObject result = new JsonObject(lines.get(0));
        System.out.println(lines.get(0));
        assertEquals(0L, result.getLong("lost"), output);
        assertEquals(0L, result.getLong("duplicated"), output);
        assertTrue(result.getLong("replies") > 0, "replies were acknowledged: " + output);
        assertTrue(result.getLong("cuts") >= 2, "the fault cut the server's connections: " + output);
        assertEquals(0, bench.exitValue(), output);
    }
}
