package io.kefutrainer.store;

/** A write refused because it clashes with what is stored (a taken name); the web layer maps it to 409. */
public class StoreConflict extends RuntimeException {
    public StoreConflict(String message) {
        super(message, null, false, false);
    }
}
