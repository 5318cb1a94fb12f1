package io.kefutrainer.scenario;

import io.kefutrainer.scenario.model.Branch;
import io.kefutrainer.scenario.model.Condition;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.Step;
import io.kefutrainer.scoring.ExpectedFact;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario as a diagram: steps and endings as nodes laid out in columns by distance from the start,
 * branches as labelled edges, all in the trainer's words (a step by what the buyer says there, an ending by its
 * outcome, a branch by its condition in Chinese). Pure data; the trainer page draws it.
 */
public final class ScenarioGraph {

    public record Node(String id, String kind, String label, int column, int row) {
    }

    public record Edge(String from, String to, String label, boolean fallback) {
    }

    public record Graph(List<Node> nodes, List<Edge> edges, int columns, int rows) {
    }

    private ScenarioGraph() {
    }

    public static Graph of(Scenario scenario, Vocabulary words) {
        Map<String, Integer> depth = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>();
        depth.put(scenario.start(), 0);
        queue.add(scenario.start());
        List<Edge> edges = new ArrayList<>();
        while (!queue.isEmpty()) {
            String id = queue.poll();
            Step step = scenario.steps().get(id);
            if (step == null) {
                continue;
            }
            for (Branch b : step.branches()) {
                edges.add(new Edge(id, b.target(), describe(b, step, words), b.isFallback()));
                if (!depth.containsKey(b.target())) {
                    depth.put(b.target(), depth.get(id) + 1);
                    queue.add(b.target());
                }
            }
        }
        // steps no branch reaches still appear (the validator warns about them), in a column of their own
        int maxDepth = depth.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (String id : scenario.steps().keySet()) {
            depth.putIfAbsent(id, maxDepth + 1);
        }
        for (String id : scenario.endings().keySet()) {
            depth.putIfAbsent(id, maxDepth + 1);
        }
        Map<Integer, Integer> rowsUsed = new HashMap<>();
        List<Node> nodes = new ArrayList<>();
        int columns = 0;
        int rows = 0;
        for (Map.Entry<String, Integer> e : depth.entrySet()) {
            String id = e.getKey();
            int column = e.getValue();
            int row = rowsUsed.merge(column, 1, Integer::sum) - 1;
            columns = Math.max(columns, column + 1);
            rows = Math.max(rows, row + 1);
            if (scenario.steps().containsKey(id)) {
                nodes.add(new Node(id, id.equals(scenario.start()) ? "start" : "step", stepLabel(scenario.steps().get(id)), column, row));
            } else {
                nodes.add(new Node(id, "ending", endingLabel(scenario, id, words), column, row));
            }
        }
        return new Graph(nodes, edges, columns, rows);
    }

    /** A step as the buyer opens it ("能换L吗"), shortened; the id when the step has no line of its own. */
    public static String stepLabel(Step step) {
        List<List<String>> variants = step.buyer() == null ? List.of() : step.buyer().variants();
        if (variants.isEmpty() || variants.get(0).isEmpty()) {
            return step.id();
        }
        List<String> first = variants.get(0);
        String line = first.get(first.size() - 1);
        return line.length() > 12 ? line.substring(0, 11) + "…" : line;
    }

    /** An ending by its outcome: 结束:已解决; the built-in `lost` ending when the buyer gives up. */
    public static String endingLabel(Scenario scenario, String id, Vocabulary words) {
        var ending = scenario.endings().get(id);
        String outcome = ending == null ? "lost" : ending.outcome().name();
        return "结束:" + words.outcome(outcome);
    }

    /** A branch's condition in Chinese, for the diagram and the step list: "说到 有货、能换" / "第 3 次回复起" / "其他情况". */
    public static String describe(Branch b, Step step, Vocabulary words) {
        if (b.isFallback()) {
            return "其他情况";
        }
        Condition c = b.when();
        List<String> parts = new ArrayList<>();
        if (c.impolite() != null) parts.add(c.impolite() ? "回复不礼貌" : "回复礼貌");
        if (c.apology() != null) parts.add(c.apology() ? "致歉了" : "没有致歉");
        if (c.forbidden() != null) parts.add(c.forbidden().equals(Condition.ANY) ? "说了禁语"
                : c.forbidden().equals(Condition.NONE) ? "没说禁语" : "说了指定禁语");
        if (c.violation() != null) parts.add(c.violation().equals(Condition.ANY) ? "违规" : c.violation().equals(Condition.NONE)
                ? "没有违规" : "违规:" + words.violation(c.violation()));
        if (!c.has().isEmpty()) parts.add("说到 " + facts(c.has(), step));
        if (!c.missing().isEmpty()) parts.add("漏了 " + facts(c.missing(), step));
        if (c.offerPrice() != null) parts.add(switch (c.offerPrice()) {
            case below_floor -> "报价低于底价";
            case at_or_above_floor -> "报价不低于底价";
            case any -> "报了价";
            case none -> "没报价";
        });
        if (c.silenceS() != null) parts.add("沉默 " + c.silenceS() + " 秒");
        if (c.attempts() != null) parts.add("第 " + c.attempts() + " 次回复起");
        return String.join(",且", parts);
    }

    /** Fact ids by the trainer's label, else by their first accepted wording. */
    private static String facts(List<String> ids, Step step) {
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            out.add(factLabel(id, step));
        }
        return String.join("、", out);
    }

    public static String factLabel(String id, Step step) {
        for (ExpectedFact f : step.expect()) {
            if (f.fact().equals(id)) {
                if (f.label() != null && !f.label().isBlank()) {
                    return f.label();
                }
                return f.any().isEmpty() ? id : "「" + f.any().get(0) + "」";
            }
        }
        return id;
    }
}
