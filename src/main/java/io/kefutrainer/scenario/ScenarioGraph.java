package io.kefutrainer.scenario;

import io.kefutrainer.scenario.engine.ScenarioEngine;
import io.kefutrainer.scenario.model.Branch;
import io.kefutrainer.scenario.model.Scenario;
import io.kefutrainer.scenario.model.Step;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario as a diagram: steps and endings as nodes laid out in columns by distance from the start,
 * branches as labelled edges. Pure data; the trainer page draws it.
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

    public static Graph of(Scenario scenario) {
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
                edges.add(new Edge(id, b.target(), ScenarioEngine.describe(b), b.isFallback()));
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
                nodes.add(new Node(id, id.equals(scenario.start()) ? "start" : "step", id, column, row));
            } else if (scenario.endings().containsKey(id)) {
                nodes.add(new Node(id, "ending", id + "(" + scenario.endings().get(id).outcome() + ")", column, row));
            } else {
                nodes.add(new Node(id, "ending", id, column, row)); // the built-in `lost` ending
            }
        }
        return new Graph(nodes, edges, columns, rows);
    }
}
