package io.kefutrainer.scoring;

/** Three-class politeness verdict. Lower-case because these names are the vocabulary of files and JSON. */
public enum Verdict { polite, neutral, impolite }
