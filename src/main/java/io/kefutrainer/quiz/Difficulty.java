package io.kefutrainer.quiz;

/** How hard a question is, for drawing balanced exams. */
public enum Difficulty { easy, medium, hard }
