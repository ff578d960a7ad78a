package dev.mnemo.core.internal.db;

import dev.mnemo.api.Metadata;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.api.filter.MetadataFilter.And;
import dev.mnemo.api.filter.MetadataFilter.Compare;
import dev.mnemo.api.filter.MetadataFilter.Contains;
import dev.mnemo.api.filter.MetadataFilter.Exists;
import dev.mnemo.api.filter.MetadataFilter.In;
import dev.mnemo.api.filter.MetadataFilter.Not;
import dev.mnemo.api.filter.MetadataFilter.Operator;
import dev.mnemo.api.filter.MetadataFilter.Or;
import dev.mnemo.core.spi.MetadataKinds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * A {@link MetadataFilter} as SQL on {@code memory_record}'s id: every leaf becomes
 * {@code id IN (SELECT record_id FROM record_metadata WHERE key = ? AND ...)} over the
 * {@code (key, type, value)} indexes, and and/or/not become SQL's. Negative operators
 * ({@code ne}, {@code not in}) are the negation of their positive form, so they match records
 * without the key too.
 *
 * <p>Before any SQL is built, {@link #check} refuses comparing a string with a number (or a
 * boolean with either): within the filter (one key with operands of two kinds), and against the
 * store (an operand whose kind differs from a value stored under its key, found by one index
 * probe per key).
 */
final class MetadataSql {
    private static final String NUMBER_TYPES = "('long', 'double')";
    private static final int COMPOUND_TERMS = 400;

    private MetadataSql() {
    }

    /** Checks the operand kinds of a filter against each other and against the stored values. */
    static void check(Connection c, MetadataFilter filter) throws SQLException {
        for (Map.Entry<String, Metadata.Kind> e : MetadataKinds.of(filter).entrySet()) {
            String stored = storedOtherKind(c, e.getKey(), e.getValue());
            if (stored != null) {
                throw MetadataKinds.storedMismatch(e.getKey(), e.getValue(), stored);
            }
        }
    }

    /** A stored type under the key that the kind cannot be compared with, or null. */
    private static String storedOtherKind(Connection c, String key, Metadata.Kind kind) throws SQLException {
        StringJoiner others = new StringJoiner("', '", "('", "')");
        for (String type : MetadataKinds.otherTypes(kind)) {
            others.add(type);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT type FROM " + MetadataTable.TABLE
                + " WHERE key = ? AND type IN " + others + " LIMIT 1")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Appends the condition on {@code <alias>id}, adding its arguments in order. */
    static void append(StringBuilder sql, List<Object> args, String alias, MetadataFilter f) {
        if (f instanceof Compare cmp) {
            boolean negated = cmp.op() == Operator.NE;
            leaf(sql, alias, negated, cmp.key(), args);
            sql.append(" AND ").append(typeCondition(cmp.value())).append(" AND ").append(valueColumn(cmp.value()))
                    .append(' ').append(negated ? "=" : cmp.op().symbol()).append(" ?)");
            args.add(cmp.value());
        } else if (f instanceof In in) {
            leaf(sql, alias, in.negated(), in.key(), args);
            Object first = in.values().get(0);
            StringJoiner marks = new StringJoiner(", ");
            in.values().forEach(v -> {
                marks.add("?");
                args.add(v);
            });
            sql.append(" AND ").append(typeCondition(first)).append(" AND ").append(valueColumn(first))
                    .append(" IN (").append(marks).append("))");
        } else if (f instanceof Contains con) {
            leaf(sql, alias, false, con.key(), args);
            sql.append(" AND type = 'string' AND instr(text_value, ?) > 0)");
            args.add(con.substring());
        } else if (f instanceof Exists ex) {
            leaf(sql, alias, false, ex.key(), args);
            sql.append(')');
        } else if (f instanceof And and) {
            join(sql, args, alias, " AND ", and.operands());
        } else if (f instanceof Or or) {
            join(sql, args, alias, " OR ", or.operands());
        } else if (f instanceof Not not) {
            sql.append("NOT (");
            append(sql, args, alias, not.operand());
            sql.append(')');
        } else {
            throw new IllegalArgumentException("unknown filter node " + f.getClass().getSimpleName());
        }
    }

    /**
     * Appends a query selecting the ids of the records the filter matches, as set operations over
     * {@code record_metadata} ({@code INTERSECT}, {@code UNION}, {@code EXCEPT}), so a selective
     * filter reads only its index entries. Negations subtract from every record's id; under an
     * {@code and} with a positive operand they subtract from that operand's set instead.
     */
    static void appendIdSet(StringBuilder sql, List<Object> args, MetadataFilter f) {
        MetadataFilter positive = positiveOf(f);
        if (positive != null) {
            sql.append("SELECT id FROM memory_record EXCEPT SELECT * FROM (");
            appendIdSet(sql, args, positive);
            sql.append(')');
        } else if (f instanceof Compare cmp) {
            sql.append("SELECT record_id FROM ").append(MetadataTable.TABLE).append(" WHERE key = ? AND ")
                    .append(typeCondition(cmp.value())).append(" AND ").append(valueColumn(cmp.value()))
                    .append(' ').append(cmp.op().symbol()).append(" ?");
            args.add(cmp.key());
            args.add(cmp.value());
        } else if (f instanceof In in) {
            Object first = in.values().get(0);
            StringJoiner marks = new StringJoiner(", ");
            sql.append("SELECT record_id FROM ").append(MetadataTable.TABLE).append(" WHERE key = ? AND ")
                    .append(typeCondition(first)).append(" AND ").append(valueColumn(first)).append(" IN (");
            args.add(in.key());
            in.values().forEach(v -> {
                marks.add("?");
                args.add(v);
            });
            sql.append(marks).append(')');
        } else if (f instanceof Contains con) {
            sql.append("SELECT record_id FROM ").append(MetadataTable.TABLE)
                    .append(" WHERE key = ? AND type = 'string' AND instr(text_value, ?) > 0");
            args.add(con.key());
            args.add(con.substring());
        } else if (f instanceof Exists ex) {
            sql.append("SELECT record_id FROM ").append(MetadataTable.TABLE).append(" WHERE key = ?");
            args.add(ex.key());
        } else if (f instanceof And and) {
            appendAndSet(sql, args, and.operands());
        } else if (f instanceof Or or) {
            appendCompound(sql, args, " UNION ", or.operands());
        } else {
            throw new IllegalArgumentException("unknown filter node " + f.getClass().getSimpleName());
        }
    }

    /** The positive filter a negation negates ({@code ne} to {@code eq}, ...), or null for a positive one. */
    private static MetadataFilter positiveOf(MetadataFilter f) {
        if (f instanceof Not not) {
            return not.operand();
        }
        if (f instanceof Compare cmp && cmp.op() == Operator.NE) {
            return MetadataFilter.eq(cmp.key(), cmp.value());
        }
        if (f instanceof In in && in.negated()) {
            return MetadataFilter.in(in.key(), in.values());
        }
        return null;
    }

    /** {@code (p1 ∩ p2 ...) − (n1 ∪ n2 ...)}: the positive operands intersected, the negated ones' sets subtracted. */
    private static void appendAndSet(StringBuilder sql, List<Object> args, List<MetadataFilter> operands) {
        List<MetadataFilter> positives = operands.stream().filter(o -> positiveOf(o) == null).toList();
        if (positives.isEmpty()) {
            appendCompound(sql, args, " INTERSECT ", operands);
            return;
        }
        List<MetadataFilter> negated = operands.stream().map(MetadataSql::positiveOf).filter(o -> o != null).toList();
        sql.append("SELECT * FROM (");
        appendCompound(sql, args, " INTERSECT ", positives);
        sql.append(')');
        if (!negated.isEmpty()) {
            sql.append(" EXCEPT SELECT * FROM (");
            appendCompound(sql, args, " UNION ", negated);
            sql.append(')');
        }
    }

    /**
     * Operands joined by one set operator, grouped in nested queries of at most
     * {@value #COMPOUND_TERMS} terms (SQLite refuses a compound query of more than 500).
     */
    private static void appendCompound(StringBuilder sql, List<Object> args, String op, List<MetadataFilter> operands) {
        if (operands.size() > COMPOUND_TERMS) {
            int groups = (operands.size() + COMPOUND_TERMS - 1) / COMPOUND_TERMS;
            int per = (operands.size() + groups - 1) / groups;
            for (int g = 0; g * per < operands.size(); g++) {
                sql.append(g == 0 ? "SELECT * FROM (" : op + "SELECT * FROM (");
                appendCompound(sql, args, op, operands.subList(g * per, Math.min(operands.size(), (g + 1) * per)));
                sql.append(')');
            }
            return;
        }
        for (int i = 0; i < operands.size(); i++) {
            sql.append(i == 0 ? "SELECT * FROM (" : op + "SELECT * FROM (");
            appendIdSet(sql, args, operands.get(i));
            sql.append(')');
        }
    }

    private static void leaf(StringBuilder sql, String alias, boolean negated, String key, List<Object> args) {
        sql.append(alias).append(negated ? "id NOT IN" : "id IN").append(" (SELECT record_id FROM ")
                .append(MetadataTable.TABLE).append(" WHERE key = ?");
        args.add(key);
    }

    private static void join(StringBuilder sql, List<Object> args, String alias, String op,
                             List<MetadataFilter> operands) {
        sql.append('(');
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) {
                sql.append(op);
            }
            append(sql, args, alias, operands.get(i));
        }
        sql.append(')');
    }

    /** The rows of the operand's kind (the indexes' second column). */
    private static String typeCondition(Object operand) {
        return switch (Metadata.kind(operand)) {
            case STRING -> "type = 'string'";
            case NUMBER -> "type IN " + NUMBER_TYPES;
            case BOOLEAN -> "type = 'boolean'";
        };
    }

    private static String valueColumn(Object operand) {
        return operand instanceof String ? "text_value" : "num_value";
    }
}
