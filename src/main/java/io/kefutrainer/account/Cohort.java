package io.kefutrainer.account;

/** 批次: trainees hired together, with the counts shown on the admin page. */
public record Cohort(long id, String name, String description, int trainees, int staff) {
}
