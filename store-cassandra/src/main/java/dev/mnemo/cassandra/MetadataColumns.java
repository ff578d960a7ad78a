package dev.mnemo.cassandra;

import dev.mnemo.api.Metadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a record's metadata lives in two columns of {@code memory_record}.
 *
 * <ul>
 *   <li>{@code metadata map<text, text>}: key to typed value, read back exactly: {@code s} + the
 *       string, {@code l} + the long, {@code d} + {@link Double#toString} (which parses back to the
 *       same double), {@code b} + {@code true}/{@code false}.</li>
 *   <li>{@code metadata_terms set<text>}, with an SAI index: what a search can restrict by in CQL
 *       ({@code metadata_terms CONTAINS ?}). Per entry: the key alone (the key is present),
 *       {@code key:s|n|b} (its kind) and {@code key=} + the value in a canonical form, equal for
 *       equal values: numbers by value ({@code 3} and {@code 3.0} are both {@code n3}), strings
 *       longer than {@value #MAX_PLAIN_CHARS} characters by a SHA-256 digest (SAI refuses terms of
 *       over 8 KiB). Keys are {@code [A-Za-z0-9_.-]}, so the separators cannot be ambiguous.</li>
 * </ul>
 */
final class MetadataColumns {
    /** Longest string indexed as itself; longer ones are indexed by digest. */
    static final int MAX_PLAIN_CHARS = 256;
    private static final double TWO_POW_63 = 0x1p63;

    private MetadataColumns() {
    }

    /** The {@code metadata} column's value. */
    static Map<String, String> encode(Map<String, Object> metadata) {
        Map<String, String> out = new TreeMap<>();
        metadata.forEach((k, v) -> out.put(k, switch (Metadata.kind(v)) {
            case STRING -> "s" + v;
            case BOOLEAN -> "b" + v;
            case NUMBER -> v instanceof Long ? "l" + v : "d" + v;
        }));
        return out;
    }

    /** The metadata a {@code metadata} column holds (null or empty: none). */
    static Map<String, Object> decode(Map<String, String> column) {
        if (column == null || column.isEmpty()) {
            return Map.of();
        }
        Map<String, Object> out = new TreeMap<>();
        column.forEach((k, v) -> {
            String rest = v.substring(1);
            out.put(k, switch (v.charAt(0)) {
                case 's' -> rest;
                case 'l' -> Long.parseLong(rest);
                case 'd' -> Double.parseDouble(rest);
                case 'b' -> Boolean.parseBoolean(rest);
                default -> throw new IllegalStateException("metadata value of key '" + k + "' has unknown tag "
                        + v.charAt(0) + "; the row was not written by Mnemo");
            });
        });
        return out;
    }

    /** The {@code metadata_terms} column's value. */
    static Set<String> terms(Map<String, Object> metadata) {
        Set<String> out = new LinkedHashSet<>();
        metadata.forEach((k, v) -> {
            out.add(keyTerm(k));
            out.add(kindTerm(k, Metadata.kind(v)));
            out.add(valueTerm(k, v));
        });
        return out;
    }

    static String keyTerm(String key) {
        return key;
    }

    static String kindTerm(String key, Metadata.Kind kind) {
        return key + ":" + switch (kind) {
            case STRING -> "s";
            case NUMBER -> "n";
            case BOOLEAN -> "b";
        };
    }

    /** The term of {@code key} holding {@code value}; equal for values that compare equal. */
    static String valueTerm(String key, Object value) {
        return key + "=" + switch (Metadata.kind(value)) {
            case STRING -> stringTerm((String) value);
            case BOOLEAN -> "b" + value;
            case NUMBER -> "n" + canonicalNumber((Number) value);
        };
    }

    /** True when equal value terms mean equal values (no digest stands in for the string). */
    static boolean termIsExact(Object value) {
        return !(value instanceof String s) || s.length() <= MAX_PLAIN_CHARS;
    }

    /** Bytes the two columns add to a write, for sizing batches (UTF-8 at most 3 bytes per char). */
    static int estimatedBytes(Map<String, String> encoded, Set<String> terms) {
        int bytes = 0;
        for (Map.Entry<String, String> e : encoded.entrySet()) {
            bytes += 3 * (e.getKey().length() + e.getValue().length()) + 8;
        }
        for (String t : terms) {
            bytes += 3 * t.length() + 8;
        }
        return bytes;
    }

    private static String stringTerm(String s) {
        return s.length() <= MAX_PLAIN_CHARS ? "s" + s : "h" + sha256(s);
    }

    /**
     * A number's value as text: a whole double within the long range as that long (so it meets the
     * equal long), any other double as {@link Double#toString} (shortest text of that double; no long
     * equals it). Minus zero is zero.
     */
    private static String canonicalNumber(Number n) {
        if (n instanceof Long l) {
            return Long.toString(l);
        }
        double d = n.doubleValue();
        if (d == Math.rint(d) && d >= -TWO_POW_63 && d < TWO_POW_63) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static String sha256(String s) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
