package io.kefutrainer.quiz;

/**
 * An accepted numeric answer: either value ± tolerance or the range min..max (GIFT {#30:5} or {#1..2}).
 *
 * @param value     the expected value, null for a range
 * @param tolerance accepted distance from value (0 = exact)
 * @param min       lower bound of a range, null for value ± tolerance
 * @param max       upper bound of a range
 */
public record NumericAnswer(Double value, double tolerance, Double min, Double max, double weight, String feedback) {
    public NumericAnswer {
        feedback = feedback == null ? "" : feedback;
    }

    public static NumericAnswer exact(double value, double tolerance) {
        return new NumericAnswer(value, tolerance, null, null, 100, "");
    }

    public static NumericAnswer range(double min, double max) {
        return new NumericAnswer(null, 0, min, max, 100, "");
    }

    public boolean isRange() {
        return value == null;
    }

    public double lower() {
        return isRange() ? min : value - tolerance;
    }

    public double upper() {
        return isRange() ? max : value + tolerance;
    }

    public boolean accepts(double x) {
        // a tiny epsilon so 0.1 + 0.2 is within "0.3:0"
        double eps = 1e-9 * Math.max(1, Math.abs(x));
        return x >= lower() - eps && x <= upper() + eps;
    }
}
