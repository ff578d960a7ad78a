package dev.mnemo.core.spi;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.Metadata;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.api.filter.MetadataFilter.And;
import dev.mnemo.api.filter.MetadataFilter.Compare;
import dev.mnemo.api.filter.MetadataFilter.Contains;
import dev.mnemo.api.filter.MetadataFilter.In;
import dev.mnemo.api.filter.MetadataFilter.Not;
import dev.mnemo.api.filter.MetadataFilter.Or;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rule every store kind applies before it runs a metadata filter: a string is never compared
 * with a number, nor a boolean with either. {@link #of} refuses a filter that uses one key with
 * operands of two kinds; the kind then probes its stored values per key and reports a mismatch
 * with {@link #storedMismatch}, so the error reads the same on every kind.
 */
public final class MetadataKinds {
    private MetadataKinds() {
    }

    /**
     * The kind each key of the filter is compared with ({@code exists} says nothing about it).
     *
     * @throws InvalidInputException when one key has operands of two kinds
     */
    public static Map<String, Metadata.Kind> of(MetadataFilter filter) {
        Map<String, Metadata.Kind> kinds = new LinkedHashMap<>();
        collect(filter, kinds);
        return kinds;
    }

    /** The stored type names a value of this kind cannot be compared with. */
    public static String[] otherTypes(Metadata.Kind kind) {
        return switch (kind) {
            case STRING -> new String[] {"long", "double", "boolean"};
            case NUMBER -> new String[] {"string", "boolean"};
            case BOOLEAN -> new String[] {"string", "long", "double"};
        };
    }

    /** The error for a filter comparing {@code key} with {@code kind} where records store {@code storedType}. */
    public static InvalidInputException storedMismatch(String key, Metadata.Kind kind, String storedType) {
        return new InvalidInputException("metadata filter compares key " + Metadata.quote(key) + " with "
                + kind.label() + ", but records store " + label(storedType) + " under it");
    }

    private static String label(String type) {
        return switch (type) {
            case "string" -> "strings";
            case "boolean" -> "booleans";
            default -> "numbers";
        };
    }

    private static void collect(MetadataFilter f, Map<String, Metadata.Kind> kinds) {
        if (f instanceof Compare cmp) {
            add(kinds, cmp.key(), Metadata.kind(cmp.value()));
        } else if (f instanceof In in) {
            add(kinds, in.key(), Metadata.kind(in.values().get(0)));
        } else if (f instanceof Contains con) {
            add(kinds, con.key(), Metadata.Kind.STRING);
        } else if (f instanceof And and) {
            and.operands().forEach(o -> collect(o, kinds));
        } else if (f instanceof Or or) {
            or.operands().forEach(o -> collect(o, kinds));
        } else if (f instanceof Not not) {
            collect(not.operand(), kinds);
        }
        // Exists: any kind
    }

    private static void add(Map<String, Metadata.Kind> kinds, String key, Metadata.Kind kind) {
        Metadata.Kind earlier = kinds.putIfAbsent(key, kind);
        if (earlier != null && earlier != kind) {
            throw new InvalidInputException("metadata filter compares key " + Metadata.quote(key) + " with both "
                    + earlier.label() + " and " + kind.label());
        }
    }
}
