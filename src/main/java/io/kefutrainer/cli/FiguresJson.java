package io.kefutrainer.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kefutrainer.scoring.Calibration;

/** The agreement figures as JSON: the last line of `calibrate`, one line per held-out file of `train-model`. */
public final class FiguresJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FiguresJson() {
    }

    /** The figures as the JSON line `calibrate` and `train-model` print (ratios rounded to four places). */
    public static ObjectNode of(Calibration.Figures f) {
        ObjectNode o = JSON.createObjectNode();
        o.put("n", f.n());
        put(o, "accuracy", f.accuracy());
        put(o, "kappa", f.kappa());
        ObjectNode imp = o.putObject("impolite");
        put(imp, "precision", f.impolitePrecision());
        put(imp, "recall", f.impoliteRecall());
        ObjectNode vio = o.putObject("violations");
        put(vio, "precision", f.violationPrecision());
        put(vio, "recall", f.violationRecall());
        ObjectNode per = o.putObject("perCategory");
        f.perCategory().forEach((c, pr) -> {
            ObjectNode x = per.putObject(c);
            put(x, "precision", pr[0]);
            put(x, "recall", pr[1]);
        });
        o.put("trapsFlagged", f.trapsFlagged());
        return o;
    }

    private static void put(ObjectNode o, String key, Double value) {
        if (value == null) o.putNull(key);
        else o.put(key, Math.round(value * 10000) / 10000.0);
    }
}
