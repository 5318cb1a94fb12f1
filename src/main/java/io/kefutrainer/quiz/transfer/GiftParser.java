package io.kefutrainer.quiz.transfer;

import io.kefutrainer.quiz.Categories;
import io.kefutrainer.quiz.Choice;
import io.kefutrainer.quiz.Difficulty;
import io.kefutrainer.quiz.MatchPair;
import io.kefutrainer.quiz.NumericAnswer;
import io.kefutrainer.quiz.Question;
import io.kefutrainer.quiz.QuestionChecks;
import io.kefutrainer.quiz.QuestionType;
import io.kefutrainer.content.yaml.Diagnostic;
import io.kefutrainer.content.yaml.DidYouMean;
import io.kefutrainer.content.yaml.Position;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    private static final Pattern META = Pattern.compile("\\[(id|tag|difficulty|rule|points):([^\\]]*)\\]");
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

    /** Metadata from the comment lines before a question. */
    private static final class Meta {
        String id;
        Position idAt;
        final List<String> tags = new ArrayList<>();
        final List<String> rules = new ArrayList<>();
        Difficulty difficulty;
        double points = 1;
        String problem;
        Position problemAt;
    }

    public Imported parse(String text) {
        List<Question> questions = new ArrayList<>();
        List<Diagnostic> errors = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        List<String> category = Categories.split(defaultCategory);
        String[] lines = SourceText.lines(text);
        SourceText block = new SourceText();
        Meta meta = new Meta();
        int ordinal = 0;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "";
            String trimmed = line.strip();
            if (trimmed.startsWith("//")) {
                readMeta(meta, line, i + 1);
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
            meta = new Meta();
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

    private void readMeta(Meta meta, String line, int lineNumber) {
        Matcher m = META.matcher(line);
        while (m.find()) {
            String value = m.group(2).strip();
            Position at = new Position(lineNumber, m.start() + 1);
            switch (m.group(1)) {
                case "id":
                    if (!Ids.VALID.matcher(value).matches()) {
                        meta.problem = "id '" + value + "' 只能用字母、数字、. _ -(并以字母或数字开头)";
                        meta.problemAt = at;
                    }
                    meta.id = value;
                    meta.idAt = at;
                    break;
                case "tag":
                    if (!value.isEmpty()) meta.tags.add(value);
                    break;
                case "rule":
                    if (rules.isPresent() && !rules.get().contains(value)) {
                        meta.problem = "规则 '" + value + "' 不在 rules.yaml 里" + DidYouMean.hint(value, rules.get());
                        meta.problemAt = at;
                    }
                    if (!value.isEmpty()) meta.rules.add(value);
                    break;
                case "difficulty":
                    try {
                        meta.difficulty = Difficulty.valueOf(value.toLowerCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        meta.problem = "难度 '" + value + "' 不是 easy、medium 或 hard";
                        meta.problemAt = at;
                    }
                    break;
                default:
                    try {
                        meta.points = decimal(value);
                        if (!(meta.points > 0 && meta.points <= 100)) throw new NumberFormatException();
                    } catch (NumberFormatException e) {
                        meta.problem = "分值 '" + value + "' 不是 0 到 100 之间的数";
                        meta.problemAt = at;
                    }
            }
        }
    }

    /** Moodle writes $course$/top/a/b; the course and "top" levels are Moodle's, not the trainer's. */
    private static List<String> categoryOf(String raw) {
        List<String> parts = new ArrayList<>(Categories.split(unescape(raw)));
        if (!parts.isEmpty() && parts.get(0).startsWith("$") && parts.get(0).endsWith("$")) parts.remove(0);
        if (!parts.isEmpty() && parts.get(0).equals("top")) parts.remove(0);
        return parts;
    }

    private Question question(SourceText block, Meta meta, List<String> category, String id) throws ImportError {
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
            q = numeric(answers, aStart, lead + 1, id, title, text, category, meta, explanation);
        } else if (find(a, "~", 0) >= 0) {
            List<Segment> segs = segments(answers, aStart, "=~");
            boolean single = find(a, "=", 0) >= 0;
            List<Choice> choices = new ArrayList<>();
            for (Segment seg : segs) {
                Weighted w = weighted(seg, seg.marker == '=' ? 100 : 0);
                choices.add(new Choice(w.text, w.weight, w.feedback));
                if (w.text.isEmpty()) {
                    throw new ImportError(seg.offset, "'" + seg.marker + "' 后面的答案是空的");
                }
            }
            q = build(id, single ? QuestionType.single : QuestionType.multiple, title, text, category, meta, explanation,
                    choices, null, "", "", List.of(), List.of());
        } else if (find(a, "=", 0) >= 0 && find(a, "->", 0) >= 0) {
            List<MatchPair> pairs = new ArrayList<>();
            for (Segment seg : segments(answers, aStart, "=")) {
                int arrow = find(seg.body, "->", 0);
                if (arrow < 0) {
                    throw new ImportError(seg.offset, "匹配题的每一对要用 '->' 隔开两边");
                }
                String left = unescape(seg.body.substring(0, arrow)).strip();
                String right = unescape(withoutFeedback(seg.body.substring(arrow + 2))).strip();
                if (left.isEmpty() || right.isEmpty()) {
                    throw new ImportError(seg.offset, "匹配题每一对的 '->' 两边都要有文字");
                }
                pairs.add(new MatchPair(left, right));
            }
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
            List<Choice> accepted = new ArrayList<>();
            for (Segment seg : segments(answers, aStart, "=")) {
                Weighted w = weighted(seg, 100);
                if (w.text.isEmpty()) {
                    throw new ImportError(seg.offset, "'=' 后面的答案是空的");
                }
                accepted.add(new Choice(w.text, w.weight, w.feedback));
            }
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

    private Question numeric(String answers, int aStart, int from, String id, String title, String text,
                             List<String> category, Meta meta, String explanation) throws ImportError {
        String rest = answers.substring(from);
        List<NumericAnswer> numbers = new ArrayList<>();
        if (find(rest, "=", 0) >= 0) {
            for (Segment seg : segments(rest, aStart + from, "=")) {
                Weighted w = weighted(seg, 100);
                numbers.add(number(w.text, w.weight, w.feedback, seg.offset));
            }
        } else {
            List<String> parts = split(rest, "#");
            if (parts.size() > 2) {
                throw new ImportError(aStart + from, "一个数值答案只能有一条反馈:{#7#反馈}");
            }
            numbers.add(number(unescape(parts.get(0)).strip(), 100, parts.size() > 1 ? unescape(parts.get(1)).strip() : "", aStart + from));
        }
        return build(id, QuestionType.numeric, title, text, category, meta, explanation, List.of(), null, "", "", List.of(), numbers);
    }

    private static NumericAnswer number(String spec, double weight, String feedback, int offset) throws ImportError {
        try {
            int range = spec.indexOf("..");
            if (range >= 0) {
                return new NumericAnswer(null, 0, decimal(spec.substring(0, range).strip()),
                        decimal(spec.substring(range + 2).strip()), weight, feedback);
            }
            int colon = spec.indexOf(':');
            if (colon >= 0) {
                return new NumericAnswer(decimal(spec.substring(0, colon).strip()), decimal(spec.substring(colon + 1).strip()),
                        null, null, weight, feedback);
            }
            return new NumericAnswer(decimal(spec.strip()), 0, null, null, weight, feedback);
        } catch (NumberFormatException e) {
            throw new ImportError(offset, "'" + spec + "' 不是数、数值:误差 或 下限..上限");
        }
    }

    private static final java.util.regex.Pattern DECIMAL =
            java.util.regex.Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d{1,3})?");

    /** A plain finite decimal: Java's parseDouble also takes NaN, Infinity, hex and 1d/1f, which no bank may hold. */
    private static double decimal(String s) {
        String t = s.strip();
        if (t.length() > 40 || !DECIMAL.matcher(t).matches()) {
            throw new NumberFormatException(t);
        }
        double d = Double.parseDouble(t);
        if (!Double.isFinite(d)) {
            throw new NumberFormatException(t);
        }
        return d;
    }

    private Question build(String id, QuestionType type, String title, String text, List<String> category, Meta meta,
                           String explanation, List<Choice> choices, Boolean truth, String right, String wrong,
                           List<MatchPair> pairs, List<NumericAnswer> numbers) {
        return new Question(id == null ? "" : id, type, title, text, category, meta.tags,
                meta.difficulty == null ? Difficulty.medium : meta.difficulty, explanation, meta.rules, meta.points,
                choices, truth, right, wrong, pairs, numbers);
    }

    /** One answer inside the braces: its marker (= or ~), its raw body and where the marker is. */
    private record Segment(char marker, String body, int offset) {
    }

    private record Weighted(String text, double weight, String feedback) {
    }

    private static List<Segment> segments(String answers, int base, String markers) throws ImportError {
        List<Segment> out = new ArrayList<>();
        int start = -1;
        char marker = 0;
        for (int i = 0; i < answers.length(); i++) {
            char c = answers.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            // "->" in a matching pair is not a marker; '=' and '~' start a new answer
            if (markers.indexOf(c) >= 0) {
                if (start >= 0) {
                    out.add(new Segment(marker, answers.substring(start + 1, i), base + start));
                } else if (!answers.substring(0, i).isBlank()) {
                    throw new ImportError(base + skipSpace(answers, 0), "答案要以 " + (markers.length() > 1 ? "= 或 ~" : "=") + " 开头");
                }
                start = i;
                marker = c;
            }
        }
        if (start < 0) {
            throw new ImportError(base, "没有答案:每个答案以 " + (markers.length() > 1 ? "= 或 ~" : "=") + " 开头");
        }
        out.add(new Segment(marker, answers.substring(start + 1), base + start));
        return out;
    }

    private static Weighted weighted(Segment seg, double defaultWeight) throws ImportError {
        String body = seg.body;
        double weight = defaultWeight;
        int p = skipSpace(body, 0);
        if (body.startsWith("%", p)) {
            int end = body.indexOf('%', p + 1);
            if (end < 0) {
                throw new ImportError(seg.offset + 1 + p, "分值没有结束:写成 %50%");
            }
            try {
                weight = decimal(body.substring(p + 1, end));
            } catch (NumberFormatException e) {
                throw new ImportError(seg.offset + 1 + p, "分值 '" + body.substring(p + 1, end) + "' 不是数");
            }
            if (weight < -100 || weight > 100) {
                throw new ImportError(seg.offset + 1 + p, "分值 " + body.substring(p + 1, end) + "% 超出 -100%..100%");
            }
            body = body.substring(end + 1);
        }
        List<String> parts = split(body, "#");
        if (parts.size() > 2) {
            throw new ImportError(seg.offset, "一个答案只能有一条反馈(#…);正文里的 # 写 \\#");
        }
        return new Weighted(unescape(parts.get(0)).strip(), weight, parts.size() > 1 ? unescape(parts.get(1)).strip() : "");
    }

    private static String withoutFeedback(String s) {
        return split(s, "#").get(0);
    }

    private static String firstPart(String s) {
        return split(s, "#").get(0).strip();
    }

    /** Index of an unescaped token at or after `from`, or -1. */
    static int find(String s, String token, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.startsWith(token, i)) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> split(String s, String token) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = find(s, token, 0); i >= 0; i = find(s, token, start)) {
            parts.add(s.substring(start, i));
            start = i + token.length();
        }
        parts.add(s.substring(start));
        return parts;
    }

    private static int skipSpace(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == 'n') {
                    b.append('\n');
                    i++;
                    continue;
                }
                if (":=~#{}\\".indexOf(n) >= 0) {
                    b.append(n);
                    i++;
                    continue;
                }
            }
            b.append(c);
        }
        return b.toString();
    }
}
