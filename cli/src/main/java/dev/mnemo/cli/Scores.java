package dev.mnemo.cli;

import dev.mnemo.api.MemoryHit;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The score breakdown shown by {@code search --explain} (the formula documented on SearchRequest). */
final class Scores {
    static final String FORMULA = "score = (1 - w) * similarity + w * recency, recency = 0.5^(age / half_life)";

    private Scores() {
    }

    static Map<String, Object> explain(MemoryHit h, double weight, Duration halfLife) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("similarity", h.similarity());
        m.put("recency", h.recency());
        m.put("recency_weight", weight);
        m.put("recency_half_life_days", days(halfLife));
        m.put("formula", FORMULA);
        m.put("computed", line(h, weight));
        return m;
    }

    /** A half-life in days (fractional when configured so). */
    static double days(Duration d) {
        return d.toMillis() / 86_400_000.0;
    }

    /** {@code (1 - 0.10) * 0.8123 + 0.10 * 0.5000 = 0.7811}. */
    static String line(MemoryHit h, double weight) {
        return String.format(Locale.ROOT, "(1 - %.2f) * %.4f + %.2f * %.4f = %.4f",
                weight, h.similarity(), weight, h.recency(), h.score());
    }
}
