package io.kefutrainer.content;

import io.kefutrainer.quiz.QuizContent;
import io.kefutrainer.scenario.CatalogSnapshot;
import io.kefutrainer.scenario.ScenarioCatalog;
import io.kefutrainer.scenario.Vocabulary;
import io.kefutrainer.scoring.KpiTargets;
import io.kefutrainer.scoring.Scorer;
import io.kefutrainer.scoring.SessionRubric;
import io.kefutrainer.typing.TypingContent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The trainer content the server runs on, reloaded when files change. Polls a cheap fingerprint (paths,
 * sizes, modification times) once a second on a worker thread rather than using a WatchService: polling also
 * sees edits on network and container mounts, where inotify stays silent, and a reload is live within 2 s.
 * An invalid edit keeps the last good version of that file live (see {@link ScenarioCatalog#reload}).
 */
public final class LiveContent {
    private static final Logger LOG = Logger.getLogger(LiveContent.class.getName());
    static final long POLL_MS = 1000;

    private final Vertx vertx;
    private final Path dir;
    private final AtomicReference<ContentSnapshot> current = new AtomicReference<>();

    /**
     * When 团队看板 flags a rule or lexicon entry for trainers: kpi.yaml `appeals: {flag_accepted_share, flag_min_decided}`
     * (the share of decided appeals on it that were accepted, above which it is flagged; defaults 0.3 and 3).
     */
    public record AppealFlag(double acceptedShare, int minDecided) {
        static AppealFlag read(Path kpiFile) {
            try {
                com.fasterxml.jackson.databind.JsonNode node = ScoringFiles.read(kpiFile).path("appeals");
                return new AppealFlag(node.path("flag_accepted_share").asDouble(0.3), node.path("flag_min_decided").asInt(3));
            } catch (RuntimeException e) {
                return new AppealFlag(0.3, 3);
            }
        }
    }

    private volatile io.kefutrainer.scenario.engine.EngineSettings engineSettings;
    private final AtomicBoolean checking = new AtomicBoolean();
    private volatile String fingerprint = "";
    private long timer = -1;

    private LiveContent(Vertx vertx, Path dir) {
        this.vertx = vertx;
        this.dir = dir;
    }

    /** Loads the directory (off the event loop) and starts watching it. */
    public static Future<LiveContent> start(Vertx vertx, Path dir) {
        LiveContent content = new LiveContent(vertx, dir);
        return vertx.executeBlocking(() -> {
            content.fingerprint = fingerprint(dir);
            content.engineSettings = EngineSettingsReader.load(dir);
            content.current.set(new ContentSnapshot(ScenarioCatalog.load(dir), ContentSnapshot.Scoring.load(dir), null,
                    vocabulary(dir, Vocabulary.empty()), QuizContent.empty(), QuizContent.empty(), TypingContent.load(dir)));
            content.reloadQuiz();
            return content;
        }, false).onSuccess(c -> {
            CatalogSnapshot s = c.catalog();
            LOG.info("loaded " + s.scenarios().size() + " scenarios from " + dir + " (" + s.diagnostics().size() + " diagnostics)");
            c.timer = vertx.setPeriodic(POLL_MS, id -> c.check());
        });
    }

    /** The content of this moment, every part from one version; the accessors below read the latest one each. */
    public ContentSnapshot snapshot() {
        return current.get();
    }

    public CatalogSnapshot catalog() {
        return current.get().catalog();
    }

    /** The engine's pace and default lines (the folder's {@value EngineSettingsReader#FILE}, read once at start). */
    public io.kefutrainer.scenario.engine.EngineSettings engineSettings() {
        return engineSettings;
    }

    /** The scorer for the current content (lexicon, rules); replaced together with the scenarios on reload. */
    public Scorer scorer() {
        return current.get().scoring().scorer();
    }

    public SessionRubric rubric() {
        return current.get().scoring().rubric();
    }

    /** The politeness bands and points of the rubric (appeals re-grade a reply without an overruled finding). */
    public io.kefutrainer.scoring.Rubric.PolitenessParams politeness() {
        return current.get().scoring().politeness();
    }

    public AppealFlag appealFlag() {
        return current.get().scoring().appealFlag();
    }

    /** KPI targets and category groups (scenarios/kpi.yaml) of the current content. */
    public KpiTargets kpi() {
        return current.get().scoring().kpi();
    }

    /** Why the last reload of the scoring content (lexicon, rules, rubric) failed, or null. */
    public String scoringError() {
        return current.get().scoringError();
    }

    /** Quiz banks and exams (scenarios/quizzes) in use; replaced on reload only when the new version has no errors. */
    public QuizContent quiz() {
        return current.get().quiz();
    }

    /** The quiz files as last read, errors included, for the trainer page; may be newer than {@link #quiz()}. */
    public QuizContent quizChecked() {
        return current.get().quizChecked();
    }

    /** The typing drill's phrases and the default quick phrases (scenarios/typing); a broken file lists its problems. */
    public TypingContent typing() {
        return current.get().typing();
    }

    /** The Chinese words for the ids users see (labels.yaml); a broken edit keeps the previous words. */
    public Vocabulary vocabulary() {
        return current.get().vocabulary();
    }

    private static Vocabulary vocabulary(Path dir, Vocabulary previous) {
        try {
            return VocabularyReader.load(dir);
        } catch (RuntimeException e) {
            LOG.warning("cannot load " + Vocabulary.FILE + ", keeping the previous words: " + e.getMessage());
            return previous;
        }
    }

    /**
     * Reads the quiz banks now rather than at the next poll, so a bank the trainer just saved is listed on the page
     * the save redirects to. The poll's own reload may follow; it reads the same files.
     */
    public Future<Void> reloadQuizNow() {
        return vertx.executeBlocking(() -> {
            reloadQuiz();
            return null;
        }, false);
    }

    /** A broken edit keeps the previous good banks in use: an exam must not lose its questions mid-attempt. */
    // synchronized: a poll and a save may reload at once; the later one reads the files after the other's read
    private synchronized void reloadQuiz() {
        QuizContent next;
        try {
            next = QuizContent.load(dir);
        } catch (RuntimeException e) {
            LOG.warning("cannot load quiz content: " + e);
            return;
        }
        QuizContent previous = current.get().quiz();
        boolean use = next.errors() == 0 || previous.questions().isEmpty();
        if (!use) {
            LOG.warning("quiz content has " + next.errors() + " error(s) (run validate); keeping the previous version");
        }
        current.updateAndGet(s -> s.withQuiz(use ? next : s.quiz(), next));
    }

    public Path dir() {
        return dir;
    }

    public void stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private void check() {
        if (!checking.compareAndSet(false, true)) {
            return; // the previous check is still running on a slow disk
        }
        vertx.executeBlocking(() -> {
            String now = fingerprint(dir);
            if (now.equals(fingerprint)) {
                return null;
            }
            ContentSnapshot before = current.get();
            CatalogSnapshot next = ScenarioCatalog.reload(dir, before.catalog());
            ContentSnapshot.Scoring scoring = before.scoring();
            String scoringError = null;
            try {
                scoring = ContentSnapshot.Scoring.load(dir);
            } catch (RuntimeException e) {
                // keep scoring with the last good lexicon and rules; the trainer page shows why
                scoringError = e.getMessage();
            }
            Vocabulary words = vocabulary(dir, before.vocabulary());
            TypingContent typing = TypingContent.load(dir);
            ContentSnapshot.Scoring scored = scoring;
            String error = scoringError;
            // the quiz parts may have been replaced meanwhile by reloadQuizNow: keep the latest ones
            current.updateAndGet(s -> new ContentSnapshot(next, scored, error, words, s.quiz(), s.quizChecked(), typing));
            reloadQuiz();
            fingerprint = now;
            return next;
        }, false).onComplete(ar -> {
            checking.set(false);
            if (ar.succeeded() && ar.result() != null) {
                CatalogSnapshot s = ar.result();
                LOG.info("reloaded content v" + s.version() + ": " + s.scenarios().size() + " scenarios, "
                        + s.diagnostics().stream().filter(d -> d.isError()).count() + " errors");
            } else if (ar.failed()) {
                LOG.warning("content reload failed: " + ar.cause());
            }
        });
    }

    static String fingerprint(Path dir) {
        if (!Files.isDirectory(dir)) {
            return "missing";
        }
        StringBuilder sb = new StringBuilder();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted().forEach(p -> {
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    sb.append(p).append('|').append(a.size()).append('|').append(a.lastModifiedTime().toMillis()).append('\n');
                } catch (IOException e) {
                    sb.append(p).append("|gone\n");
                }
            });
        } catch (IOException | RuntimeException e) {
            return "unreadable:" + e.getMessage();
        }
        return sb.toString();
    }
}
