package io.kefutrainer.importing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Candidate polite phrases for the lexicon, taken from the shop's own well-scored agent replies (the drafts'
 * sources): a clause of 2–10 characters without digits that recurs in at least {@link #MIN_REPLIES} good replies
 * and is not yet a phrase of any lexicon file. A trainer accepts them one by one ({@link #accept}); nothing is
 * added on its own. The suggested kind is the kind of the longest known phrase inside the clause, else greeting
 * for a conversation's first reply, closing for its last, polite otherwise.
 */
public final class PhraseCandidates {

    /** The lexicon kinds that credit a reply (the others flag wordings to avoid or hold vocabulary). */
    public static final List<String> KINDS = List.of("greeting", "polite", "apology", "empathy", "closing", "softener");
    static final int MIN_REPLIES = 2;
    private static final int MAX = 30;
    private static final Pattern CLAUSE_SPLIT = Pattern.compile("[,,。.!!??~~;;、:: \\s…()()\"“”'‘’]+");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One candidate: the phrase, how many good replies say it, and the kind it probably belongs to. */
    public record Candidate(String phrase, int replies, String kind) {
    }

    private PhraseCandidates() {
    }

    /** @param lexicon kind → every phrase of that kind's file(s), as {@link #lexicon} reads them */
    public static List<Candidate> of(List<DraftSource> sources, Map<String, Set<String>> lexicon) {
        Set<String> known = new LinkedHashSet<>();
        lexicon.values().forEach(known::addAll);
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> kinds = new LinkedHashMap<>();
        for (DraftSource source : sources) {
            List<Drafter.Exchange> replies = source.exchanges().stream().filter(e -> e.reply() != null).toList();
            for (int i = 0; i < replies.size(); i++) {
                Drafter.Exchange e = replies.get(i);
                if (!e.goodReply()) {
                    continue;
                }
                String position = i == 0 ? "greeting" : i == replies.size() - 1 ? "closing" : "polite";
                for (String clause : clauses(e.reply())) {
                    if (known.contains(clause)) {
                        continue;
                    }
                    counts.merge(clause, 1, Integer::sum);
                    kinds.putIfAbsent(clause, kindOf(clause, lexicon, position));
                }
            }
        }
        return counts.entrySet().stream().filter(c -> c.getValue() >= MIN_REPLIES)
                .sorted(Comparator.comparing((Map.Entry<String, Integer> c) -> -c.getValue()).thenComparing(Map.Entry::getKey))
                .limit(MAX).map(c -> new Candidate(c.getKey(), c.getValue(), kinds.get(c.getKey()))).toList();
    }

    /** The distinct clauses of one reply that could be a set phrase (placeholders and figures are not). */
    static Set<String> clauses(String reply) {
        Set<String> out = new LinkedHashSet<>();
        for (String c : CLAUSE_SPLIT.split(reply)) {
            String s = c.strip();
            int n = s.codePointCount(0, s.length());
            if (n >= 2 && n <= 10 && !s.contains("{") && !s.contains("}") && s.chars().noneMatch(Character::isDigit)) {
                out.add(s);
            }
        }
        return out;
    }

    private static String kindOf(String clause, Map<String, Set<String>> lexicon, String byPosition) {
        String best = null;
        int length = 0;
        for (String kind : KINDS) {
            for (String p : lexicon.getOrDefault(kind, Set.of())) {
                if (p.length() > length && clause.contains(p)) {
                    best = kind;
                    length = p.length();
                }
            }
        }
        return best != null ? best : byPosition;
    }

    /** kind → phrases of every lexicon/*.yaml file (unreadable files are skipped: the scorer reports them). */
    public static Map<String, Set<String>> lexicon(Path contentDir) throws IOException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Path dir = contentDir.resolve("lexicon");
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList()) {
                try {
                    JsonNode root = YAML.readTree(f.toFile());
                    Set<String> phrases = out.computeIfAbsent(root.path("kind").asText(""), k -> new LinkedHashSet<>());
                    root.path("entries").forEach(e -> e.path("phrases").forEach(p -> phrases.add(p.asText())));
                } catch (IOException | RuntimeException e) {
                    // a broken lexicon file is the scorer's to report; its phrases just do not count as known here
                }
            }
        }
        return out;
    }

    /**
     * Appends the phrase as a new entry of lexicon/KIND.yaml (`KIND.shop-XXXXXX`, the hash of the phrase), in the
     * file's own two-space list style, so the file stays valid and the rest of it is untouched (comments kept).
     *
     * @return the new entry's id
     * @throws IllegalArgumentException when the kind is not one of {@link #KINDS}, the phrase is not a clause a
     *                                  candidate could be, or the lexicon already has it
     */
    public static String accept(Path contentDir, String kind, String phrase) throws IOException {
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("词条类别只能是 " + String.join("、", KINDS));
        }
        String clean = phrase == null ? "" : phrase.strip();
        if (!clauses(clean).contains(clean)) {
            throw new IllegalArgumentException("候选短语应为 2–10 个字、不含数字、标点和占位符");
        }
        if (lexicon(contentDir).values().stream().anyMatch(s -> s.contains(clean))) {
            throw new IllegalArgumentException("词库里已经有「" + clean + "」了");
        }
        Path file = contentDir.resolve("lexicon").resolve(kind + ".yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("没有词库文件 lexicon/" + kind + ".yaml");
        }
        String id = kind + ".shop-" + hash(clean);
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String entry = "  - id: " + id + "\n    phrases: [" + JSON.writeValueAsString(clean) + "]  # 采纳自导入的聊天记录\n";
        Files.writeString(file, (text.isEmpty() || text.endsWith("\n") ? text : text + "\n") + entry, StandardCharsets.UTF_8);
        return id;
    }

    private static String hash(String phrase) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(phrase.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h).substring(0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
