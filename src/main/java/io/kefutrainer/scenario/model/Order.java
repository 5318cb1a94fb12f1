package io.kefutrainer.scenario.model;

import io.kefutrainer.yaml.Position;

import java.util.List;

/** The order card (after payment): status, logistics and the tracking events the trainee can read. */
public record Order(String id, String status, String paidAt, String carrier, String tracking, String address,
                    List<TrackingEvent> events, Position at) {
    public Order {
        events = List.copyOf(events);
    }

    public record TrackingEvent(String time, String text) {
    }
}
