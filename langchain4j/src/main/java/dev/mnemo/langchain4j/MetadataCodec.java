package dev.mnemo.langchain4j;

import dev.langchain4j.data.document.Metadata;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.UUID;

/**
 * LangChain4j segment metadata as Mnemo record metadata, and back.
 *
 * <p>Mnemo keeps strings, longs, doubles and booleans; LangChain4j has strings, {@link UUID}s,
 * ints, longs, floats and doubles. A UUID is stored as its string, an int as a long and a float as
 * the double it widens to (exactly), and the reserved key {@value #TYPES_KEY} lists the keys that
 * held a UUID, int or float ({@code key=u,key2=i,key3=f}), so a segment reads back with the Java
 * types it was written with. Keys starting with {@value #RESERVED_PREFIX} belong to the adapter:
 * a segment that uses one is refused.
 */
final class MetadataCodec {
    static final String RESERVED_PREFIX = "lc4j.";
    /** The record's LangChain4j id (a string, usually a UUID). */
    static final String ID_KEY = RESERVED_PREFIX + "id";
    /** Which keys held a UUID, an int or a float. */
    static final String TYPES_KEY = RESERVED_PREFIX + "types";

    private static final char UUID_TAG = 'u';
    private static final char INT_TAG = 'i';
    private static final char FLOAT_TAG = 'f';

    private MetadataCodec() {
    }

    /** The record metadata of a segment (null: none) stored under {@code id}. */
    static Map<String, Object> encode(String id, Metadata metadata) {
        Map<String, Object> out = new TreeMap<>();
        StringJoiner tags = new StringJoiner(",");
        if (metadata != null) {
            for (Map.Entry<String, Object> e : new TreeMap<>(metadata.toMap()).entrySet()) {
                String key = e.getKey();
                if (key.startsWith(RESERVED_PREFIX)) {
                    throw new IllegalArgumentException("metadata key '" + key + "' is reserved: keys starting with '"
                            + RESERVED_PREFIX + "' belong to the Mnemo adapter");
                }
                Object value = e.getValue();
                char tag = tag(value);
                if (tag != 0) {
                    tags.add(key + "=" + tag);
                }
                out.put(key, storedValue(value));
            }
        }
        out.put(ID_KEY, id);
        if (tags.length() > 0) {
            out.put(TYPES_KEY, tags.toString());
        }
        return out;
    }

    /** The LangChain4j id of a record, or null when it was not written through the adapter. */
    static String id(Map<String, Object> stored) {
        return stored.get(ID_KEY) instanceof String s ? s : null;
    }

    /**
     * The segment metadata of a record: reserved keys dropped, tagged values given back their
     * type. A boolean (written through Mnemo's own API; LangChain4j has none) reads as its string.
     */
    static Metadata decode(Map<String, Object> stored) {
        Map<String, Character> tags = tags(stored.get(TYPES_KEY));
        Map<String, Object> out = new TreeMap<>();
        stored.forEach((key, value) -> {
            if (!key.startsWith(RESERVED_PREFIX)) {
                out.put(key, restore(value, tags.getOrDefault(key, (char) 0)));
            }
        });
        return Metadata.from(out);
    }

    /** A filter operand as Mnemo compares it: the stored form of the value. */
    static Object filterValue(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("a filter value is null");
        }
        return storedValue(value);
    }

    private static Object storedValue(Object value) {
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        if (value instanceof Integer i) {
            return i.longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return value; // String, Long, Double, Boolean: as Mnemo keeps them; anything else Mnemo refuses by key
    }

    private static char tag(Object value) {
        if (value instanceof UUID) {
            return UUID_TAG;
        }
        if (value instanceof Integer) {
            return INT_TAG;
        }
        return value instanceof Float ? FLOAT_TAG : 0;
    }

    /** A stored value with its tag's type, when the value fits it (a tag edited by hand may not). */
    private static Object restore(Object value, char tag) {
        if (tag == UUID_TAG && value instanceof String s) {
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException notAUuid) {
                return s;
            }
        }
        if (tag == INT_TAG && value instanceof Long l && l == l.intValue()) {
            return l.intValue();
        }
        if (tag == FLOAT_TAG && value instanceof Double d) {
            return d.floatValue();
        }
        return value instanceof Boolean b ? b.toString() : value;
    }

    private static Map<String, Character> tags(Object list) {
        Map<String, Character> tags = new TreeMap<>();
        if (list instanceof String s && !s.isEmpty()) {
            for (String entry : s.split(",")) {
                int eq = entry.indexOf('=');
                if (eq > 0 && eq == entry.length() - 2) {
                    tags.put(entry.substring(0, eq), entry.charAt(eq + 1));
                }
            }
        }
        return tags;
    }
}
