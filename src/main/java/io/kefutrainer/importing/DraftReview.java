package io.kefutrainer.importing;

import io.kefutrainer.scenario.load.ContentIds;
import io.kefutrainer.scenario.load.ScenarioFile;
import io.kefutrainer.scenario.load.ScenarioFileLoader;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.yaml.Diagnostic;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A trainer's review of the drafts under a content root's drafts/: check an edited text as validate would, save it
 * while it stays a draft, publish it into its category folder. Plain blocking Java (the web page calls it on a
 * worker thread).
 */
public final class DraftReview {
    public static final String DRAFTS = "drafts";
    public static final Pattern DRAFT_ID = Pattern.compile("draft-[0-9a-f]{10}");
    /** The importer's tag; a published scenario carries this one instead. */
    public static final String PUBLISHED_TAG = "店铺真实对话";
    private static final Pattern DRAFT_LINE = Pattern.compile("(?m)^draft:[ \\t]*true[ \\t]*(#.*)?(\\r?\\n|$)");
    /** The importer's title prefix says "draft" to the trainer; trainees see the title without it. */
    private static final Pattern DRAFT_TITLE = Pattern.compile("(?m)^title:([ \\t]*)导入草稿[::]");
    /** The importer's tag, as a block item or inside a flow list of tags. */
    private static final Pattern DRAFT_TAG = Pattern.compile("(?m)^(- |tags:[ \\t]*\\[(?:[^\\]\\n]*,)?[ \\t]*)导入草稿(?=[ \\t]*(?:$|,|\\]))");

    /** One diagnostic of the editor: position and message (in Chinese, as validate gives it), and the whole line. */
    public record Problem(int line, int column, boolean error, String message, String formatted) {
    }

    /** What checking a text gave: its problems, and the scenario when it has no errors. */
    public record Check(List<Problem> problems, Scenario scenario) {
        public Check {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return scenario != null && problems.stream().noneMatch(Problem::error);
        }
    }

    /** A published draft: where it went (relative to the content root) and its title. */
    public record Published(String target, String title) {
    }

    /** What publishing gave: the scenario published, or the problems that stopped it (the other is null). */
    public record Outcome(Published published, Check refused) {
    }

    private final Path root;

    public DraftReview(Path root) {
        this.root = root;
    }

    /** The draft file of an id, or null when the id is not a draft id (nothing outside drafts/ is ever named). */
    public Path file(String id) {
        return id != null && DRAFT_ID.matcher(id).matches() ? root.resolve(DRAFTS).resolve(id + ".yaml") : null;
    }

    /**
     * What validate says about this text as the draft file: checked in a temp file against the content's rules,
     * lexicon and products; a scenario id that another file holds is an error too.
     *
     * @param liveIds scenario id → the file it is loaded from (the catalog now)
     */
    public Check check(Path draft, String yaml, Map<String, Path> liveIds) throws IOException {
        Path dir = Files.createTempDirectory("kt-draft-");
        Path temp = dir.resolve(draft.getFileName());
        try {
            Files.writeString(temp, yaml, StandardCharsets.UTF_8);
            ScenarioFile result = new ScenarioFileLoader().load(temp, ContentIds.load(root));
            List<Problem> out = new ArrayList<>();
            for (Diagnostic d : result.diagnostics()) {
                out.add(problem(draft, d.position().line(), d.position().column(), d.isError(), d.message()));
            }
            Path other = result.id() == null ? null : liveIds.get(result.id());
            if (other != null && !other.toAbsolutePath().normalize().equals(draft.toAbsolutePath().normalize())) {
                out.add(problem(draft, result.idAt().line(), result.idAt().column(), true,
                        "场景 id '" + result.id() + "' 重复了(" + relative(other) + " 里也用了这个 id)"));
            }
            out.sort(Comparator.comparingInt(Problem::line).thenComparingInt(Problem::column));
            return new Check(out, result.scenario().orElse(null));
        } finally {
            Files.deleteIfExists(temp);
            Files.deleteIfExists(dir);
        }
    }

    /** Saves the text when it validates and is still a draft (publishing is its own step). */
    public Check save(Path draft, String yaml, Map<String, Path> liveIds) throws IOException {
        requireExists(draft);
        Check c = check(draft, yaml, liveIds);
        if (!c.ok()) {
            return c;
        }
        if (!c.scenario().draft()) {
            return new Check(List.of(problem(draft, 1, 1, true, "草稿要保留 draft: true;要给学员练习请点「发布」")), null);
        }
        writeAtomically(draft, yaml);
        return c;
    }

    /**
     * Publishes the text: without `draft: true` (and the importer's title prefix and tag), validated, written to
     * CATEGORY/ID.yaml and the draft file removed. The scrubbed source stays in drafts/ for candidate phrases.
     *
     * @throws FileAlreadyExistsException when CATEGORY/ID.yaml exists (never overwritten)
     */
    public Outcome publish(Path draft, String yaml, Map<String, Path> liveIds) throws IOException {
        requireExists(draft);
        String published = publishedText(yaml);
        Check c = check(draft, published, liveIds);
        if (!c.ok()) {
            return new Outcome(null, c);
        }
        if (c.scenario().draft()) {
            return new Outcome(null, new Check(List.of(problem(draft, 1, 1, true,
                    "发布时要去掉 draft: true 这一行(写成单独一行 draft: true 或直接删掉)")), null));
        }
        Path target = root.resolve(c.scenario().category()).resolve(c.scenario().id() + ".yaml");
        if (Files.exists(target)) {
            throw new FileAlreadyExistsException(relative(target));
        }
        Files.createDirectories(target.getParent());
        writeAtomically(target, published);
        Files.delete(draft);
        return new Outcome(new Published(relative(target), c.scenario().title()), null);
    }

    static String publishedText(String yaml) {
        String s = DRAFT_LINE.matcher(yaml).replaceFirst("");
        s = DRAFT_TITLE.matcher(s).replaceFirst("title:$1");
        return DRAFT_TAG.matcher(s).replaceFirst("$1" + PUBLISHED_TAG);
    }

    private static void requireExists(Path draft) throws NoSuchFileException {
        if (!Files.isRegularFile(draft)) {
            throw new NoSuchFileException(draft.toString());
        }
    }

    private static Problem problem(Path draft, int line, int column, boolean error, String message) {
        return new Problem(line, column, error, message, DRAFTS + "/" + draft.getFileName() + ":" + line + ":" + column + ": "
                + (error ? "错误" : "警告") + ":" + message);
    }

    private String relative(Path file) {
        try {
            return root.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    /** Written beside the target and moved into place: the content watcher never reads half a file. */
    private static void writeAtomically(Path target, String text) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), ".import-", ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
