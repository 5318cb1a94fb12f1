package io.kefutrainer.web;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
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

    @Test
    @DisplayName("the imports point one way: no module imports one that imports it back, directly or through others")
    void noImportCircle() throws IOException {
        Pattern from = Pattern.compile("^import .* from '([^']+)';$", Pattern.MULTILINE);
        Map<Path, List<Path>> imports = new TreeMap<>();
        for (Path f : scripts()) {
            List<Path> to = new ArrayList<>();
            Matcher m = from.matcher(Files.readString(f));
            while (m.find()) to.add(f.getParent().resolve(m.group(1)).normalize());
            imports.put(f, to);
        }
        List<String> found = new ArrayList<>();
        Set<Path> done = new HashSet<>();
        for (Path f : imports.keySet()) circles(f, imports, new ArrayList<>(), done, found);
        assertEquals(List.of(), found);
    }

    /** Depth first from f: a module met again on the path that led to it closes a circle. */
    private static void circles(Path f, Map<Path, List<Path>> imports, List<Path> path, Set<Path> done, List<String> found) {
        int at = path.indexOf(f);
        if (at >= 0) {
            found.add(path.subList(at, path.size()).stream().map(p -> JS.relativize(p) + " -> ").collect(Collectors.joining())
                + JS.relativize(f));
            return;
        }
        if (!done.add(f)) return;
        path.add(f);
        for (Path to : imports.getOrDefault(f, List.of())) circles(to, imports, path, done, found);
        path.remove(path.size() - 1);
    }
}
