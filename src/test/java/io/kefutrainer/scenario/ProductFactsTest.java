package io.kefutrainer.scenario;

import io.kefutrainer.scenario.model.Product;
import io.kefutrainer.scenario.model.Scenario;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The product cards trainees read as facts: they must be true, or the scenario teaches false advertising. */
@DisplayName("product cards state nothing the false-advertising rule forbids")
class ProductFactsTest {

    private static final Pattern COTTON_SHARE = Pattern.compile("(?:棉\\s*(\\d+)%|(\\d+)%\\s*(?:的)?棉)");

    @Test
    @DisplayName("no 某某同款 borrowed brand, no 纯棉 for a blend")
    void cardsAreTrue() {
        List<String> bad = new ArrayList<>();
        for (Scenario s : ScenarioCatalog.load(Path.of("scenarios")).scenarios().values()) {
            Product p = s.product();
            String card = p.title() + " " + String.join(" ", p.facts().values());
            if (p.title().contains("同款")) bad.add(s.id() + ": 同款 in the title: " + p.title());
            Matcher m = COTTON_SHARE.matcher(card);
            while (m.find()) {
                int share = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
                if (share < 100 && card.replace("不是纯棉", "").contains("纯棉")) bad.add(s.id() + ": 纯棉 with " + share + "% cotton: " + card);
            }
        }
        assertEquals(List.of(), bad);
    }
}
