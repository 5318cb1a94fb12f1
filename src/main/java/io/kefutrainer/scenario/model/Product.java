package io.kefutrainer.scenario.model;

import io.kefutrainer.yaml.Position;

import java.util.Map;

/** The product card the trainee sees. floorPrice is the lowest price the shop allows, or null. */
public record Product(String title, double price, Double floorPrice, Map<String, String> sizeChart,
                      Map<String, String> facts, Position at) {
    public Product {
        sizeChart = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sizeChart));
        facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
    }
}
