package io.kefutrainer.quiz.transfer;

import io.kefutrainer.quiz.Categories;
import io.kefutrainer.quiz.Choice;
import io.kefutrainer.quiz.Difficulty;
import io.kefutrainer.quiz.MatchPair;
import io.kefutrainer.quiz.NumericAnswer;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuestionChecks;
import io.kefutrainer.quiz.QuestionType;
import io.kefutrainer.yaml.Diagnostic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kefutrainer.quiz.transfer.GiftText.find;
import static io.kefutrainer.quiz.transfer.GiftText.firstPart;
import static io.kefutrainer.quiz.transfer.GiftText.skipSpace;
import static io.kefutrainer.quiz.transfer.GiftText.split;
import static io.kefutrainer.quiz.transfer.GiftText.unescape;

/**
 * Moodle GIFT, the whole format: `//` comments, `::title::`, `$CATEGORY:`, `[format]` markers,
 * {=right ~wrong}, {T}/{F}/{TRUE}/{FALSE}, short answer {=a =b}, matching {=x -> y}, numeric {#7} {#30:5}
 * {#1..2} and {#=a =b}, weights ~%50%, per-answer feedback #…, general feedback ####…, essay {}, description
 * (no braces), text after the braces (missing word), escapes \: \= \~ \# \{ \} \\ \n, multi-line questions.
 *
 * <p>Fields GIFT has no syntax for (id, tags, difficulty, rules, points) travel in a comment line before the
 * question, `// [id:x] [tag:y] [difficulty:easy] [rule:z] [points:2]` (Moodle itself reads [id:] and [tag:]),
 * which is what makes export → import lossless.
 */
public final class GiftParser {

    private static final Pattern FORMAT = Pattern.compile("^\\s*\\[(html|moodle|plain|markdown)\\]", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRUE_FALSE = Pattern.compile("(?i)(T|F|TRUE|FALSE)");

    private final Path file;
    private final String defaultCategory;
    private final String idPrefix;
    private final Optional<Set<String>> rules;

    /** A parser that does not check [rule:] ids. */
    public GiftParser(Path file, String defaultCategory, String idPrefix) {
        this(file, defaultCategory, idPrefix, Optional.empty());
    }

    /**
     * @param defaultCategory category of questions before any $CATEGORY line
     * @param idPrefix        prefix of generated ids for questions without [id:]
     * @param rules           rule ids of rules.yaml, so a [rule:] that would fail `validate` fails the import instead
     */
    public GiftParser(Path file, String defaultCategory, String idPrefix, Optional<Set<String>> rules) {
        this.file = file;
        this.defaultCategory = defaultCategory;
        this.idPrefix = idPrefix;
        this.rules = rules;
    }

    public Imported parse(String text) {
        List<Question> questions = new ArrayList<>();
        List<Diagnostic> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> category = Categories.split(defaultCategory);
        String[] lines = SourceText.lines(text);
        SourceText block = new SourceText();
        GiftMeta meta = new GiftMeta();
        int ordinal = 0;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "";
            String trimmed = line.strip();
            if (trimmed.startsWith("//")) {
                meta.read(line, i + 1, rules);
                continue;
            }
            if (!trimmed.isEmpty()) {
                block.addLine(i + 1, line);
                continue;
            }
            if (block.isEmpty()) {
                continue;
            }
            String body = block.text();
            if (body.strip().startsWith("$CATEGORY:")) {
                String first = body.strip().split("\n", 2)[0];
                category = categoryOf(first.substring("$CATEGORY:".length()));
                if (category.isEmpty()) {
                    errors.add(Diagnostic.error(file, block.at(body.indexOf("$CATEGORY:")), "$CATEGORY: 后面没有写分类"));
                }
                block = new SourceText();
                continue;
            }
            ordinal++;
            try {
                if (meta.problem != null) {
                    errors.add(Diagnostic.error(file, meta.problemAt, meta.problem));
                } else {
                    String id = meta.id;
                    if (id != null && !ids.add(id)) {
                        errors.add(Diagnostic.error(file, meta.idAt, "id '" + id + "' 已被前面的题目使用"));
                    } else {
                        Question q = question(block, meta, category, id);
                        questions.add(q);
                    }
                }
            } catch (ImportError e) {
                errors.add(Diagnostic.error(file, block.at(e.offset), e.getMessage()));
            }
            block = new SourceText();
            meta = new GiftMeta();
        }
        // generated ids come last so that they never take an id a later question names explicitly
        List<Question> named = new ArrayList<>();
        int n = 0;
        for (Question q : questions) {
            n++;
            named.add(q.id().isEmpty() ? q.withId(Ids.next(idPrefix, n, ids)) : q);
            ids.add(named.get(named.size() - 1).id());
        }
        return new Imported(named, errors);
    }

    /** Moodle writes $course$/top/a/b; the course and "top" levels are Moodle's, not the trainer's. */
    private static List<String> categoryOf(String raw) {
        List<String> parts = new ArrayList<>(Categories.split(unescape(raw)));
        if (!parts.isEmpty() && parts.get(0).startsWith("$") && parts.get(0).endsWith("$")) parts.remove(0);
        if (!parts.isEmpty() && parts.get(0).equals("top")) parts.remove(0);
        return parts;
    }

    private Question question(SourceText block, GiftMeta meta, List<String> category, String id) throws ImportError {
        String s = block.text();
        int pos = skipSpace(s, 0);
        String title = "";
        if (s.startsWith("::", pos)) {
            int end = find(s, "::", pos + 2);
            if (end < 0) {
                throw new ImportError(pos, "标题没有结束:写成 ::标题::(冒号本身写 \\:)");
            }
            title = unescape(s.substring(pos + 2, end)).strip();
            pos = end + 2;
        }
        Matcher format = FORMAT.matcher(s.substring(pos));
        if (format.find()) {
            pos += format.end();
        }
        int open = find(s, "{", pos);
        int strayClose = find(s, "}", pos);
        if (strayClose >= 0 && (open < 0 || strayClose < open)) {
            throw new ImportError(strayClose, "'}' 前面没有对应的 '{'(正文里的大括号写 \\})");
        }
        if (open < 0) {
            String text = unescape(s.substring(pos)).strip();
            if (text.isEmpty()) {
                throw new ImportError(pos, "空题目:没有题干");
            }
            return build(id, QuestionType.description, title, text, category, meta, "", List.of(), null, "", "", List.of(), List.of());
        }
        int close = find(s, "}", open + 1);
        if (close < 0) {
            throw new ImportError(open, "答案块 '{' 没有用 '}' 结束");
        }
        int nested = find(s, "{", open + 1);
        if (nested >= 0 && nested < close) {
            throw new ImportError(nested, "答案块里又出现了 '{'(大括号本身写 \\{)");
        }
        int second = find(s, "{", close + 1);
        if (second >= 0) {
            throw new ImportError(second, "一道题只有一个答案块;是不是下一题前面少了空行?");
        }
        int secondClose = find(s, "}", close + 1);
        if (secondClose >= 0) {
            throw new ImportError(secondClose, "'}' 前面没有对应的 '{'(正文里的大括号写 \\})");
        }
        String head = unescape(s.substring(pos, open)).strip();
        String tail = unescape(s.substring(close + 1)).strip();
        // text after the answers is Moodle's "missing word" form: the blank goes where the braces were
        String text = tail.isEmpty() ? head : head + " _____ " + tail;
        if (text.isEmpty()) {
            throw new ImportError(pos, "空题目:答案前面没有题干");
        }
        int aStart = open + 1;
        String answers = s.substring(aStart, close);
        String explanation = "";
        int general = find(answers, "####", 0);
        if (general >= 0) {
            explanation = unescape(answers.substring(general + 4)).strip();
            answers = answers.substring(0, general);
        }
        int lead = skipSpace(answers, 0);
        String a = answers.strip();
        Question q;
        if (a.isEmpty()) {
            q = build(id, QuestionType.essay, title, text, category, meta, explanation, List.of(), null, "", "", List.of(), List.of());
        } else if (a.startsWith("#")) {
            q = build(id, QuestionType.numeric, title, text, category, meta, explanation, List.of(), null, "", "", List.of(),
                    GiftAnswers.numbers(answers, aStart, lead + 1));
        } else if (find(a, "~", 0) >= 0) {
            List<Choice> choices = GiftAnswers.choices(answers, aStart);
            boolean single = find(a, "=", 0) >= 0;
            q = build(id, single ? QuestionType.single : QuestionType.multiple, title, text, category, meta, explanation,
                    choices, null, "", "", List.of(), List.of());
        } else if (find(a, "=", 0) >= 0 && find(a, "->", 0) >= 0) {
            List<MatchPair> pairs = GiftAnswers.pairs(answers, aStart);
            q = build(id, QuestionType.matching, title, text, category, meta, explanation, List.of(), null, "", "", pairs, List.of());
        } else if (TRUE_FALSE.matcher(firstPart(a)).matches()) {
            List<String> parts = split(a, "#");
            boolean truth = parts.get(0).strip().toUpperCase(Locale.ROOT).startsWith("T");
            if (parts.size() > 3) {
                throw new ImportError(aStart + lead, "判断题最多两条反馈:{T#答错时#答对时}");
            }
            String wrong = parts.size() > 1 ? unescape(parts.get(1)).strip() : "";
            String right = parts.size() > 2 ? unescape(parts.get(2)).strip() : "";
            q = build(id, QuestionType.true_false, title, text, category, meta, explanation, List.of(), truth, right, wrong, List.of(), List.of());
        } else if (a.startsWith("=")) {
            List<Choice> accepted = GiftAnswers.accepted(answers, aStart);
            q = build(id, QuestionType.short_answer, title, text, category, meta, explanation, accepted, null, "", "", List.of(), List.of());
        } else {
            throw new ImportError(aStart + lead, "看不出题型:选项以 = 或 ~ 开头,"
                    + "{T}/{F} 是判断题,{#…} 是数值题,{} 是问答题");
        }
        Optional<String> problem = QuestionChecks.problem(q);
        if (problem.isPresent()) {
            throw new ImportError(open, problem.get());
        }
        return q;
    }

    private Question build(String id, QuestionType type, String title, String text, List<String> category, GiftMeta meta,
                           String explanation, List<Choice> choices, Boolean truth, String right, String wrong,
                           List<MatchPair> pairs, List<NumericAnswer> numbers) {
        return new Question(id == null ? "" : id, type, title, text, category, meta.tags,
                meta.difficulty == null ? Difficulty.medium : meta.difficulty, explanation, meta.rules, meta.points,
                choices, truth, right, wrong, pairs, numbers);
    }
}
