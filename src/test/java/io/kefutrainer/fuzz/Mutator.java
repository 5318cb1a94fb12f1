package io.kefutrainer.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Seeded mutations of a text file: line, token and byte level. The same seed gives the same cases. */
public final class Mutator {
    private Mutator() {
    }

    private static final String[] UNICODE = {
            "\t", "\u00a0", "\u200b", "\ufeff", "\u202e", "\u0000", "\u0007", "\u001b[31m", "\u2028", "\u0085",
            "😀", "𠀀", "é", "\u0301\u0301\u0301", "\r", "\r\n", "\\", "\"", "'", "#", "&", "*", "!", "%", "@", "`",
            "亲", "，", "：", "{", "}", "[", "]", "|", ">", "- ", ": ", "? ", "<<: ", "---\n", "...\n"};
    private static final String[] VALUES = {
            "", "~", "null", "true", "yes", "NO", "0", "-1", "1e999999", "-1e999999", ".nan", ".inf",
            "99999999999999999999999999999999999999999999", "0x7fffffffffffffff", "0o777", "1_000", "2026-13-45",
            "[]", "{}", "[1, [2, [3]]]", "{a: 1}", "&anchor x", "*anchor", "*undefined", "!!binary AAAA",
            "!!python/object:os.system", "!!float abc", "!!int 1.5", "|", ">-", "\"unterminated", "'x''y'",
            "<img src=x onerror=alert(1)>", "{{buyer.name}}", "{product.price}", "\"\\uD800\"", "\"\\x00\""};

    public static byte[] mutate(byte[] source, Random random, int times) {
        byte[] out = source;
        for (int i = 0; i < times; i++) {
            out = once(out, random);
        }
        return out;
    }

    private static byte[] once(byte[] bytes, Random random) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        int n = lines.size();
        switch (random.nextInt(14)) {
            case 0: // delete a line
                lines.remove(random.nextInt(n));
                return join(lines);
            case 1: // duplicate a line
                int d = random.nextInt(n);
                lines.add(d, lines.get(d));
                return join(lines);
            case 2: // swap two lines
                int a = random.nextInt(n);
                int b = random.nextInt(n);
                String t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
                return join(lines);
            case 3: // truncate anywhere (also inside a multi-byte character)
                return Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
            case 4: // indent a line with a tab or strip its indentation
                int l = random.nextInt(n);
                lines.set(l, random.nextBoolean() ? "\t" + lines.get(l) : lines.get(l).stripLeading());
                return join(lines);
            case 5: // inject odd unicode or YAML punctuation at a random place
                return insert(text, random, UNICODE[random.nextInt(UNICODE.length)]);
            case 6: { // replace a value after a colon
                int v = random.nextInt(n);
                String line = lines.get(v);
                int colon = line.indexOf(": ");
                if (colon >= 0) {
                    lines.set(v, line.substring(0, colon + 2) + VALUES[random.nextInt(VALUES.length)]);
                } else {
                    lines.set(v, line + " " + VALUES[random.nextInt(VALUES.length)]);
                }
                return join(lines);
            }
            case 7: { // replace a number by a huge or odd one
                String replaced = text.replaceFirst("\\b\\d+\\b", random.nextBoolean() ? "1" + "0".repeat(400) : "-0.0000000000000000000001e-99999");
                return replaced.getBytes(StandardCharsets.UTF_8);
            }
            case 8: { // deep nesting at a value
                int depth = 50 + random.nextInt(3000);
                String nest = random.nextBoolean() ? "[".repeat(depth) + "]".repeat(depth) : "{a: ".repeat(depth) + "1" + "}".repeat(depth);
                int v = random.nextInt(n);
                String line = lines.get(v);
                int colon = line.indexOf(": ");
                lines.set(v, (colon >= 0 ? line.substring(0, colon + 2) : line + " ") + nest);
                return join(lines);
            }
            case 9: { // an anchor on one value and aliases elsewhere
                int v = random.nextInt(n);
                String line = lines.get(v);
                int colon = line.indexOf(": ");
                if (colon >= 0) {
                    lines.set(v, line.substring(0, colon + 2) + "&x " + line.substring(colon + 2));
                }
                int w = random.nextInt(n);
                String other = lines.get(w);
                int c2 = other.indexOf(": ");
                lines.set(w, (c2 >= 0 ? other.substring(0, c2 + 2) : other + ": ") + "*x");
                return join(lines);
            }
            case 10: { // flip a random byte
                byte[] copy = bytes.clone();
                if (copy.length > 0) {
                    copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                }
                return copy;
            }
            case 11: { // delete a byte range
                if (bytes.length < 2) {
                    return bytes;
                }
                int from = random.nextInt(bytes.length);
                int to = Math.min(bytes.length, from + 1 + random.nextInt(40));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(bytes, 0, from);
                out.write(bytes, to, bytes.length - to);
                return out.toByteArray();
            }
            case 12: { // a very long line
                int v = random.nextInt(n);
                lines.set(v, lines.get(v) + "很长".repeat(20_000 + random.nextInt(30_000)));
                return join(lines);
            }
            default: { // swap two tokens on one line
                int v = random.nextInt(n);
                String[] tokens = lines.get(v).split(" ");
                if (tokens.length > 1) {
                    int x = random.nextInt(tokens.length);
                    int y = random.nextInt(tokens.length);
                    String tmp = tokens[x];
                    tokens[x] = tokens[y];
                    tokens[y] = tmp;
                    lines.set(v, String.join(" ", tokens));
                }
                return join(lines);
            }
        }
    }

    private static final String[] GIFT_TOKENS = {"{", "}", "~", "=", "#", "####", ":", "::", "->", "\\", "%", "%50%",
            "%-100%", "%abc%", "{T}", "{F}", "{#1..}", "{#..2}", "{#1:1:1}", "{#}", "{=a->}", "{}", "$CATEGORY: ",
            "// [rule:nope]", "[html]", "[markdown]", "\n\n", "\n", "A. ", "ANSWER: ", "ANSWER: Z", "B) ", "\u0000",
            "<script>alert(1)</script>", "9".repeat(40), "1e309", "NaN", "-", "\t", "😀"};

    /** Mutations aimed at GIFT/Aiken syntax: their special characters and keywords. */
    public static byte[] mutateGift(byte[] source, Random random, int times) {
        String text = new String(source, StandardCharsets.UTF_8);
        for (int i = 0; i < times; i++) {
            int kind = random.nextInt(3);
            if (kind == 0 || text.isEmpty()) {
                text = new String(insert(text, random, GIFT_TOKENS[random.nextInt(GIFT_TOKENS.length)]), StandardCharsets.UTF_8);
            } else if (kind == 1) { // drop one special character
                int[] specials = text.codePoints().toArray();
                int at = random.nextInt(specials.length);
                for (int k = 0; k < specials.length; k++) {
                    int idx = (at + k) % specials.length;
                    if ("{}~=#:\\%-".indexOf(specials[idx]) >= 0) {
                        int off = text.offsetByCodePoints(0, idx);
                        text = text.substring(0, off) + text.substring(text.offsetByCodePoints(off, 1));
                        break;
                    }
                }
            } else {
                text = new String(once(text.getBytes(StandardCharsets.UTF_8), random), StandardCharsets.UTF_8);
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] insert(String text, Random random, String what) {
        int cps = text.codePointCount(0, text.length());
        int at = text.offsetByCodePoints(0, random.nextInt(cps + 1));
        return (text.substring(0, at) + what + text.substring(at)).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] join(List<String> lines) {
        return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    }
}
