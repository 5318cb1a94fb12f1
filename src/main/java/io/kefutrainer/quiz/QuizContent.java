package io.kefutrainer.quiz;

import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.Position;
import io.kefutrainer.yaml.PositionedYamlReader;
import io.kefutrainer.yaml.YamlDocument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static io.kefutrainer.yaml.YamlDocument.child;

/**
 * Every bank and exam under a scenarios directory: `quizzes/**.yaml` are banks, `quizzes/exams/*.yaml` exams.
 * Plain blocking Java: the server loads it on a worker thread, `validate` directly. Only valid banks and
 * exams are live; problems are reported with positions.
 */
public final class QuizContent {

    public static final String QUIZ_DIR = "quizzes";
    public static final String EXAM_DIR = "exams";

    private final Map<String, Question> questions;
    private final Map<String, Exam> exams;
    private final List<Path> files;
    private final Map<Path, List<Question>> banks;
    private final Map<String, String> ruleTitles;
    private final List<Diagnostic> diagnostics;
    private final Path dir;

    private QuizContent(Path dir, Map<String, Question> questions, Map<String, Exam> exams, List<Path> files,
                        Map<Path, List<Question>> banks, Map<String, String> ruleTitles, List<Diagnostic> diagnostics) {
        this.questions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(questions));
        this.exams = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(exams));
        this.files = List.copyOf(files);
        this.banks = Map.copyOf(banks);
        this.ruleTitles = Map.copyOf(ruleTitles);
        this.diagnostics = List.copyOf(diagnostics);
        this.dir = dir;
    }

    public static QuizContent empty() {
        return new QuizContent(null, Map.of(), Map.of(), List.of(), Map.of(), Map.of(), List.of());
    }

    /** Loads scenarios/quizzes of this scenarios root; a root without quizzes/ has no quiz content. */
    public static QuizContent load(Path scenariosRoot) {
        Path dir = scenariosRoot.resolve(QUIZ_DIR);
        if (!Files.isDirectory(dir)) {
            return empty();
        }
        Map<String, String> ruleTitles = ruleTitles(scenariosRoot.resolve("rules.yaml"));
        Optional<Set<String>> rules = ruleTitles.isEmpty() ? Optional.empty() : Optional.of(ruleTitles.keySet());
        List<Path> bankFiles = new ArrayList<>();
        List<Path> examFiles = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : walk.filter(Files::isRegularFile).filter(QuizContent::isYaml).sorted().toList()) {
                Path rel = dir.relativize(f);
                if (rel.getNameCount() > 1 && rel.getName(0).toString().equals(EXAM_DIR)) {
                    examFiles.add(f);
                } else if (!rel.getName(0).toString().startsWith(".")) {
                    bankFiles.add(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return load(bankFiles, examFiles, rules, ruleTitles).in(dir);
    }

    /**
     * Rule id → title from rules.yaml, for results that name the rule a question checks. Empty when the file is
     * absent or unreadable; then rule ids are not checked (its owner's validation reports why).
     */
    private static Map<String, String> ruleTitles(Path rulesFile) {
        Map<String, String> titles = new LinkedHashMap<>();
        if (!Files.isRegularFile(rulesFile)) {
            return titles;
        }
        new PositionedYamlReader().read(rulesFile).document().ifPresent(doc -> doc.root().path("rules").forEach(rule -> {
            if (rule.path("id").isValueNode()) {
                titles.put(rule.path("id").asText(), rule.path("title").asText(rule.path("id").asText()));
            }
        }));
        return titles;
    }

    static QuizContent load(List<Path> bankFiles, List<Path> examFiles, Optional<Set<String>> rules, Map<String, String> ruleTitles) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Map<String, Question> questions = new LinkedHashMap<>();
        Map<String, Path> firstFile = new LinkedHashMap<>();
        Map<Path, List<Question>> byFile = new LinkedHashMap<>();
        BankReader banks = new BankReader();
        for (Path f : bankFiles) {
            BankReader.Result r = banks.read(f, rules);
            diagnostics.addAll(r.diagnostics());
            if (r.bank().isEmpty()) {
                continue;
            }
            List<Diagnostic> clashes = new ArrayList<>();
            for (Question q : r.bank().get().questions()) {
                if (firstFile.containsKey(q.id())) {
                    clashes.add(Diagnostic.error(f, r.idPositions().getOrDefault(q.id(), Position.START),
                            "题目 id '" + q.id() + "' 重复了(" + firstFile.get(q.id()) + " 里也用了)"));
                }
            }
            diagnostics.addAll(clashes);
            if (clashes.isEmpty()) {
                byFile.put(f, r.bank().get().questions());
                r.bank().get().questions().forEach(q -> {
                    questions.put(q.id(), q);
                    firstFile.put(q.id(), f);
                });
            }
        }
        Map<String, Exam> exams = new LinkedHashMap<>();
        ExamReader reader = new ExamReader();
        for (Path f : examFiles) {
            ExamReader.Result r = reader.read(f);
            diagnostics.addAll(r.diagnostics());
            if (r.exam().isEmpty()) {
                continue;
            }
            Exam exam = r.exam().get();
            YamlDocument doc = r.document().orElseThrow();
            List<Diagnostic> problems = new ArrayList<>();
            if (exams.containsKey(exam.id())) {
                problems.add(Diagnostic.error(f, doc.at("/id"), "考试 id '" + exam.id() + "' 重复了(" + exams.get(exam.id()).file() + " 里也用了)"));
            }
            problems.addAll(checkDraw(exam, doc, questions.values()));
            diagnostics.addAll(problems);
            if (problems.isEmpty()) {
                exams.put(exam.id(), exam);
            }
        }
        diagnostics.sort(Diagnostic.ORDER);
        List<Path> files = new ArrayList<>(bankFiles);
        files.addAll(examFiles);
        return new QuizContent(null, questions, exams, files, byFile, ruleTitles, diagnostics);
    }

    /**
     * Each draw rule must find enough questions besides those earlier rules take. Greedy, so rules that
     * overlap can still come up short at draw time; {@link Paper#draw} then draws what is left.
     */
    private static List<Diagnostic> checkDraw(Exam exam, YamlDocument doc, java.util.Collection<Question> all) {
        List<Diagnostic> out = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < exam.draw().size(); i++) {
            DrawRule rule = exam.draw().get(i);
            List<Question> pool = all.stream().filter(rule::matches).filter(q -> !taken.contains(q.id())).toList();
            if (pool.size() < rule.count()) {
                out.add(Diagnostic.error(exam.file(), doc.at(child(child("/draw", i), "count")),
                        "抽题要 " + rule.count() + " 道(" + rule.describe() + "),题库里只有 " + pool.size() + " 道符合条件"));
            }
            pool.stream().limit(rule.count()).forEach(q -> taken.add(q.id()));
        }
        return out;
    }

    private QuizContent in(Path quizDir) {
        return new QuizContent(quizDir, questions, exams, files, banks, ruleTitles, diagnostics);
    }

    /**
     * The valid banks by key: the file's path under quizzes/ without .yaml ("seven-day-return"), the name
     * publications and practice attempts are stored under. In file order.
     */
    public Map<String, List<Question>> banksByKey() {
        Map<String, List<Question>> out = new LinkedHashMap<>();
        for (Path f : files) {
            if (banks.containsKey(f)) {
                out.put(bankKey(f), banks.get(f));
            }
        }
        return out;
    }

    /** The key of a bank file (see {@link #banksByKey}). */
    public String bankKey(Path file) {
        Path rel = dir != null && file.startsWith(dir) ? dir.relativize(file) : file.getFileName();
        return rel.toString().replace('\\', '/').replaceFirst("\\.ya?ml$", "");
    }

    /**
     * A bank's name as trainees read it: the category all its questions share ("七天无理由", "售后 / 改地址"),
     * else the key.
     */
    public static String bankTitle(String key, List<Question> questions) {
        List<String> common = questions.isEmpty() ? List.of() : questions.get(0).category();
        for (Question q : questions) {
            int n = 0;
            while (n < common.size() && n < q.category().size() && common.get(n).equals(q.category().get(n))) {
                n++;
            }
            common = common.subList(0, n);
        }
        return common.isEmpty() ? key : String.join(" / ", common);
    }

    private static boolean isYaml(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** The title of a rule in rules.yaml, or the id itself when unknown. */
    public String ruleTitle(String id) {
        return ruleTitles.getOrDefault(id, id);
    }

    public Optional<Question> question(String id) {
        return Optional.ofNullable(questions.get(id));
    }

    public Map<String, Question> questions() {
        return questions;
    }

    public Optional<Exam> exam(String id) {
        return Optional.ofNullable(exams.get(id));
    }

    public List<Exam> exams() {
        return List.copyOf(exams.values());
    }

    /** Every bank and exam file that was read, valid or not. */
    public List<Path> files() {
        return files;
    }

    /** The questions of one valid bank file, in file order; empty for an exam or a bank with errors. */
    public List<Question> bank(Path file) {
        return banks.getOrDefault(file, List.of());
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public long errors() {
        return diagnostics.stream().filter(Diagnostic::isError).count();
    }
}
