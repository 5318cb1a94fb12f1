package io.kefutrainer.scenario;

import io.kefutrainer.scenario.load.ContentIds;
import io.kefutrainer.scenario.load.ScenarioFile;
import io.kefutrainer.scenario.load.ScenarioFileLoader;
import io.kefutrainer.scenario.load.ScenarioFiles;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.Position;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads scenario files into snapshots. Plain blocking Java: the server calls it from a worker thread
 * (executeBlocking), the CLI directly. Reload = load the directory again, keeping the previous good
 * version of any file that has turned invalid.
 */
public final class ScenarioCatalog {

    private ScenarioCatalog() {
    }

    /** Loads a scenarios directory from scratch (version 1). */
    public static CatalogSnapshot load(Path dir) {
        return reload(dir, null);
    }

    /** Loads the directory again; `previous` (may be null) supplies the version number and last good scenarios. */
    public static CatalogSnapshot reload(Path dir, CatalogSnapshot previous) {
        Validation validation = validate(List.of(dir));
        Map<String, Scenario> live = new HashMap<>();
        Map<Path, CatalogSnapshot.FileStatus> files = new LinkedHashMap<>();
        List<Diagnostic> diagnostics = new ArrayList<>(validation.diagnostics());
        for (ScenarioFile f : validation.files()) {
            if (f.scenario().isPresent()) {
                Scenario s = f.scenario().get();
                live.put(s.id(), s);
                files.put(f.file(), new CatalogSnapshot.FileStatus(f.file(), s.id(), true, false, f.diagnostics()));
                continue;
            }
            Optional<Scenario> lastGood = previous == null ? Optional.empty()
                    : Optional.ofNullable(previous.files().get(f.file()))
                    .map(CatalogSnapshot.FileStatus::scenarioId)
                    .flatMap(previous::scenario)
                    .filter(s -> s.source().equals(f.file()));
            // the last good version stays live unless another file now holds its id
            if (lastGood.isPresent() && !live.containsKey(lastGood.get().id())) {
                live.put(lastGood.get().id(), lastGood.get());
                files.put(f.file(), new CatalogSnapshot.FileStatus(f.file(), lastGood.get().id(), false, true, f.diagnostics()));
            } else {
                files.put(f.file(), new CatalogSnapshot.FileStatus(f.file(), null, false, false, f.diagnostics()));
            }
        }
        long version = previous == null ? 1 : previous.version() + 1;
        return new CatalogSnapshot(version, Instant.now(), live, files, diagnostics);
    }

    /** What `validate` prints: every file under the given directories and files, with cross-file checks. */
    public record Validation(List<ScenarioFile> files, List<Diagnostic> diagnostics) {
        public Validation {
            files = List.copyOf(files);
            diagnostics = List.copyOf(diagnostics);
        }

        public long errors() {
            return diagnostics.stream().filter(Diagnostic::isError).count();
        }

        public long warnings() {
            return diagnostics.size() - errors();
        }
    }

    public static Validation validate(Collection<Path> paths) {
        ScenarioFileLoader loader = new ScenarioFileLoader();
        List<Diagnostic> diagnostics = new ArrayList<>();
        List<ScenarioFile> results = new ArrayList<>();
        Map<Path, ContentIds> idsByRoot = new HashMap<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                ContentIds ids = idsByRoot.computeIfAbsent(path, ScenarioCatalog::contentIds);
                for (Path file : ScenarioFiles.under(path)) {
                    results.add(loader.load(file, ids));
                }
            } else if (Files.isRegularFile(path)) {
                ContentIds ids = idsByRoot.computeIfAbsent(ScenarioFiles.rootOf(path), ScenarioCatalog::contentIds);
                results.add(loader.load(path, ids));
            } else {
                diagnostics.add(Diagnostic.error(path, Position.START, "文件或目录不存在"));
            }
        }
        idsByRoot.values().forEach(ids -> diagnostics.addAll(ids.diagnostics()));
        results = markDuplicateIds(results);
        results.forEach(r -> diagnostics.addAll(r.diagnostics()));
        diagnostics.sort(Diagnostic.ORDER);
        return new Validation(results, diagnostics.stream().distinct().toList());
    }

    private static ContentIds contentIds(Path root) {
        return ContentIds.load(root);
    }

    /** The first file (in path order) keeps an id; later files with the same id become invalid. */
    private static List<ScenarioFile> markDuplicateIds(List<ScenarioFile> results) {
        Map<String, Path> firstById = new HashMap<>();
        List<ScenarioFile> out = new ArrayList<>();
        for (ScenarioFile r : results) {
            if (r.id() == null) {
                out.add(r);
                continue;
            }
            Path first = firstById.putIfAbsent(r.id(), r.file());
            if (first == null || first.equals(r.file())) {
                out.add(r);
                continue;
            }
            List<Diagnostic> diagnostics = new ArrayList<>(r.diagnostics());
            diagnostics.add(Diagnostic.error(r.file(), r.idAt() != null ? r.idAt() : Position.START, "场景 id '" + r.id() + "' 重复了(" + first + " 里也用了这个 id)"));
            out.add(new ScenarioFile(r.file(), r.id(), r.idAt(), Optional.empty(), diagnostics));
        }
        return out;
    }
}
