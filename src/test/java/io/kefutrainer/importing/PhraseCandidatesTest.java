package io.kefutrainer.importing;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@DisplayName("candidate lexicon phrases: recurring clauses of well-scored replies that the lexicon lacks, with a suggested kind")
class PhraseCandidatesTest {

    private static DraftSource source(Drafter.Exchange... exchanges) {
        return new DraftSource("size", Map.of(), List.of(exchanges));
    }

    private static Drafter.Exchange good(String reply) {
        return new Drafter.Exchange(List.of("在吗"), reply, true);
    }

    @Test
    @DisplayName("only clauses said in two good replies; bad replies, figures, placeholders and known phrases never count")
    void recurringOnly() {
        Map<String, Set<String>> lexicon = Map.of("closing", new LinkedHashSet<>(List.of("感谢您的耐心", "祝您购物愉快")),
                "greeting", new LinkedHashSet<>(List.of("亲", "您好")));
        List<PhraseCandidates.Candidate> candidates = PhraseCandidates.of(List.of(
                source(good("亲,您好~建议拍M码哦"), good("好的亲,感谢您的耐心等待,祝您购物愉快")),
                source(good("亲,您好~今天发货 48小时到"), new Drafter.Exchange(List.of("好"), "感谢您的耐心等待,{买家}收好", true)),
                source(new Drafter.Exchange(List.of("贵"), "建议拍M码哦,爱买不买", false))), lexicon);
        assertEquals("感谢您的耐心等待", candidates.get(0).phrase());
        assertEquals(2, candidates.get(0).replies());
        assertEquals("closing", candidates.get(0).kind(), "the kind of the longest known phrase inside it");
        assertTrue(candidates.stream().noneMatch(c -> c.phrase().equals("建议拍M码哦")), "one good reply is not enough: " + candidates);
        assertTrue(candidates.stream().noneMatch(c -> c.phrase().equals("您好") || c.phrase().equals("祝您购物愉快")), "known phrases: " + candidates);
        assertTrue(candidates.stream().noneMatch(c -> c.phrase().contains("48") || c.phrase().contains("{")), candidates.toString());
    }
}
