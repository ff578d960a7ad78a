package dev.mnemo.api.filter;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.Metadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A condition on record metadata, for {@link dev.mnemo.api.SearchRequest.Builder#metadata}: a
 * small typed tree of comparisons joined by and, or and not. Build it with the static factories:
 *
 * <pre>{@code
 * MetadataFilter f = MetadataFilter.and(MetadataFilter.eq("user_id", "u1"), MetadataFilter.gte("importance", 3));
 * }</pre>
 *
 * <p>Semantics:
 * <ul>
 *   <li>Operands are metadata values ({@link Metadata#value}): strings, longs, doubles, booleans.
 *       Longs and doubles are both numbers and compare with each other by value.</li>
 *   <li>{@code eq}, {@code gt}, {@code gte}, {@code lt}, {@code lte}, {@code in}, {@code contains}
 *       match records that have the key with a matching value; a record without the key never
 *       matches them. {@code ne} and {@code notIn} are their negations: {@code ne(k, v)} is
 *       {@code not(eq(k, v))}, so it also matches records without the key.</li>
 *   <li>Strings order by Unicode code point; {@code contains} is a case-sensitive substring test
 *       on strings. Booleans support only {@code eq}, {@code ne}, {@code in} and {@code notIn}.</li>
 *   <li>Comparing a string with a number (or a boolean with either) is an error, never an empty
 *       result. It is refused here when one node mixes kinds ({@code in("k", "a", 1)}); the
 *       store refuses it when one filter compares a key with operands of two kinds, and when the
 *       operand's kind differs from the kind of a value stored under that key.</li>
 * </ul>
 *
 * <p>Limits, so hostile input gets a clear error: nesting depth at most {@value #MAX_DEPTH}, strings
 * at most {@value #MAX_STRING_CHARS} characters, at most {@value #MAX_VALUES} operand values in one
 * filter.
 */
public sealed interface MetadataFilter {
    int MAX_DEPTH = 32;
    int MAX_STRING_CHARS = 4096;
    int MAX_VALUES = 10_000;

    /** How deep the tree is: 1 for a leaf. */
    int depth();

    /** How many operand values (and leaves) the tree holds: what it binds in SQL. */
    int size();

    /** The comparison operators. */
    enum Operator {
        EQ("="), NE("!="), GT(">"), GTE(">="), LT("<"), LTE("<=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in {@code --where}: {@code =}, {@code !=}, {@code >}... */
        public String symbol() {
            return symbol;
        }

        /** True for the orderings {@code > >= < <=}. */
        public boolean isOrdering() {
            return this != EQ && this != NE;
        }
    }

    /** {@code key op value}. */
    record Compare(String key, Operator op, Object value) implements MetadataFilter {
        public Compare {
            Metadata.checkKey(key);
            Objects.requireNonNull(op, "op");
            value = operand(key, value);
            if (op.isOrdering() && Metadata.kind(value) == Metadata.Kind.BOOLEAN) {
                throw new InvalidInputException("metadata filter on key " + Metadata.quote(key) + ": " + op.symbol()
                        + " orders numbers or strings, not booleans");
            }
        }

        @Override
        public int depth() {
            return 1;
        }

        @Override
        public int size() {
            return 1;
        }
    }

    /** {@code key in (values)}, or {@code key not in (values)} when {@code negated}. */
    record In(String key, List<Object> values, boolean negated) implements MetadataFilter {
        public In {
            Metadata.checkKey(key);
            Objects.requireNonNull(values, "values");
            if (values.isEmpty()) {
                throw new InvalidInputException("metadata filter on key " + Metadata.quote(key)
                        + ": 'in' needs at least one value");
            }
            if (values.size() > MAX_VALUES) {
                throw new InvalidInputException("metadata filter on key " + Metadata.quote(key) + ": 'in' has "
                        + values.size() + " values, more than " + MAX_VALUES);
            }
            List<Object> checked = new ArrayList<>(values.size());
            for (Object v : values) {
                checked.add(operand(key, v));
            }
            Metadata.Kind kind = Metadata.kind(checked.get(0));
            for (Object v : checked) {
                if (Metadata.kind(v) != kind) {
                    throw new InvalidInputException("metadata filter on key " + Metadata.quote(key) + ": 'in' mixes "
                            + kind.label() + " with " + Metadata.kind(v).label());
                }
            }
            values = List.copyOf(checked);
        }

        @Override
        public int depth() {
            return 1;
        }

        @Override
        public int size() {
            return values.size();
        }
    }

    /** {@code key contains substring}: the string value holds the substring (case-sensitive). */
    record Contains(String key, String substring) implements MetadataFilter {
        public Contains {
            Metadata.checkKey(key);
            if (!(operand(key, substring) instanceof String)) {
                throw new InvalidInputException("metadata filter on key " + Metadata.quote(key)
                        + ": 'contains' needs a string");
            }
        }

        @Override
        public int depth() {
            return 1;
        }

        @Override
        public int size() {
            return 1;
        }
    }

    /** {@code key exists}: the record has the key, with any value. */
    record Exists(String key) implements MetadataFilter {
        public Exists {
            Metadata.checkKey(key);
        }

        @Override
        public int depth() {
            return 1;
        }

        @Override
        public int size() {
            return 1;
        }
    }

    /** Every operand matches. */
    record And(List<MetadataFilter> operands) implements MetadataFilter {
        public And {
            operands = checkOperands("and", operands);
        }

        @Override
        public int depth() {
            return 1 + deepest(operands);
        }

        @Override
        public int size() {
            return totalSize(operands);
        }
    }

    /** At least one operand matches. */
    record Or(List<MetadataFilter> operands) implements MetadataFilter {
        public Or {
            operands = checkOperands("or", operands);
        }

        @Override
        public int depth() {
            return 1 + deepest(operands);
        }

        @Override
        public int size() {
            return totalSize(operands);
        }
    }

    /** The operand does not match. */
    record Not(MetadataFilter operand) implements MetadataFilter {
        public Not {
            Objects.requireNonNull(operand, "operand");
            checkLimits("not", 1 + operand.depth(), operand.size());
        }

        @Override
        public int depth() {
            return 1 + operand.depth();
        }

        @Override
        public int size() {
            return operand.size();
        }
    }

    static MetadataFilter eq(String key, Object value) {
        return new Compare(key, Operator.EQ, value);
    }

    /** Not equal, also true for records without the key. */
    static MetadataFilter ne(String key, Object value) {
        return new Compare(key, Operator.NE, value);
    }

    static MetadataFilter gt(String key, Object value) {
        return new Compare(key, Operator.GT, value);
    }

    static MetadataFilter gte(String key, Object value) {
        return new Compare(key, Operator.GTE, value);
    }

    static MetadataFilter lt(String key, Object value) {
        return new Compare(key, Operator.LT, value);
    }

    static MetadataFilter lte(String key, Object value) {
        return new Compare(key, Operator.LTE, value);
    }

    static MetadataFilter in(String key, Object... values) {
        return new In(key, operands(key, values), false);
    }

    static MetadataFilter in(String key, List<?> values) {
        return new In(key, operands(key, values), false);
    }

    /** Not one of the values, also true for records without the key. */
    static MetadataFilter notIn(String key, Object... values) {
        return new In(key, operands(key, values), true);
    }

    static MetadataFilter notIn(String key, List<?> values) {
        return new In(key, operands(key, values), true);
    }

    static MetadataFilter contains(String key, String substring) {
        return new Contains(key, substring);
    }

    static MetadataFilter exists(String key) {
        return new Exists(key);
    }

    static MetadataFilter and(MetadataFilter... operands) {
        return new And(List.of(operands));
    }

    static MetadataFilter or(MetadataFilter... operands) {
        return new Or(List.of(operands));
    }

    static MetadataFilter not(MetadataFilter operand) {
        return new Not(operand);
    }

    /** The values as a list that may hold nulls, so {@link In} names the key when it refuses one. */
    private static List<Object> operands(String key, Object[] values) {
        if (values == null) {
            throw new InvalidInputException("metadata filter on key " + Metadata.quote(key) + ": the values are null");
        }
        return Arrays.asList(values);
    }

    private static List<Object> operands(String key, List<?> values) {
        if (values == null) {
            throw new InvalidInputException("metadata filter on key " + Metadata.quote(key) + ": the values are null");
        }
        return new ArrayList<>(values);
    }

    private static int deepest(List<MetadataFilter> operands) {
        return operands.stream().mapToInt(MetadataFilter::depth).max().orElse(0);
    }

    private static int totalSize(List<MetadataFilter> operands) {
        return operands.stream().mapToInt(MetadataFilter::size).sum();
    }

    private static List<MetadataFilter> checkOperands(String what, List<MetadataFilter> operands) {
        Objects.requireNonNull(operands, what + " operands");
        if (operands.isEmpty()) {
            throw new InvalidInputException("metadata filter: '" + what + "' needs at least one operand");
        }
        List<MetadataFilter> copy = List.copyOf(operands);
        int depth = 0;
        long size = 0;
        for (MetadataFilter f : copy) {
            depth = Math.max(depth, f.depth());
            size += f.size();
        }
        checkLimits(what, depth + 1, size);
        return copy;
    }

    private static void checkLimits(String what, int depth, long size) {
        if (depth > MAX_DEPTH) {
            throw new InvalidInputException("metadata filter nests deeper than " + MAX_DEPTH + " levels (at '"
                    + what + "')");
        }
        if (size > MAX_VALUES) {
            throw new InvalidInputException("metadata filter has more than " + MAX_VALUES + " values");
        }
    }

    private static Object operand(String key, Object value) {
        if (value == null) {
            throw new InvalidInputException("metadata filter on key " + Metadata.quote(key) + ": the value is null");
        }
        Object v = Metadata.value(key, value);
        if (v instanceof String s && s.length() > MAX_STRING_CHARS) {
            throw new InvalidInputException("metadata filter on key " + Metadata.quote(key) + ": a string of "
                    + s.length() + " characters, more than " + MAX_STRING_CHARS);
        }
        return v;
    }
}
