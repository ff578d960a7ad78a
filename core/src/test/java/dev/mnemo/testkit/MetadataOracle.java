package dev.mnemo.testkit;

import dev.mnemo.api.filter.MetadataFilter;
import java.util.Map;

/**
 * {@link MetadataFilter}'s documented semantics evaluated in Java over one record's metadata: the
 * oracle fuzz tests compare the store's SQL against. Only called on filters the store accepted,
 * so operands and stored values under one key are of one kind.
 */
public final class MetadataOracle {
    private MetadataOracle() {
    }

    public static boolean matches(MetadataFilter filter, Map<String, Object> metadata) {
        if (filter instanceof MetadataFilter.Compare c) {
            return c.op() == MetadataFilter.Operator.NE
                    ? !equal(metadata.get(c.key()), c.value())
                    : metadata.containsKey(c.key()) && compare(c.op(), metadata.get(c.key()), c.value());
        }
        if (filter instanceof MetadataFilter.In in) {
            return in.negated() != in.values().stream().anyMatch(v -> equal(metadata.get(in.key()), v));
        }
        if (filter instanceof MetadataFilter.Contains c) {
            return metadata.get(c.key()) instanceof String s && s.contains(c.substring());
        }
        if (filter instanceof MetadataFilter.Exists e) {
            return metadata.containsKey(e.key());
        }
        if (filter instanceof MetadataFilter.And and) {
            return and.operands().stream().allMatch(f -> matches(f, metadata));
        }
        if (filter instanceof MetadataFilter.Or or) {
            return or.operands().stream().anyMatch(f -> matches(f, metadata));
        }
        return !matches(((MetadataFilter.Not) filter).operand(), metadata);
    }

    private static boolean equal(Object stored, Object operand) {
        if (stored == null) {
            return false;
        }
        if (stored instanceof Number a && operand instanceof Number b) {
            return Double.compare(a.doubleValue(), b.doubleValue()) == 0;
        }
        return stored.equals(operand);
    }

    private static boolean compare(MetadataFilter.Operator op, Object stored, Object operand) {
        int order;
        if (stored instanceof Number a && operand instanceof Number b) {
            order = Double.compare(a.doubleValue(), b.doubleValue());
        } else if (stored instanceof String a && operand instanceof String b) {
            order = codePointOrder(a, b);
        } else {
            order = stored.equals(operand) ? 0 : 1;
        }
        return switch (op) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case GT -> order > 0;
            case GTE -> order >= 0;
            case LT -> order < 0;
            case LTE -> order <= 0;
        };
    }

    private static int codePointOrder(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
