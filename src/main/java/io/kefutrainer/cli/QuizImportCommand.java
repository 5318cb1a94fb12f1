package io.kefutrainer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kefutrainer.quiz.BankReader;
import io.kefutrainer.quiz.BankWriter;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuestionType;
import io.kefutrainer.quiz.transfer.Ids;
import io.kefutrainer.quiz.transfer.Imported;
import io.kefutrainer.quiz.transfer.Importer;
import io.kefutrainer.scenario.load.ContentIds;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.Position;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * `quiz-import FILE [--format gift|aiken] --to DIR`: converts a Moodle GIFT or Aiken file into a YAML bank
 * DIR/NAME.yaml. All or nothing: any broken question → `FILE:LINE:COL: message` per broken question, exit 1,
 * nothing written. On success the last line of stdout is a JSON summary.
 */
@Command(name = "quiz-import", mixinStandardHelpOptions = true,
        description = {"Convert a Moodle GIFT or Aiken file into a YAML quiz bank (DIR/NAME.yaml).",
                "Any broken question: FILE:LINE:COL: message for each, exit 1, nothing written.",
                "Success: the last line of stdout is {\"imported\":N,\"types\":{…},\"categories\":[…]}."})
public final class QuizImportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "GIFT or Aiken file (UTF-8)")
    Path file;

    @Option(names = "--format", paramLabel = "gift|aiken", description = "Default: aiken for *.aiken / *.aik, else gift.")
    Importer.Format format;

    @Option(names = "--to", required = true, paramLabel = "DIR", description = "Directory of YAML banks, e.g. scenarios/quizzes")
    Path to;

    @Option(names = "--category", paramLabel = "PATH", description = "Category for questions the file puts in none (default: 导入/FILE name).")
    String category;

    @Option(names = "--prefix", paramLabel = "P", description = "Prefix of generated question ids (default: from the file name).")
    String prefix;

    @Option(names = "--force", description = "Replace DIR/NAME.yaml if it exists.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        String name = file.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return fail(out, List.of(Diagnostic.error(file, Position.START, "cannot read file: " + e.getMessage())));
        }
        Importer.Format f = format != null ? format : Importer.guess(name);
        String idPrefix = prefix != null ? prefix : Ids.prefixOf(name);
        if (!Ids.VALID.matcher(idPrefix).matches()) {
            return fail(out, List.of(Diagnostic.error(file, Position.START, "--prefix '" + idPrefix + "' may only use letters, digits, . _ -")));
        }
        // DIR is normally scenarios/quizzes: rule ids are checked against scenarios/rules.yaml when it is there
        Path root = to.toAbsolutePath().normalize().getParent();
        Optional<Set<String>> rules = root != null && Files.isRegularFile(root.resolve("rules.yaml"))
                ? ContentIds.load(root).rules() : Optional.empty();
        Imported imported = Importer.read(file, bytes, f, category != null ? category : "导入/" + stem, idPrefix, rules);
        if (!imported.ok()) {
            return fail(out, imported.errors());
        }
        if (imported.questions().isEmpty()) {
            return fail(out, List.of(Diagnostic.error(file, Position.START, "no questions found")));
        }
        Path target = to.resolve(stem + ".yaml");
        if (Files.exists(target) && !force) {
            return fail(out, List.of(Diagnostic.error(file, Position.START, target + " exists; use --force to replace it")));
        }
        List<Diagnostic> clashes = idClashes(imported.questions(), target);
        if (!clashes.isEmpty()) {
            return fail(out, clashes);
        }
        Files.createDirectories(to);
        // write beside the target, then move: a reader never sees half a bank
        Path temp = Files.createTempFile(to, ".import-", ".yaml.tmp");
        try {
            Files.writeString(temp, BankWriter.write(imported.questions(), schemaPath(to)), StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        out.println("wrote " + imported.questions().size() + " question(s) to " + target);
        out.println(new ObjectMapper().writeValueAsString(summary(imported.questions())));
        out.flush();
        return 0;
    }

    static Map<String, Object> summary(List<Question> questions) {
        Map<String, Integer> types = new LinkedHashMap<>();
        Set<String> categories = new LinkedHashSet<>();
        for (Question q : questions) {
            if (q.type() != QuestionType.description) {
                types.merge(q.type().name(), 1, Integer::sum);
            }
            categories.add(q.categoryPath());
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("imported", questions.size());
        summary.put("types", types);
        summary.put("categories", new ArrayList<>(categories));
        return summary;
    }

    /** Ids must be unique across the banks of DIR; the file being replaced does not count. */
    private List<Diagnostic> idClashes(List<Question> questions, Path target) throws IOException {
        Map<String, Path> existing = new LinkedHashMap<>();
        if (Files.isDirectory(to)) {
            try (Stream<Path> walk = Files.walk(to)) {
                for (Path f : walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList()) {
                    if (f.equals(target)) {
                        continue;
                    }
                    new BankReader().read(f, Optional.empty()).bank()
                            .ifPresent(b -> b.questions().forEach(q -> existing.putIfAbsent(q.id(), f)));
                }
            }
        }
        List<Diagnostic> out = new ArrayList<>();
        for (Question q : questions) {
            if (existing.containsKey(q.id())) {
                out.add(Diagnostic.error(file, Position.START, "question id '" + q.id() + "' is already used in " + existing.get(q.id())
                        + "; choose another --prefix"));
            }
        }
        return out;
    }

    /** Path of quiz.schema.json relative to DIR, for the yaml-language-server comment. */
    private static String schemaPath(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        for (Path d = abs; d != null; d = d.getParent()) {
            Path schema = d.resolve("schema/quiz.schema.json");
            if (Files.isRegularFile(schema)) {
                return abs.relativize(schema).toString().replace('\\', '/');
            }
        }
        return "../schema/quiz.schema.json";
    }

    private static int fail(PrintWriter out, List<Diagnostic> errors) {
        errors.forEach(d -> out.println(d.file() + ":" + d.position().line() + ":" + d.position().column() + ": " + d.message()));
        out.flush();
        return 1;
    }
}
