package io.kefutrainer.importing;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One imported conversation, in file order. The key (conversation column or 千牛 buyer) is never written out. */
public record Conversation(String key, List<ChatMessage> messages) {

    public Conversation {
        messages = List.copyOf(messages);
    }

    public Set<String> buyerNicks() {
        Set<String> out = new LinkedHashSet<>();
        // a conversation column holding a nickname (小美酱) is personal data too; plain ids (c001) are not
        if (key != null && key.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)) {
            out.add(key);
        }
        messages.stream().filter(m -> m.buyer() && m.nick() != null).forEach(m -> out.add(m.nick()));
        return out;
    }

    public Set<String> agentNicks() {
        Set<String> out = new LinkedHashSet<>();
        for (ChatMessage m : messages) {
            if (!m.buyer() && m.nick() != null) {
                out.add(m.nick());
                int colon = Math.max(m.nick().lastIndexOf(':'), m.nick().lastIndexOf(':'));
                if (colon >= 0) {
                    out.add(m.nick().substring(colon + 1)); // 店铺名:小王 → also 小王 alone
                    out.add(m.nick().substring(0, colon));
                }
            }
        }
        return out;
    }
}
