package io.kefutrainer.scenario;

import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.yaml.Diagnostic;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * All scenarios of one load of the content directory, immutable. New sessions take the current snapshot;
 * a running session keeps the Scenario it started with, whatever is loaded later.
 *
 * @param version     1 for the first load, +1 per reload
 * @param scenarios   the live scenarios by id (sorted by id)
 * @param files       per scenario file: what it holds now and whether it is valid
 * @param diagnostics every error and warning of this load, sorted by file and position
 */
public record CatalogSnapshot(long version, Instant loadedAt, Map<String, Scenario> scenarios,
                              Map<Path, FileStatus> files, List<Diagnostic> diagnostics) {

    public CatalogSnapshot {
        scenarios = Collections.unmodifiableMap(new TreeMap<>(scenarios));
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
        diagnostics = List.copyOf(diagnostics);
    }

    /**
     * @param scenarioId the id the live scenario from this file has, or null
     * @param valid      false when the file has errors now
     * @param stale      true when the file is invalid and the previous good version stays live
     */
    public record FileStatus(Path file, String scenarioId, boolean valid, boolean stale, List<Diagnostic> diagnostics) {
        public FileStatus {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    /** One line of the scenario list (GET /api/scenarios). */
    public record Summary(String id, String title, String category, int difficulty, List<String> tags) {
    }

    public Optional<Scenario> scenario(String id) {
        return Optional.ofNullable(scenarios.get(id));
    }

    /** The scenarios offered to trainees (lists, shifts): drafts wait for a trainer to publish them. */
    public List<Summary> summaries() {
        return scenarios.values().stream()
                .filter(s -> !s.draft())
                .map(s -> new Summary(s.id(), s.title(), s.category(), s.difficulty(), s.tags()))
                .toList();
    }

    public boolean hasErrors() {
        return diagnostics.stream().anyMatch(Diagnostic::isError);
    }
}
