package io.kefutrainer.yaml;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Turns SnakeYAML's syntax errors into a trainer's words, at the line to fix. The parser notices a mistake
 * where it cannot go on, which is often the line after it (a missing colon) or a sibling's block (a key
 * indented one space too far); the common cases are recognised from the source text around the marks.
 */
final class YamlSyntax {

    /** What to print and where. */
    record Problem(Position at, String message) {
    }

    private final String[] lines;

    private YamlSyntax(String text) {
        this.lines = text.split("\n", -1);
    }

    static Problem explain(String text, MarkedYAMLException e) {
        return new YamlSyntax(text).explain(e);
    }

    private Problem explain(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        String context = e.getContext() == null ? "" : e.getContext();
        Mark p = e.getProblemMark();
        Mark c = e.getContextMark();
        int pl = p == null ? 1 : p.getLine() + 1;
        int pc = p == null ? 1 : p.getColumn() + 1;
        if (problem.contains("\\t") || problem.contains("(TAB)")) {
            return new Problem(new Position(pl, 1), "第 " + pl + " 行用了 Tab 缩进:YAML 只能用空格缩进,请把 Tab 换成空格");
        }
        if (problem.startsWith("expected <block end>")) {
            return indentation(pl, pc);
        }
        if (problem.startsWith("mapping values are not allowed")) {
            return colonInValue(pl, pc);
        }
        if (problem.startsWith("could not find expected ':'") && c != null) {
            int cl = c.getLine() + 1;
            return new Problem(new Position(cl, c.getColumn() + 1), "第 " + cl + " 行缺少冒号:键和值之间要写 ': '(如 buyer: 在吗),"
                    + "或者这一行是上一行文字的续写,请把整句写在一行并加引号");
        }
        if (context.startsWith("while scanning a quoted scalar") && c != null) {
            int cl = c.getLine() + 1;
            return new Problem(new Position(cl, c.getColumn() + 1), "第 " + cl + " 行第 " + (c.getColumn() + 1)
                    + " 列开始的引号没有配对:在句子末尾补上同样的引号");
        }
        if (context.startsWith("while parsing a flow sequence") && c != null) {
            return flow(c, '[', ']', problem);
        }
        if (context.startsWith("while parsing a flow mapping") && c != null) {
            return flow(c, '{', '}', problem);
        }
        if (problem.contains("found undefined alias") || problem.contains("found undefined anchor")) {
            return new Problem(new Position(pl, pc), "第 " + pl + " 行的 * 被当成了 YAML 引用:以 * 或 & 开头的文字请加引号");
        }
        if (problem.contains("cannot start any token")) {
            return new Problem(new Position(pl, pc), "第 " + pl + " 行第 " + pc + " 列的字符不能出现在开头:"
                    + "以 @、`、%、| 、> 等开头的文字请加引号");
        }
        String english = context.isEmpty() ? problem : context + ", " + problem;
        return new Problem(new Position(pl, pc), "YAML 语法错误(第 " + pl + " 行附近):" + english
                + ";常见原因:缩进不齐、冒号后缺空格、文字里有 ': ' 或 '#' 却没加引号");
    }

    /** A key or list item indented differently from its siblings: say which line it should line up with. */
    private Problem indentation(int line, int column) {
        String text = line(line);
        int indent = indentOf(text);
        String name = nameOf(text);
        int best = -1;
        int bestDiff = Integer.MAX_VALUE;
        boolean dash = text.stripLeading().startsWith("-");
        for (int l = line - 1; l >= 1 && l >= line - 40; l--) {
            String prev = line(l);
            if (isBlank(prev)) {
                continue;
            }
            boolean prevDash = prev.stripLeading().startsWith("-");
            if (dash && !prevDash) {
                continue;
            }
            int col = dash ? indentOf(prev) : keyColumn(prev);
            int diff = Math.abs(col - indent);
            // on a tie a plain key beats a key behind "- ": "buyer" under a list belongs with "expect", not in the list
            boolean better = diff < bestDiff || (diff == bestDiff && !dash && !prevDash && line(best).stripLeading().startsWith("-"));
            if (diff != 0 && better) {
                best = l;
                bestDiff = diff;
            }
            if (indentOf(prev) == 0) {
                break;
            }
        }
        if (best < 0) {
            return new Problem(new Position(line, indent + 1), "缩进不对:第 " + line + " 行的 " + name + " 缩进和上面的行对不齐");
        }
        String sibling = line(best);
        int target = dash ? indentOf(sibling) : keyColumn(sibling);
        return new Problem(new Position(line, indent + 1), "缩进不对:第 " + line + " 行的 " + name + " 应与第 " + best
                + " 行的 " + (dash ? "-" : nameOf(sibling.substring(target))) + " 对齐(缩进 " + target + " 个空格,现在是 " + indent + " 个)");
    }

    /** ": " where the parser did not expect a new key. */
    private Problem colonInValue(int line, int column) {
        String text = line(line);
        int indent = indentOf(text);
        int firstColon = text.indexOf(": ");
        if (firstColon < 0 && text.endsWith(":")) {
            firstColon = text.length() - 1;
        }
        if (firstColon >= 0 && firstColon < column - 1) {
            return new Problem(new Position(line, firstColon + 3), "第 " + line + " 行的值里有 ': '(冒号加空格),"
                    + "YAML 会把它当成新的键:请给整句加引号,例如 buyer: \"亲: 在吗\",或改用中文冒号 ':'");
        }
        int prevLine = previousContent(line);
        if (prevLine > 0) {
            String prev = line(prevLine);
            String body = prev.stripLeading();
            if (body.startsWith("- ")) {
                body = body.substring(2).stripLeading();
            }
            if (!body.contains(": ") && !body.endsWith(":") && !body.startsWith("#") && indentOf(prev) == indent) {
                return new Problem(new Position(prevLine, indentOf(prev) + 1), "第 " + prevLine + " 行缺少冒号:应写成 '"
                        + nameOf(prev) + ": …'(冒号后有一个空格)");
            }
            int prevColon = body.indexOf(": ");
            if (prevColon >= 0 && !body.substring(prevColon + 2).isBlank() && indent > indentOf(prev)) {
                return new Problem(new Position(line, indent + 1), "缩进不对:第 " + line + " 行的 " + nameOf(text) + " 比第 "
                        + prevLine + " 行缩进多,但第 " + prevLine + " 行的 " + nameOf(prev) + " 后面已经写了值;"
                        + "要么与 " + nameOf(prev) + " 对齐(缩进 " + keyColumn(prev) + " 个空格),要么把那一行冒号后的值删掉");
            }
        }
        return new Problem(new Position(line, column), "第 " + line + " 行这里不能出现冒号加空格 ': ':"
                + "如果它是文字的一部分,请给整句加引号");
    }

    private Problem flow(Mark open, char opening, char closing, String problem) {
        int l = open.getLine() + 1;
        String what = opening == '[' ? "方括号 [ … ]" : "花括号 { … }";
        String hint = problem.contains("<scalar>") ? "两项之间缺少英文逗号 ',',或文字里有引号没加对"
                : "缺少结尾的 '" + closing + "',或者括号不配对";
        return new Problem(new Position(l, open.getColumn() + 1), "第 " + l + " 行第 " + (open.getColumn() + 1) + " 列开始的 "
                + what + " 没有正确结束:" + hint);
    }

    private int previousContent(int line) {
        for (int l = line - 1; l >= 1; l--) {
            String t = line(l);
            if (!isBlank(t)) {
                return l;
            }
        }
        return 0;
    }

    private String line(int oneBased) {
        return oneBased >= 1 && oneBased <= lines.length ? lines[oneBased - 1].replace("\r", "") : "";
    }

    private static boolean isBlank(String t) {
        String s = t.strip();
        return s.isEmpty() || s.startsWith("#");
    }

    private static int indentOf(String t) {
        int i = 0;
        while (i < t.length() && t.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** Column (0-based) of the key on this line: after "- " for a list item that opens a map. */
    private static int keyColumn(String t) {
        int i = indentOf(t);
        while (i + 1 < t.length() && t.charAt(i) == '-' && t.charAt(i + 1) == ' ') {
            i += 2;
            while (i < t.length() && t.charAt(i) == ' ') {
                i++;
            }
        }
        return i;
    }

    /** The key written on this line ("buyer"), or its first characters. */
    private static String nameOf(String t) {
        String s = t.strip();
        if (s.startsWith("- ")) {
            s = s.substring(2).strip();
            if (!s.contains(":")) {
                return "列表项 -";
            }
        }
        int colon = s.indexOf(':');
        String name = colon > 0 ? s.substring(0, colon) : s;
        return name.length() > 20 ? name.substring(0, 20) + "…" : name;
    }
}
