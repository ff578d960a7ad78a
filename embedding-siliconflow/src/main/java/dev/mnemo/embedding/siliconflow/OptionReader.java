package dev.mnemo.embedding.siliconflow;

import dev.mnemo.api.InvalidInputException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads typed values from the option map; every error names the full configuration key and the allowed range. */
final class OptionReader {
    static final String PREFIX = "mnemo.embedding.siliconflow.";

    private final Map<String, String> options;

    OptionReader(Map<String, String> options, Set<String> known) {
        this.options = options;
        for (String key : options.keySet()) {
            if (!known.contains(key)) {
                throw new InvalidInputException("unknown option " + PREFIX + key + "; known: "
                        + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** The stripped value, or null when absent or blank. */
    String raw(String key) {
        String value = options.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    String string(String key, String fallback) {
        String value = raw(key);
        return value == null ? fallback : value;
    }

    int integer(String key, int fallback, int min, int max) {
        String value = raw(key);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new InvalidInputException(PREFIX + key + " must be a whole number from " + min + " to " + max
                + ", got '" + value + "'");
    }

    double decimal(String key, double fallback, double min, double max, boolean maxInclusive) {
        String value = raw(key);
        if (value == null) {
            return fallback;
        }
        try {
            double d = Double.parseDouble(value);
            if (d >= min && (maxInclusive ? d <= max : d < max)) {
                return d;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new InvalidInputException(PREFIX + key + " must be a number from " + min + (maxInclusive ? " to " : " to below ")
                + max + ", got '" + value + "'");
    }

    Duration duration(String key, Duration fallback, Duration min, Duration max) {
        String value = raw(key);
        if (value == null) {
            return fallback;
        }
        Duration d = Durations.parse(value);
        if (d == null) {
            throw new InvalidInputException(PREFIX + key + " must be a duration like 500ms, 30s, 2m or PT30S, got '"
                    + value + "'");
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new InvalidInputException(PREFIX + key + " must be from " + Durations.format(min) + " to "
                    + Durations.format(max) + ", got '" + value + "'");
        }
        return d;
    }
}
