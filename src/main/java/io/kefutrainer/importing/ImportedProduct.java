package io.kefutrainer.importing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One product of an export, in the shape a scenario's `product:` takes, plus a stable id (the same title gives
 * the same id on every import, so scenarios that reference it keep working).
 */
public record ImportedProduct(String id, String title, double price, Map<String, String> sizeChart,
                              Map<String, String> facts) {

    public ImportedProduct {
        sizeChart = new LinkedHashMap<>(sizeChart);
        facts = new LinkedHashMap<>(facts);
    }
}
