package dev.mnemo.api.vector;

import dev.mnemo.api.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an index is created or opened with.
 *
 * @param dimension vector length, 1..{@value #MAX_DIMENSION}
 * @param metric    how vectors compare
 * @param options   backend parameters: the {@code mnemo.vector.<backend>.*} configuration keys
 *                  with that prefix removed (e.g. {@code max-degree} for JVector)
 */
public record IndexSpec(int dimension, VectorMetric metric, Map<String, String> options) {
    public static final int MAX_DIMENSION = 16_384;

    public IndexSpec {
        if (dimension < 1 || dimension > MAX_DIMENSION) {
            throw new InvalidInputException("dimension must be between 1 and " + MAX_DIMENSION + ", got " + dimension);
        }
        Objects.requireNonNull(metric, "metric");
        options = Map.copyOf(options);
    }

    public static IndexSpec of(int dimension, VectorMetric metric) {
        return new IndexSpec(dimension, metric, Map.of());
    }

    /** The same spec with one more option. */
    public IndexSpec withOption(String key, String value) {
        var copy = new HashMap<>(options);
        copy.put(key, value);
        return new IndexSpec(dimension, metric, copy);
    }

    /** An integer option, or the default when absent; a malformed value is an error naming the key. */
    public int intOption(String key, int defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("option '" + key + "' must be an integer, got '" + value + "'");
        }
    }

    /** A decimal option, or the default when absent; a malformed value is an error naming the key. */
    public double doubleOption(String key, double defaultValue) {
        String value = options.get(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("option '" + key + "' must be a number, got '" + value + "'");
        }
    }

    /** A string option, or the default when absent. */
    public String option(String key, String defaultValue) {
        return options.getOrDefault(key, defaultValue);
    }
}
