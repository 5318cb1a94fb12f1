package io.kefutrainer.importing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one scrubbed, scored conversation into a scenario draft (`draft: true`): each buyer burst a step, the
 * agent's well-scored replies the good transcript, and the longest clauses of those replies the expected points.
 * A step whose original reply scored badly (or whose points the scorer does not hear back, see {@link #plain})
 * moves on with `else:`, and the description asks the trainer to write its good reply.
 */
public final class Drafter {

    /** One buyer burst and the agent's reply to it (null when the buyer had the last word). */
    public record Exchange(List<String> buyer, String reply, boolean goodReply) {
        public Exchange {
            buyer = List.copyOf(buyer);
        }
    }

    /** A polite reply that says nothing: three of them at a step with points take its `attempts: 3` branch. */
    static final String MISS = "亲,请稍等一下哦";
    static final String STAND_IN = "亲,您好~这个问题我马上帮您确认一下哦(待培训师补写:原回复评分低)";
    private static final int PHRASE_MAX = 12;

    private Drafter() {
    }

    /**
     * Buyer bursts and the agent reply after each (consecutive agent lines joined), not yet scored; agent lines
     * before the buyer's first line are dropped; the last exchange has a null reply when the buyer had the last word.
     */
    public static List<Exchange> exchanges(List<ChatMessage> messages) {
        List<Exchange> all = new ArrayList<>();
        List<String> burst = new ArrayList<>();
        List<String> reply = new ArrayList<>();
        for (ChatMessage m : messages) {
            if (m.buyer()) {
                if (!reply.isEmpty()) {
                    all.add(new Exchange(burst, String.join(" ", reply), false));
                    burst = new ArrayList<>();
                    reply = new ArrayList<>();
                }
                burst.add(m.text());
            } else if (!burst.isEmpty()) {
                reply.add(m.text());
            }
        }
        if (!burst.isEmpty()) {
            all.add(new Exchange(burst, reply.isEmpty() ? null : String.join(" ", reply), false));
        }
        return all;
    }

    /**
     * The draft as a YAML-ready tree, or null when the conversation has no agent reply to learn from.
     *
     * @param plain every step moves on with `else:` (no expected points): the fallback when the points version
     *              does not validate or its transcript does not play
     * @param product the `product:` card (an imported product without its id), or null for a blank one to fill in
     */
    public static Map<String, Object> draft(String id, String category, int index,
                                            List<Exchange> exchanges, boolean plain, Map<String, Object> product) {
        List<Exchange> steps = new ArrayList<>(exchanges);
        List<String> closing = null;
        if (!steps.isEmpty() && steps.get(steps.size() - 1).reply() == null) {
            closing = steps.remove(steps.size() - 1).buyer();
        }
        if (steps.isEmpty()) {
            return null;
        }
        long good = steps.stream().filter(Exchange::goodReply).count();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("title", "导入草稿:" + title(steps.get(0).buyer()));
        // not the file name: a file called 张伟的聊天记录.csv would carry a name past the scrubber
        d.put("description", "import-chats 从导入文件的第 " + index + " 段对话生成(个人信息已替换为占位符)。"
                + "客服回复 " + steps.size() + " 条,评分好的 " + good + " 条用作好的测试对话和要点"
                + (good < steps.size() || plain ? ";其余步骤用 else: 直接进入下一步,请培训师补写好回复和要点" : "")
                + "。改好后删掉 draft: true 即发布。");
        d.put("draft", true);
        d.put("category", category);
        d.put("difficulty", 2);
        d.put("tags", List.of("导入草稿"));
        d.put("persona", ordered("name", "买家"));
        if (product != null) {
            d.put("product", product);
        } else {
            Map<String, Object> blank = ordered("title", "(导入的对话:请填写商品)");
            blank.put("price", 0);
            d.put("product", blank);
        }
        d.put("start", "s1");
        Map<String, Object> stepMap = new LinkedHashMap<>();
        List<String> transcript = new ArrayList<>();
        List<Integer> missable = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Exchange e = steps.get(i);
            String next = i + 1 < steps.size() ? "s" + (i + 2) : "done";
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("buyer", e.buyer().size() == 1 ? e.buyer().get(0) : e.buyer());
            List<String> phrases = e.goodReply() && !plain ? phrases(e.reply()) : List.of();
            if (!phrases.isEmpty()) {
                String fact = "point" + (i + 1);
                Map<String, Object> expect = new LinkedHashMap<>();
                expect.put("fact", fact);
                expect.put("any", phrases);
                expect.put("points", 10);
                step.put("expect", List.of(expect));
                step.put("branches", List.of(branch("has", fact, next), branch("attempts", 3, "lost")));
                if (phrases.stream().noneMatch(MISS::contains)) {
                    missable.add(i);
                }
            } else {
                step.put("branches", List.of(ordered("else", next)));
            }
            stepMap.put("s" + (i + 1), step);
            transcript.add(e.goodReply() ? e.reply() : STAND_IN);
        }
        d.put("steps", stepMap);
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("outcome", "resolved");
        if (closing != null) {
            done.put("buyer", closing.size() == 1 ? closing.get(0) : closing);
        }
        Map<String, Object> endings = new LinkedHashMap<>();
        endings.put("done", done);
        endings.put("lost", ordered("outcome", "lost"));
        d.put("endings", endings);
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("name", "原对话里评分好的客服回复");
        test.put("replies", transcript);
        test.put("expect", ordered("ending", "done"));
        List<Map<String, Object>> tests = new ArrayList<>(List.of(test));
        for (int i : missable) {
            Map<String, Object> miss = new LinkedHashMap<>();
            miss.put("name", "第 " + (i + 1) + " 步三次都没说到要点,买家走了");
            List<String> replies = new ArrayList<>(transcript.subList(0, i));
            replies.addAll(List.of(MISS, MISS, MISS));
            miss.put("replies", replies);
            miss.put("expect", ordered("ending", "lost"));
            tests.add(miss);
        }
        d.put("tests", tests);
        return d;
    }

    /** Up to two clauses of a reply, longest first, cut to a few characters: what the trainee should also say. */
    static List<String> phrases(String reply) {
        String text = reply.replaceAll("\\{[^{}]*}", " ");
        List<String> clauses = new ArrayList<>();
        for (String c : text.split("[,,。.!!??~~;;、:: \\s…()()\"“”'‘’]+")) {
            String s = c.strip();
            if (s.codePointCount(0, s.length()) >= 2 && !clauses.contains(s)) {
                clauses.add(s);
            }
        }
        clauses.sort(Comparator.comparingInt(String::length).reversed());
        List<String> out = new ArrayList<>();
        for (String c : clauses) {
            if (out.size() == 2) {
                break;
            }
            out.add(c.codePointCount(0, c.length()) > PHRASE_MAX ? c.substring(0, c.offsetByCodePoints(0, PHRASE_MAX)) : c);
        }
        return out;
    }

    private static Map<String, Object> branch(String condition, Object value, String target) {
        Map<String, Object> b = ordered("when", ordered(condition, value));
        b.put("goto", target);
        return b;
    }

    /** Maps in insertion order, so the same conversation always gives the same file. */
    private static Map<String, Object> ordered(String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        return m;
    }

    static String idFor(String scrubbedText) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(scrubbedText.getBytes(StandardCharsets.UTF_8));
            return "draft-" + HexFormat.of().formatHex(hash).substring(0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String title(List<String> firstBurst) {
        String s = String.join(" ", firstBurst).replaceAll("\\s+", " ").strip();
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
