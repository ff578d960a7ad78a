package dev.mnemo.cassandra;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.Metadata;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.api.filter.MetadataFilter.And;
import dev.mnemo.api.filter.MetadataFilter.Compare;
import dev.mnemo.api.filter.MetadataFilter.Contains;
import dev.mnemo.api.filter.MetadataFilter.Exists;
import dev.mnemo.api.filter.MetadataFilter.In;
import dev.mnemo.api.filter.MetadataFilter.Not;
import dev.mnemo.api.filter.MetadataFilter.Or;
import java.math.BigDecimal;
import java.util.Map;

/**
 * {@link MetadataFilter}'s documented semantics over one record's metadata, client-side: what
 * decides a candidate whenever CQL could not (see {@link MetadataPlan}).
 *
 * <p>A record without the key fails every positive comparison; {@code ne} and {@code notIn} are the
 * negations of {@code eq} and {@code in}. Numbers compare by exact value (a long and a double too,
 * without rounding the long to a double); strings by code point. A stored value of another kind
 * than the operand is an {@link InvalidInputException} (the search checks the store for such
 * values first; this covers one written meanwhile).
 */
final class MetadataMatch {
    private MetadataMatch() {
    }

    static boolean matches(MetadataFilter filter, Map<String, Object> metadata) {
        if (filter instanceof Compare c) {
            Object stored = metadata.get(c.key());
            if (c.op() == MetadataFilter.Operator.NE) {
                return stored == null || compare(c.key(), stored, c.value()) != 0;
            }
            return stored != null && holds(c.op(), compare(c.key(), stored, c.value()));
        }
        if (filter instanceof In in) {
            Object stored = metadata.get(in.key());
            boolean found = false;
            if (stored != null) {
                for (Object v : in.values()) {
                    if (compare(in.key(), stored, v) == 0) {
                        found = true;
                        break;
                    }
                }
            }
            return found != in.negated();
        }
        if (filter instanceof Contains c) {
            Object stored = metadata.get(c.key());
            return stored != null && ((String) checkKind(c.key(), stored, c.substring())).contains(c.substring());
        }
        if (filter instanceof Exists e) {
            return metadata.containsKey(e.key());
        }
        if (filter instanceof And and) {
            return and.operands().stream().allMatch(f -> matches(f, metadata));
        }
        if (filter instanceof Or or) {
            return or.operands().stream().anyMatch(f -> matches(f, metadata));
        }
        return !matches(((Not) filter).operand(), metadata);
    }

    private static boolean holds(MetadataFilter.Operator op, int order) {
        return switch (op) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case GT -> order > 0;
            case GTE -> order >= 0;
            case LT -> order < 0;
            case LTE -> order <= 0;
        };
    }

    /** The order of a stored value against an operand of the same kind (booleans: 0 or 1 for equal or not). */
    private static int compare(String key, Object stored, Object operand) {
        checkKind(key, stored, operand);
        if (stored instanceof String a) {
            return codePointOrder(a, (String) operand);
        }
        if (stored instanceof Boolean) {
            return stored.equals(operand) ? 0 : 1;
        }
        return compareNumbers((Number) stored, (Number) operand);
    }

    private static Object checkKind(String key, Object stored, Object operand) {
        Metadata.Kind kind = Metadata.kind(operand);
        if (Metadata.kind(stored) != kind) {
            throw new InvalidInputException("metadata filter compares key " + Metadata.quote(key) + " with "
                    + kind.label() + ", but records store " + StoredKinds.plural(Metadata.kind(stored)) + " under it");
        }
        return stored;
    }

    static int compareNumbers(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        if (a instanceof Double x && b instanceof Double y) {
            // finite values: minus zero equals zero, as it does in SQL
            return x < y ? -1 : x > y ? 1 : 0;
        }
        // a long and a double, exactly: a long over 2^53 must not be rounded to the double's neighbour
        return exact(a).compareTo(exact(b));
    }

    private static BigDecimal exact(Number n) {
        return n instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal(n.doubleValue());
    }

    private static int codePointOrder(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // UTF-16 order is code point order except that surrogates (U+10000 and up) sort
                // below U+E000-U+FFFF; lift them above
                return Integer.compare(lifted(x), lifted(y));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    private static int lifted(char c) {
        return Character.isSurrogate(c) ? c + 0x10000 : c;
    }
}
