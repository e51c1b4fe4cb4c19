package org.crossmodal.workbench.probe;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Options of the intelligibility score.
 *
 * @param temperature softmax temperature τ over cosine scores; 0 fits it on the recordings by maximum likelihood
 *                    (the default); otherwise in [1e-4, 10]
 */
public record IntelligibilityOptions(double temperature) {
    public static final double MIN_T = 1e-4, MAX_T = 10;

    public IntelligibilityOptions {
        if (!(temperature == 0 || (temperature >= MIN_T && temperature <= MAX_T))) {
            throw new IllegalArgumentException("The temperature must be 0 (fit it) or in [" + MIN_T + ", " + MAX_T + "], got "
                    + temperature + ".");
        }
    }

    public static IntelligibilityOptions defaults() {
        return new IntelligibilityOptions(0);
    }

    public boolean fit() {
        return temperature == 0;
    }

    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("temperature", fit() ? "fit" : String.valueOf(temperature));
        return m;
    }
}
