package io.kefutrainer.support;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayName("test tags: the quick pure run (-Ppure) never needs PostgreSQL or Chromium")
class TestTagsTest {
    /** What makes a test class need a database or a browser; the support classes themselves are not tests. */
    private static final Pattern NEEDS_DB = Pattern.compile("\\b(TestApp|TestDatabase|EmbeddedDatabase)\\b");
    private static final Pattern NEEDS_BROWSER = Pattern.compile("\\b(Page|BrowserContext|Chromium)\\b");

    @Test
    @DisplayName("every test class that starts a server, a database or a page carries @DbTest or @BrowserTest")
    void dbAndBrowserTestsAreTagged() throws IOException {
        List<String> untagged;
        try (Stream<Path> files = Files.walk(Path.of("src/test/java"))) {
            untagged = files.filter(p -> p.toString().endsWith("Test.java") || p.toString().endsWith("IT.java"))
                    .filter(p -> !p.toString().contains("/support/"))
                    .filter(p -> {
                        String s = read(p);
                        boolean needs = NEEDS_DB.matcher(s).find() || NEEDS_BROWSER.matcher(s).find();
                        return needs && !s.contains("@DbTest") && !s.contains("@BrowserTest");
                    })
                    .map(Path::toString).sorted().toList();
        }
        assertEquals(List.of(), untagged, "tag these @DbTest or @BrowserTest, or -Ppure fails without PostgreSQL");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
