package io.kefutrainer.quiz;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefutrainer.scenario.load.SchemaCheck;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.Position;
import io.kefutrainer.yaml.PositionedYamlReader;
import io.kefutrainer.yaml.YamlDocument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads one exam definition (scenarios/quizzes/exams/*.yaml). Whether the banks can fill it is checked by {@link QuizContent}. */
public final class ExamReader {

    public static final String SCHEMA = "/io/kefutrainer/quiz/exam.schema.json";
    private static final SchemaCheck SCHEMA_CHECK = SchemaCheck.fromResource(SCHEMA);

    public record Result(Optional<Exam> exam, Optional<YamlDocument> document, List<Diagnostic> diagnostics) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
        }
    }

    private final PositionedYamlReader reader = new PositionedYamlReader();

    public Result read(Path file) {
        List<Diagnostic> out = new ArrayList<>();
        try {
            PositionedYamlReader.Result read = reader.read(file);
            out.addAll(read.diagnostics());
            if (read.document().isEmpty()) {
                return new Result(Optional.empty(), Optional.empty(), out);
            }
            YamlDocument doc = read.document().get();
            if (!doc.root().isObject()) {
                out.add(Diagnostic.error(file, doc.at(""), "考试文件应该是一组 键: 值(id:、title:、draw: …)"));
                return new Result(Optional.empty(), Optional.of(doc), out);
            }
            out.addAll(SCHEMA_CHECK.check(doc));
            if (out.stream().anyMatch(Diagnostic::isError)) {
                return new Result(Optional.empty(), Optional.of(doc), out);
            }
            JsonNode n = doc.root();
            List<DrawRule> draw = new ArrayList<>();
            for (JsonNode d : n.get("draw")) {
                Set<QuestionType> types = EnumSet.noneOf(QuestionType.class);
                d.path("types").forEach(t -> types.add(QuestionType.valueOf(t.asText())));
                draw.add(new DrawRule(d.get("count").asInt(), d.has("category") ? d.get("category").asText() : null,
                        BankReader.strings(d.path("tags")),
                        d.has("difficulty") ? Difficulty.valueOf(d.get("difficulty").asText()) : null, types));
            }
            Exam exam = new Exam(file, n.get("id").asText(), n.get("title").asText(), n.path("description").asText(""),
                    n.get("time_limit_minutes").asInt(), n.get("pass_mark").asDouble(), n.path("attempts").asInt(1),
                    n.path("shuffle_questions").asBoolean(true), n.path("shuffle_options").asBoolean(true),
                    BankReader.strings(n.path("cohorts")), draw);
            return new Result(Optional.of(exam), Optional.of(doc), out);
        } catch (RuntimeException | StackOverflowError e) {
            out.add(Diagnostic.error(file, Position.START, "检查这个考试文件时出了内部错误:" + e));
            return new Result(Optional.empty(), Optional.empty(), out);
        }
    }
}
