package io.kefutrainer.quiz.transfer;

import io.kefutrainer.quiz.Difficulty;
import io.kefutrainer.yaml.DidYouMean;
import io.kefutrainer.yaml.Position;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields GIFT has no syntax for, read from the comment lines before a question:
 * `// [id:x] [tag:y] [difficulty:easy] [rule:z] [points:2]`. The first problem found is kept, to be reported
 * in place of the question.
 */
final class GiftMeta {

    private static final Pattern META = Pattern.compile("\\[(id|tag|difficulty|rule|points):([^\\]]*)\\]");

    String id;
    Position idAt;
    final List<String> tags = new ArrayList<>();
    final List<String> rules = new ArrayList<>();
    Difficulty difficulty;
    double points = 1;
    String problem;
    Position problemAt;

    /** @param known rule ids of rules.yaml, when [rule:] ids are checked */
    void read(String line, int lineNumber, Optional<Set<String>> known) {
        Matcher m = META.matcher(line);
        while (m.find()) {
            String value = m.group(2).strip();
            Position at = new Position(lineNumber, m.start() + 1);
            switch (m.group(1)) {
                case "id":
                    if (!Ids.VALID.matcher(value).matches()) {
                        problem = "id '" + value + "' 只能用字母、数字、. _ -(并以字母或数字开头)";
                        problemAt = at;
                    }
                    id = value;
                    idAt = at;
                    break;
                case "tag":
                    if (!value.isEmpty()) tags.add(value);
                    break;
                case "rule":
                    if (known.isPresent() && !known.get().contains(value)) {
                        problem = "规则 '" + value + "' 不在 rules.yaml 里" + DidYouMean.hint(value, known.get());
                        problemAt = at;
                    }
                    if (!value.isEmpty()) rules.add(value);
                    break;
                case "difficulty":
                    try {
                        difficulty = Difficulty.valueOf(value.toLowerCase(Locale.ROOT));
                    } catch (IllegalArgumentException e) {
                        problem = "难度 '" + value + "' 不是 easy、medium 或 hard";
                        problemAt = at;
                    }
                    break;
                default:
                    try {
                        points = GiftText.decimal(value);
                        if (!(points > 0 && points <= 100)) throw new NumberFormatException();
                    } catch (NumberFormatException e) {
                        problem = "分值 '" + value + "' 不是 0 到 100 之间的数";
                        problemAt = at;
                    }
            }
        }
    }
}
