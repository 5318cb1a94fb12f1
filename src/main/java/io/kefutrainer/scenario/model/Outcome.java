package io.kefutrainer.scenario.model;

/** How a conversation ended; the KPI 询单转化率 counts converted, 解决率 counts resolved. */
public enum Outcome { converted, resolved, escalated, lost }
