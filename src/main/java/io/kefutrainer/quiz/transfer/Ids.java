package io.kefutrainer.quiz.transfer;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Question ids for imported questions that bring none: prefix-001, prefix-002, … */
public final class Ids {
    public static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private Ids() {
    }

    /**
     * A prefix from a file name: its ASCII letters and digits; a name with none (a Chinese name) gets "q-" and six hex
     * digits of a hash of the name, so two Chinese-named banks do not both become "q-001…" and clash; a name mixing
     * Chinese and ASCII keeps its ASCII part followed by the hash.
     */
    public static String prefixOf(String fileName) {
        String stem = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        String p = stem.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-").replaceAll("^[-_]+|[-_]+$", "");
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(stem.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String hash = String.format("%06x", crc.getValue() & 0xFFFFFF);
        if (p.isEmpty()) {
            return "q-" + hash;
        }
        // 售后2024 and 物流2024 both keep only "2024": the dropped Chinese words decide, so they go into a hash
        return stem.chars().anyMatch(c -> c > 0x7F) ? p + "-" + hash : p;
    }

    static String next(String prefix, int ordinal, Set<String> taken) {
        String id = String.format("%s-%03d", prefix, ordinal);
        for (int i = 2; taken.contains(id); i++) {
            id = String.format("%s-%03d-%d", prefix, ordinal, i);
        }
        return id;
    }
}
