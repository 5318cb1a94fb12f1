package io.kefutrainer.scenario;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("ScenarioCatalog: versioned snapshots, last good version kept on a broken edit")
class CatalogTest {

    @Test
    @DisplayName("reload keeps the previous good scenario when its file turns invalid, and reports the error")
    void keepsLastGood(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("shoes.yaml");
        String good = Files.readString(Fixtures.VALID.resolve("shoes.yaml"));
        Files.writeString(file, good);
        Files.writeString(dir.resolve("rules.yaml"), "version: x\nrules: [{id: seven_day_return}]\n");
        CatalogSnapshot v1 = ScenarioCatalog.load(dir);
        assertEquals(1, v1.version());
        assertEquals("鞋码咨询", v1.scenario("shoes-width").orElseThrow().title());
        assertEquals("size", v1.summaries().get(0).category());

        Files.writeString(file, good.replace("goto: done", "goto: nowhere"));
        CatalogSnapshot v2 = ScenarioCatalog.reload(dir, v1);
        assertEquals(2, v2.version());
        assertSame(v1.scenario("shoes-width").orElseThrow(), v2.scenario("shoes-width").orElseThrow());
        assertTrue(v2.files().get(file).stale());
        assertTrue(v2.hasErrors());

        Files.writeString(file, good.replace("title: 鞋码咨询", "title: 鞋码咨询 v3"));
        CatalogSnapshot v3 = ScenarioCatalog.reload(dir, v2);
        assertEquals("鞋码咨询 v3", v3.scenario("shoes-width").orElseThrow().title());
        assertEquals("鞋码咨询", v1.scenario("shoes-width").orElseThrow().title(), "old snapshots never change");

        Files.delete(file);
        assertFalse(ScenarioCatalog.reload(dir, v3).scenario("shoes-width").isPresent());
    }

    @Test
    @DisplayName("a new file is live after reload; shared content and sub-folders of other kinds are skipped")
    void newFileAndSkips(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("quizzes"));
        Files.writeString(dir.resolve("quizzes/q.yaml"), "not: a scenario\n");
        Files.writeString(dir.resolve("kpi.yaml"), "targets: {}\n");
        CatalogSnapshot empty = ScenarioCatalog.load(dir);
        assertTrue(empty.scenarios().isEmpty());
        assertFalse(empty.hasErrors());
        Files.createDirectories(dir.resolve("size"));
        Files.copy(Fixtures.VALID.resolve("shoes.yaml"), dir.resolve("size/shoes.yaml"));
        assertTrue(ScenarioCatalog.reload(dir, empty).scenario("shoes-width").isPresent());
    }
}
