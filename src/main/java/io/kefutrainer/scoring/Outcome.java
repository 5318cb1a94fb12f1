package io.kefutrainer.scoring;

/** How a session ended. Lower-case: these names are the vocabulary of scenario files and JSON. */
public enum Outcome { converted, resolved, escalated, lost }
