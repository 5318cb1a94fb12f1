package io.kefutrainer.scenario.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `{product.title}`-style variables in buyer lines. Only dotted names in braces are variables, so a
 * buyer's "{笑}" or an emoticon stays text; the validator reports every variable the scenario does not define.
 */
public final class Templates {

    private static final Pattern VARIABLE = Pattern.compile("\\{((?:persona|product|order)(?:\\.[^{}\\s.]+)+)}");

    /** {title}, {price}: looks like a variable but has no dot, so it is not one (the validator says so). */
    private static final Pattern UNDOTTED = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private Templates() {
    }

    /** Every variable a scenario defines, with its value. */
    public static Map<String, String> variables(Scenario scenario) {
        Map<String, String> vars = new LinkedHashMap<>();
        vars.put("persona.name", scenario.persona().name());
        Product p = scenario.product();
        vars.put("product.title", p.title());
        vars.put("product.price", number(p.price()));
        if (p.floorPrice() != null) {
            vars.put("product.floor_price", number(p.floorPrice()));
        }
        p.facts().forEach((k, v) -> vars.put("product.facts." + k, v));
        p.sizeChart().forEach((k, v) -> vars.put("product.size_chart." + k, v));
        Order o = scenario.order();
        if (o != null) {
            putIfSet(vars, "order.id", o.id());
            putIfSet(vars, "order.status", o.status());
            putIfSet(vars, "order.paid_at", o.paidAt());
            putIfSet(vars, "order.carrier", o.carrier());
            putIfSet(vars, "order.tracking", o.tracking());
            putIfSet(vars, "order.address", o.address());
            if (!o.events().isEmpty()) {
                Order.TrackingEvent last = o.events().get(o.events().size() - 1);
                vars.put("order.last_event", last.time() + " " + last.text());
            }
        }
        return vars;
    }

    /** Variable names used in a line, in order. */
    public static List<String> references(String line) {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(line);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** ASCII names in braces without a dot ("{title}"), which are shown as written, in order. */
    public static List<String> undotted(String line) {
        List<String> names = new ArrayList<>();
        Matcher m = UNDOTTED.matcher(line);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** Replaces defined variables; an undefined one stays as written (the validator has reported it). */
    public static String render(String line, Map<String, String> variables) {
        Matcher m = VARIABLE.matcher(line);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = variables.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** 159.0 → "159", 9.9 → "9.9". */
    public static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    private static void putIfSet(Map<String, String> vars, String name, String value) {
        if (value != null) {
            vars.put(name, value);
        }
    }
}
