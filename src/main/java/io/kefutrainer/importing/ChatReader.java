package io.kefutrainer.importing;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads chat logs: the CSV `conversation,time,from,text[,nick]` (from = buyer | agent, also 买家 | 客服) or the
 * text export of 千牛 chat records: a header line `昵称 2024-05-01 10:00:00` before each message's lines; a nickname
 * with a colon (店铺名:小王) is the shop's agent, any other the buyer; a line of --- or ===, a line
 * `与 昵称 的聊天记录`, or a different buyer nickname starts the next conversation.
 */
public final class ChatReader {

    private static final Pattern HEADER = Pattern.compile(
            "^(.+?)\\s+\\(?(\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}\\s+\\d{1,2}:\\d{2}(?::\\d{2})?)\\)?\\s*$");
    private static final Pattern SEPARATOR = Pattern.compile("^(?:[-=]{3,}.*|与\\s*.+?\\s*的聊天记录.*|聊天对象[::].*)$");

    private ChatReader() {
    }

    public static List<Conversation> read(Path file) throws IOException, ImportException {
        String text = ImportFiles.text(file);
        String first = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
        return first.strip().toLowerCase(Locale.ROOT).startsWith("conversation,") ? csv(file, text) : qianniu(file, text);
    }

    static List<Conversation> csv(Path file, String text) throws IOException, ImportException {
        List<ImportProblem> problems = new ArrayList<>();
        Map<String, List<ChatMessage>> byKey = new LinkedHashMap<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).build();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            Map<String, Integer> header = new LinkedHashMap<>();
            parser.getHeaderMap().forEach((k, v) -> header.put(k.strip().toLowerCase(Locale.ROOT), v));
            for (String need : List.of("conversation", "time", "from", "text")) {
                if (!header.containsKey(need)) {
                    throw new ImportException(new ImportProblem(file, 1, "缺少列 '" + need + "':表头应为 conversation,time,from,text"));
                }
            }
            int[] lineStarts = ImportFiles.lineStarts(text);
            for (CSVRecord r : parser) {
                int line = ImportFiles.lineAt(lineStarts, r.getCharacterPosition());
                if (r.size() > header.size()) {
                    problems.add(new ImportProblem(file, line, "列数比表头多:text 里有英文逗号时,整段 text 要用双引号括起来"));
                    continue;
                }
                String key = get(r, header, "conversation");
                String from = get(r, header, "from").toLowerCase(Locale.ROOT);
                String body = get(r, header, "text");
                if (key.isEmpty()) {
                    problems.add(new ImportProblem(file, line, "conversation 为空"));
                    continue;
                }
                Boolean buyer = switch (from) {
                    case "buyer", "买家" -> true;
                    case "agent", "客服" -> false;
                    default -> null;
                };
                if (buyer == null) {
                    problems.add(new ImportProblem(file, line, "from 应为 buyer 或 agent,不能是 '" + abbreviate(from) + "'"));
                    continue;
                }
                if (body.isEmpty()) {
                    problems.add(new ImportProblem(file, line, "text 为空"));
                    continue;
                }
                String nick = get(r, header, "nick");
                byKey.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new ChatMessage(buyer, nick.isEmpty() ? null : nick, get(r, header, "time"), body, line));
            }
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new ImportException(new ImportProblem(file, 1, "CSV 格式错误:" + e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new ImportException(problems);
        }
        List<Conversation> out = new ArrayList<>();
        byKey.forEach((k, v) -> out.add(new Conversation(k, v)));
        return out;
    }

    static List<Conversation> qianniu(Path file, String text) throws ImportException {
        List<Conversation> out = new ArrayList<>();
        List<ChatMessage> current = new ArrayList<>();
        String buyerNick = null;
        String speaker = null;
        String time = null;
        boolean speakerIsBuyer = false;
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i].strip();
            if (raw.isEmpty()) {
                continue;
            }
            if (SEPARATOR.matcher(raw).matches()) {
                flush(out, buyerNick, current);
                current = new ArrayList<>();
                buyerNick = null;
                speaker = null;
                continue;
            }
            Matcher h = HEADER.matcher(raw);
            if (h.matches()) {
                speaker = h.group(1).strip();
                time = h.group(2);
                speakerIsBuyer = !(speaker.contains(":") || speaker.contains(":"));
                if (speakerIsBuyer) {
                    if (buyerNick != null && !buyerNick.equals(speaker)) {
                        flush(out, buyerNick, current);
                        current = new ArrayList<>();
                    }
                    buyerNick = speaker;
                }
                continue;
            }
            if (speaker == null) {
                throw new ImportException(new ImportProblem(file, i + 1,
                        "消息前没有「昵称 2024-05-01 10:00:00」标题行(千牛聊天记录格式,见 README)"));
            }
            current.add(new ChatMessage(speakerIsBuyer, speaker, time, raw, i + 1));
        }
        flush(out, buyerNick, current);
        return out;
    }

    private static void flush(List<Conversation> out, String buyerNick, List<ChatMessage> messages) {
        if (!messages.isEmpty()) {
            out.add(new Conversation(buyerNick != null ? buyerNick : "#" + (out.size() + 1), messages));
        }
    }

    private static String get(CSVRecord r, Map<String, Integer> header, String column) {
        Integer i = header.get(column);
        return i == null || i >= r.size() ? "" : r.get(i).strip();
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "…" : s;
    }
}
