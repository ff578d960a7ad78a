package dev.mnemo.api;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The rules of record metadata: a map from key to a string, a long, a double or a boolean.
 *
 * <p>Keys are 1-{@value #MAX_KEY_LENGTH} characters of {@code [A-Za-z0-9_.-]}. Values are
 * {@link String} (no NUL character, no unpaired UTF-16 surrogate), {@link Long}, finite
 * {@link Double} or {@link Boolean}; {@link Integer}, {@link Short} and {@link Byte} are taken as
 * longs and {@link Float} as a double. How many entries and bytes a record may carry is the
 * store's configuration (see {@link #bytes(Map)} for how bytes are counted).
 *
 * <p>Every refusal is an {@link InvalidInputException} naming the key.
 */
public final class Metadata {
    public static final int MAX_KEY_LENGTH = 64;
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1," + MAX_KEY_LENGTH + "}");
    /** Bytes a number or boolean counts for in {@link #bytes(Map)}. */
    private static final int SCALAR_BYTES = 8;

    /** The kind of a value, which decides what it can be compared with. */
    public enum Kind {
        STRING, NUMBER, BOOLEAN;

        /** Lower-case name for messages. */
        public String label() {
            return switch (this) {
                case STRING -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
            };
        }
    }

    private Metadata() {
    }

    /** An empty map. */
    public static Map<String, Object> empty() {
        return Map.of();
    }

    /**
     * A validated, immutable copy sorted by key, with values normalised (int to long, float to
     * double). {@code null} is an empty map.
     */
    public static Map<String, Object> copyOf(Map<String, ?> metadata) {
        if (metadata == null || metadata.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, Object> out = new TreeMap<>();
        metadata.forEach((k, v) -> out.put(checkKey(k), value(k, v)));
        return Collections.unmodifiableMap(out);
    }

    /** Returns the key when valid. */
    public static String checkKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new InvalidInputException("metadata key " + quote(key) + " must be 1-" + MAX_KEY_LENGTH
                    + " characters of [A-Za-z0-9_.-]");
        }
        return key;
    }

    /**
     * A value as stored: {@link String}, {@link Long}, {@link Double} or {@link Boolean}.
     *
     * @param key names the value in the message when it is refused
     */
    public static Object value(String key, Object value) {
        if (value instanceof String s) {
            checkString(key, s);
            return s;
        }
        if (value instanceof Long || value instanceof Boolean) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new InvalidInputException("metadata key " + quote(key) + ": " + d + " is not a finite number");
            }
            return d;
        }
        throw new InvalidInputException("metadata key " + quote(key) + ": values are strings, longs, doubles or"
                + " booleans, got " + (value == null ? "null" : value.getClass().getSimpleName()));
    }

    /** The kind of a normalised value. */
    public static Kind kind(Object value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof String) {
            return Kind.STRING;
        }
        return value instanceof Boolean ? Kind.BOOLEAN : Kind.NUMBER;
    }

    /**
     * The size a map counts for against the store's byte limit: per entry, the key's UTF-8 bytes
     * plus the value's UTF-8 bytes for a string, or 8 for a number or boolean.
     */
    public static long bytes(Map<String, Object> metadata) {
        long total = 0;
        for (Map.Entry<String, Object> e : metadata.entrySet()) {
            total += e.getKey().length() + bytes(e.getValue()); // keys are ASCII
        }
        return total;
    }

    /** The bytes one value counts for (see {@link #bytes(Map)}). */
    public static long bytes(Object value) {
        return value instanceof String s ? s.getBytes(StandardCharsets.UTF_8).length : SCALAR_BYTES;
    }

    private static void checkString(String key, String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (Character.isHighSurrogate(ch) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                throw new InvalidInputException("metadata key " + quote(key)
                        + ": the value has an unpaired UTF-16 surrogate at position " + i);
            } else if (ch == 0) {
                throw new InvalidInputException("metadata key " + quote(key)
                        + ": the value contains a NUL character at position " + i);
            }
        }
    }

    /** A key for a message, quoted and cut to a readable length. */
    public static String quote(String key) {
        if (key == null) {
            return "null";
        }
        return "'" + (key.length() <= MAX_KEY_LENGTH ? key : key.substring(0, MAX_KEY_LENGTH) + "...") + "'";
    }
}
