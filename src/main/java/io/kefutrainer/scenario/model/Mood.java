package io.kefutrainer.scenario.model;

/** Buyer mood, from best to worst; lower-case because these are the words trainers write. */
public enum Mood {
    calm, anxious, angry;

    /** One step worse (silence, a curt reply); angry stays angry. */
    public Mood worse() {
        return this == angry ? angry : values()[ordinal() + 1];
    }
}
