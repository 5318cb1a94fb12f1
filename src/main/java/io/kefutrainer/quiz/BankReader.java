package io.kefutrainer.quiz;

import com.fasterxml.jackson.databind.JsonNode;
import io.kefutrainer.scenario.load.SchemaCheck;
import io.kefutrainer.yaml.Diagnostic;
import io.kefutrainer.yaml.DidYouMean;
import io.kefutrainer.yaml.Position;
import io.kefutrainer.yaml.PositionedYamlReader;
import io.kefutrainer.yaml.YamlDocument;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static io.kefutrainer.yaml.YamlDocument.child;

/**
 * Reads one YAML bank: position-aware YAML, the quiz JSON Schema, then the checks a schema cannot express
 * (a single question has a right answer, weights add up, fields fit the type, rule ids exist). Never throws.
 */
public final class BankReader {

    public static final String SCHEMA = "/io/kefutrainer/quiz/quiz.schema.json";
    private static final SchemaCheck SCHEMA_CHECK = SchemaCheck.fromResource(SCHEMA);

    /** Which answer keys each type uses; any other answer key on a question is a mistake. */
    private static final Map<QuestionType, List<String>> KEYS = Map.of(
            QuestionType.single, List.of("choices"),
            QuestionType.multiple, List.of("choices"),
            QuestionType.true_false, List.of("answer", "feedback_right", "feedback_wrong"),
            QuestionType.short_answer, List.of("answers"),
            QuestionType.matching, List.of("pairs"),
            QuestionType.numeric, List.of("numbers"),
            QuestionType.essay, List.of(),
            QuestionType.description, List.of());
    private static final List<String> ANSWER_KEYS = List.of("choices", "answer", "feedback_right", "feedback_wrong",
            "answers", "pairs", "numbers");

    /** A bank file read: the bank when it has no errors, and every problem found. */
    public record Result(Path file, Optional<Bank> bank, List<Diagnostic> diagnostics, Map<String, Position> idPositions) {
        public Result {
            diagnostics = List.copyOf(diagnostics);
            idPositions = Map.copyOf(idPositions);
        }
    }

    private final PositionedYamlReader reader = new PositionedYamlReader();

    /** @param rules known rule ids, or empty when rules.yaml is absent (then rule ids are not checked) */
    public Result read(Path file, Optional<Set<String>> rules) {
        List<Diagnostic> out = new ArrayList<>();
        try {
            PositionedYamlReader.Result read = reader.read(file);
            out.addAll(read.diagnostics());
            if (read.document().isEmpty()) {
                return new Result(file, Optional.empty(), out, Map.of());
            }
            YamlDocument doc = read.document().get();
            if (!doc.root().isObject()) {
                out.add(Diagnostic.error(file, doc.at(""), "题库文件应该是一组 键: 值,里面有 questions: 列表"));
                return new Result(file, Optional.empty(), out, Map.of());
            }
            List<Diagnostic> schema = SCHEMA_CHECK.check(doc);
            out.addAll(schema);
            if (!schema.isEmpty() || out.stream().anyMatch(Diagnostic::isError)) {
                return new Result(file, Optional.empty(), out, Map.of());
            }
            Build build = new Build(doc, rules);
            List<Question> questions = build.questions();
            out.addAll(build.out);
            out.sort(Diagnostic.ORDER);
            boolean ok = out.stream().noneMatch(Diagnostic::isError);
            return new Result(file, ok ? Optional.of(new Bank(file, questions)) : Optional.empty(), out, build.idPositions);
        } catch (RuntimeException | StackOverflowError e) {
            out.add(Diagnostic.error(file, Position.START, "检查这个题库时出了内部错误:" + e));
            return new Result(file, Optional.empty(), out, Map.of());
        }
    }

    private static final class Build {
        final YamlDocument doc;
        final Optional<Set<String>> rules;
        final List<Diagnostic> out = new ArrayList<>();
        final Map<String, Position> idPositions = new java.util.HashMap<>();

        Build(YamlDocument doc, Optional<Set<String>> rules) {
            this.doc = doc;
            this.rules = rules;
        }

        List<Question> questions() {
            JsonNode root = doc.root();
            String fileCategory = root.path("category").asText("");
            List<Question> list = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            JsonNode items = root.path("questions");
            for (int i = 0; i < items.size(); i++) {
                String p = child("/questions", i);
                Question q = question(items.get(i), p, fileCategory);
                if (!ids.add(q.id())) {
                    error(doc.at(child(p, "id")), "题目 id '" + q.id() + "' 重复了(第一次写在第 " + idPositions.get(q.id()).line() + " 行)");
                } else {
                    idPositions.put(q.id(), doc.at(child(p, "id")));
                }
                list.add(q);
            }
            return list;
        }

        Question question(JsonNode n, String p, String fileCategory) {
            QuestionType type = QuestionType.valueOf(n.get("type").asText());
            for (String key : ANSWER_KEYS) {
                if (n.has(key) && !KEYS.get(type).contains(key)) {
                    String expected = KEYS.get(type).isEmpty() ? "不用写答案" : "用 " + String.join(", ", KEYS.get(type));
                    error(doc.keyAt(child(p, key)), type + " 题不用 " + key + ":(" + type + " 题" + expected + ")");
                }
            }
            String categoryText = n.has("category") ? n.get("category").asText() : fileCategory;
            List<String> category = Categories.split(categoryText);
            if (category.isEmpty()) {
                error(doc.at(p), "题目没有分类:在题目上写 category:,或在文件顶部写一个");
            }
            List<String> ruleIds = strings(n.path("rules"));
            rules.ifPresent(known -> {
                for (int i = 0; i < ruleIds.size(); i++) {
                    if (!known.contains(ruleIds.get(i))) {
                        error(doc.at(child(child(p, "rules"), i)), "规则 '" + ruleIds.get(i) + "' 不在 rules.yaml 里"
                                + DidYouMean.hint(ruleIds.get(i), known));
                    }
                }
            });
            List<Choice> choices = switch (type) {
                case single, multiple -> choices(n, p, type);
                case short_answer -> accepted(n, p);
                default -> List.of();
            };
            List<MatchPair> pairs = type == QuestionType.matching ? pairs(n, p) : List.of();
            List<NumericAnswer> numbers = type == QuestionType.numeric ? numbers(n, p) : List.of();
            Boolean truth = type == QuestionType.true_false ? n.get("answer").asBoolean() : null;
            return new Question(n.get("id").asText(), type, n.path("title").asText(""), n.get("text").asText(),
                    category, strings(n.path("tags")),
                    n.has("difficulty") ? Difficulty.valueOf(n.get("difficulty").asText()) : Difficulty.medium,
                    n.path("explanation").asText(""), ruleIds, n.path("points").asDouble(1),
                    choices, truth, n.path("feedback_right").asText(""), n.path("feedback_wrong").asText(""),
                    pairs, numbers);
        }

        List<Choice> choices(JsonNode n, String p, QuestionType type) {
            JsonNode items = n.get("choices");
            String cp = child(p, "choices");
            boolean anyCorrect = false;
            boolean anyWeight = false;
            for (JsonNode c : items) {
                anyCorrect |= c.has("correct");
                anyWeight |= c.has("weight");
            }
            if (anyCorrect && anyWeight) {
                error(doc.keyAt(cp), "同一道题的选项要么都用 correct:,要么都用 weight:,不能混用");
                return List.of();
            }
            long right = 0;
            for (JsonNode c : items) {
                right += c.path("correct").asBoolean(false) ? 1 : 0;
            }
            long wrong = items.size() - right;
            List<Choice> list = new ArrayList<>();
            for (JsonNode c : items) {
                double weight;
                if (anyWeight) {
                    weight = c.path("weight").asDouble(0);
                } else if (type == QuestionType.single) {
                    weight = c.path("correct").asBoolean(false) ? 100 : 0;
                } else {
                    // the right picks share full marks; picking every option scores nothing
                    weight = c.path("correct").asBoolean(false) ? 100.0 / Math.max(1, right) : wrong == 0 ? 0 : -100.0 / wrong;
                }
                list.add(new Choice(c.get("text").asText(), round(weight), c.path("feedback").asText("")));
            }
            checkTexts(list.stream().map(Choice::text).toList(), cp);
            if (type == QuestionType.single) {
                if (list.stream().noneMatch(c -> c.weight() >= 100)) {
                    error(doc.keyAt(cp), "单选题需要一个完全正确的选项(correct: true 或 weight: 100)");
                } else if (list.stream().filter(c -> c.weight() >= 100).count() > 1) {
                    error(doc.keyAt(cp), "不止一个选项完全正确:改成 type: multiple,或只标一个");
                }
            } else {
                double sum = list.stream().mapToDouble(Choice::weight).filter(w -> w > 0).sum();
                if (Math.abs(sum - 100) > 0.5) {
                    error(doc.keyAt(cp), "多选题正分选项的 weight 加起来是 "
                            + BankWriter.number(round(sum)) + ",应该是 100");
                }
            }
            return list;
        }

        List<Choice> accepted(JsonNode n, String p) {
            List<Choice> list = new ArrayList<>();
            for (JsonNode a : n.get("answers")) {
                list.add(a.isTextual() ? new Choice(a.asText(), 100, "")
                        : new Choice(a.get("text").asText(), a.path("weight").asDouble(100), a.path("feedback").asText("")));
            }
            if (list.stream().noneMatch(c -> c.weight() >= 100)) {
                error(doc.keyAt(child(p, "answers")), "没有一个可接受的答案是完全正确的(weight 100)");
            }
            return list;
        }

        List<MatchPair> pairs(JsonNode n, String p) {
            List<MatchPair> list = new ArrayList<>();
            for (JsonNode a : n.get("pairs")) {
                list.add(new MatchPair(a.get("left").asText(), a.get("right").asText()));
            }
            checkTexts(list.stream().map(MatchPair::left).toList(), child(p, "pairs"));
            return list;
        }

        List<NumericAnswer> numbers(JsonNode n, String p) {
            List<NumericAnswer> list = new ArrayList<>();
            JsonNode items = n.get("numbers");
            for (int i = 0; i < items.size(); i++) {
                JsonNode a = items.get(i);
                String ap = child(child(p, "numbers"), i);
                boolean value = a.has("value");
                boolean range = a.has("min") || a.has("max");
                if (value == range) {
                    error(doc.at(ap), "写 value:(可加 tolerance:),或者写 min: 和 max:");
                    continue;
                }
                if (range && !(a.has("min") && a.has("max"))) {
                    error(doc.at(ap), "范围要同时写 min: 和 max:");
                    continue;
                }
                if (range && a.has("tolerance")) {
                    error(doc.keyAt(child(ap, "tolerance")), "tolerance: 只能和 value: 一起用,不能用在范围上");
                }
                if (range && a.get("min").asDouble() > a.get("max").asDouble()) {
                    error(doc.at(child(ap, "min")), "min 比 max 大");
                }
                double weight = a.path("weight").asDouble(100);
                String feedback = a.path("feedback").asText("");
                list.add(value ? new NumericAnswer(a.get("value").asDouble(), a.path("tolerance").asDouble(0), null, null, weight, feedback)
                        : new NumericAnswer(null, 0, a.get("min").asDouble(), a.get("max").asDouble(), weight, feedback));
            }
            if (!list.isEmpty() && list.stream().noneMatch(a -> a.weight() >= 100)) {
                error(doc.keyAt(child(p, "numbers")), "没有一个可接受的数值是完全正确的(weight 100)");
            }
            return list;
        }

        void checkTexts(List<String> texts, String pointer) {
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < texts.size(); i++) {
                if (!seen.add(texts.get(i))) {
                    error(doc.at(child(pointer, i)), "'" + texts.get(i) + "' 在这道题里出现了两次");
                }
            }
        }

        void error(Position at, String message) {
            out.add(Diagnostic.error(doc.file(), at, message));
        }
    }

    static List<String> strings(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }

    static double round(double w) {
        return Math.round(w * 100000.0) / 100000.0;
    }
}
