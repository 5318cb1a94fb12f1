package io.kefutrainer.scoring;

import io.kefutrainer.content.ScoringFiles;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("Scoring content")
class ScoringContentTest {

    @Test
    @DisplayName("the repository content loads: every forbidden entry has advice, every violation rule a source and advice")
    void contentIsComplete() {
        ScoringContent c = TestContent.CONTENT;
        c.lexicon().stream().filter(e -> e.kind().equals("forbidden"))
                .forEach(e -> assertTrue(e.advice() != null && !e.advice().isBlank(), e.id()));
        Set<String> categories = new HashSet<>();
        for (Rule r : c.rules()) {
            assertTrue(r.source() != null && !r.source().isBlank(), r.id());
            if (r.isViolation()) {
                assertTrue(r.advice() != null && !r.advice().isBlank(), r.id());
                categories.add(r.category());
            }
        }
        assertEquals(Violations.CATEGORIES, categories);
        assertEquals(Set.of("rules", "politeness", "speed", "outcome"), c.rubric().weights().keySet());
        assertEquals(80.0, c.rubric().passMark());
        assertTrue(c.kpi().targets().containsKey("first_response_s"));
    }

    @Test
    @DisplayName("a duplicate lexicon id is refused with the file names")
    void duplicateIds(@TempDir Path dir) throws IOException {
        copyContent(dir);
        Files.writeString(dir.resolve("lexicon/extra.yaml"), "kind: polite\nentries:\n  - {id: polite.nin, phrases: [您]}\n");
        ContentException e = assertThrows(ContentException.class, () -> ScoringFiles.load(dir));
        assertTrue(e.getMessage().contains("duplicate lexicon id 'polite.nin'"), e.getMessage());
    }

    @Test
    @DisplayName("the content version changes when a content file changes")
    void version(@TempDir Path dir) throws IOException {
        copyContent(dir);
        String before = ScoringFiles.load(dir).version();
        Files.writeString(dir.resolve("lexicon/extra.yaml"), "kind: polite\nentries:\n  - {id: polite.extra, phrases: [劳驾]}\n");
        assertNotEquals(before, ScoringFiles.load(dir).version());
    }

    @Test
    @DisplayName("one scorer serves many threads with the same results")
    void threadSafe() throws Exception {
        List<String> replies = List.of("亲,您好~有的哦", "加我vx", "你才傻逼", "亲,给您149元包邮", "没办法!");
        List<Annotations> expected = replies.stream().map(TestContent::score).toList();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 200; i++) {
                        int k = i % replies.size();
                        if (!TestContent.score(replies.get(k)).equals(expected.get(k))) return false;
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) assertTrue(f.get());
        } finally {
            pool.shutdownNow();
        }
    }

    private static void copyContent(Path dir) throws IOException {
        Path src = Path.of("scenarios");
        Files.createDirectories(dir.resolve("lexicon"));
        for (String f : List.of("rules.yaml", "rubric.yaml", "kpi.yaml", "normalise.yaml")) Files.copy(src.resolve(f), dir.resolve(f));
        try (var files = Files.list(src.resolve("lexicon"))) {
            for (Path p : files.toList()) Files.copy(p, dir.resolve("lexicon").resolve(p.getFileName()));
        }
    }
}
