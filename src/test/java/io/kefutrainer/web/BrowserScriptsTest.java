package io.kefutrainer.web;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

@DisplayName("browser scripts: ES modules sharing dom.js, api.js and labels.js, each file small enough to read")
class BrowserScriptsTest {
    private static final Path JS = Path.of("webroot/js");
    private static final Path TEMPLATES = Path.of("src/main/resources/templates");
    private static final int MAX_LINES = 500;

    private static List<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.walk(JS)) {
            return files.filter(f -> f.toString().endsWith(".js")).sorted().toList();
        }
    }

    @Test
    @DisplayName("no script is over 500 lines, none reaches into another through a window global, none says a view is 尚未开放")
    void smallAndSelfContained() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : scripts()) {
            List<String> lines = Files.readAllLines(f);
            String text = String.join("\n", lines);
            if (lines.size() > MAX_LINES) found.add(JS.relativize(f) + ": " + lines.size() + " lines");
            if (text.contains("window.kt")) found.add(JS.relativize(f) + ": window.kt");
            if (text.contains("尚未开放")) found.add(JS.relativize(f) + ": 尚未开放");
        }
        assertEquals(List.of(), found);
    }

    @Test
    @DisplayName("every page loads its own scripts as modules; what they import exists")
    void modules() throws IOException {
        List<String> found = new ArrayList<>();
        Pattern tag = Pattern.compile("<script([^>]*)\\bsrc=\"/static/js/([^\"]+)\"");
        try (Stream<Path> files = Files.list(TEMPLATES)) {
            for (Path f : files.sorted().toList()) {
                Matcher m = tag.matcher(Files.readString(f));
                while (m.find()) {
                    if (!m.group(1).contains("type=\"module\"")) found.add(f.getFileName() + ": " + m.group(2) + " is not a module");
                    if (!Files.isRegularFile(JS.resolve(m.group(2)))) found.add(f.getFileName() + ": no " + m.group(2));
                }
            }
        }
        Pattern from = Pattern.compile("^import .* from '([^']+)';$", Pattern.MULTILINE);
        for (Path f : scripts()) {
            Matcher m = from.matcher(Files.readString(f));
            while (m.find()) {
                if (!Files.isRegularFile(f.getParent().resolve(m.group(1)).normalize())) found.add(JS.relativize(f) + ": no " + m.group(1));
            }
        }
        assertEquals(List.of(), found);
    }
}
