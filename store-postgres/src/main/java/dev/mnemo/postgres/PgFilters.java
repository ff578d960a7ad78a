package dev.mnemo.postgres;

import dev.mnemo.api.Metadata;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.TimeBounds;
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
 * A search's filters as SQL conditions on {@code memory_record r}: types and time range on the
 * row ({@code (store_id, record_type)} and {@code (store_id, timestamp)} indexes), metadata as
 * {@code r.id IN (SELECT record_id FROM record_metadata WHERE store_id = ? AND key = ? ...)} over
 * the {@code (store_id, key, type, value)} indexes. Negative operators ({@code ne}, {@code not in})
 * are the negation of their positive form, so they match records without the key too, as on
 * SQLite. Strings compare by code point ({@code COLLATE "C"} columns), numbers by value.
 */
final class PgFilters {
    private final long storeId;

    PgFilters(long storeId) {
        this.storeId = storeId;
    }

    /** Refuses comparing a key with another kind than its stored values (one index probe per key). */
    void check(Connection c, MetadataFilter filter) throws SQLException {
        for (Map.Entry<String, Metadata.Kind> e : MetadataKinds.of(filter).entrySet()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT type FROM record_metadata"
                    + " WHERE store_id = ? AND key = ? AND type = ANY (?) LIMIT 1")) {
                ps.setLong(1, storeId);
                ps.setString(2, e.getKey());
                ps.setArray(3, c.createArrayOf("text", MetadataKinds.otherTypes(e.getValue())));
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        throw MetadataKinds.storedMismatch(e.getKey(), e.getValue(), rs.getString(1));
                    }
                }
            }
        }
    }

    /** Appends {@code AND ...} for the request's filters on {@code r.}, adding the arguments in order. */
    void append(StringBuilder sql, List<Object> args, SearchRequest request) {
        if (!request.types().isEmpty()) {
            StringJoiner marks = new StringJoiner(", ");
            for (RecordType t : request.types()) {
                marks.add("?");
                args.add(t.name());
            }
            sql.append(" AND r.record_type IN (").append(marks).append(')');
        }
        // bounds beyond the storable years mean "no bound on that side"
        if (request.from() != null) {
            sql.append(" AND r.timestamp >= ?");
            args.add(PgCodec.format(TimeBounds.clamp(request.from())));
        }
        if (request.until() != null) {
            sql.append(request.until().isAfter(TimeBounds.MAX) ? " AND r.timestamp <= ?" : " AND r.timestamp < ?");
            args.add(PgCodec.format(TimeBounds.clamp(request.until())));
        }
        if (request.metadata() != null) {
            sql.append(" AND ");
            metadata(sql, args, request.metadata());
        }
    }

    /** Binds arguments from {@link #append} from parameter {@code first} on; returns the next index. */
    static int bind(PreparedStatement ps, int first, List<Object> args) throws SQLException {
        int i = first;
        for (Object a : args) {
            if (a instanceof String s) {
                ps.setString(i++, s);
            } else if (a instanceof Long l) {
                ps.setLong(i++, l);
            } else if (a instanceof Double d) {
                ps.setDouble(i++, d);
            } else {
                ps.setLong(i++, ((Boolean) a) ? 1 : 0);
            }
        }
        return i;
    }

    private void metadata(StringBuilder sql, List<Object> args, MetadataFilter f) {
        if (f instanceof Compare cmp) {
            boolean negated = cmp.op() == Operator.NE;
            leaf(sql, args, negated, cmp.key());
            sql.append(" AND ").append(typeCondition(cmp.value())).append(" AND ").append(valueColumn(cmp.value()))
                    .append(' ').append(negated ? "=" : cmp.op().symbol()).append(" ?)");
            args.add(cmp.value());
        } else if (f instanceof In in) {
            leaf(sql, args, in.negated(), in.key());
            Object first = in.values().get(0);
            StringJoiner marks = new StringJoiner(", ");
            in.values().forEach(v -> {
                marks.add("?");
                args.add(v);
            });
            sql.append(" AND ").append(typeCondition(first)).append(" AND ").append(valueColumn(first))
                    .append(" IN (").append(marks).append("))");
        } else if (f instanceof Contains con) {
            leaf(sql, args, false, con.key());
            sql.append(" AND type = 'string' AND strpos(text_value, ?) > 0)");
            args.add(con.substring());
        } else if (f instanceof Exists ex) {
            leaf(sql, args, false, ex.key());
            sql.append(')');
        } else if (f instanceof And and) {
            join(sql, args, " AND ", and.operands());
        } else if (f instanceof Or or) {
            join(sql, args, " OR ", or.operands());
        } else if (f instanceof Not not) {
            sql.append("NOT (");
            metadata(sql, args, not.operand());
            sql.append(')');
        } else {
            throw new IllegalArgumentException("unknown filter node " + f.getClass().getSimpleName());
        }
    }

    private void leaf(StringBuilder sql, List<Object> args, boolean negated, String key) {
        sql.append(negated ? "r.id NOT IN" : "r.id IN")
                .append(" (SELECT record_id FROM record_metadata WHERE store_id = ").append(storeId)
                .append(" AND key = ?");
        args.add(key);
    }

    private void join(StringBuilder sql, List<Object> args, String op, List<MetadataFilter> operands) {
        sql.append('(');
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) {
                sql.append(op);
            }
            metadata(sql, args, operands.get(i));
        }
        sql.append(')');
    }

    private static String typeCondition(Object operand) {
        return switch (Metadata.kind(operand)) {
            case STRING -> "type = 'string'";
            case NUMBER -> "type IN ('long', 'double')";
            case BOOLEAN -> "type = 'boolean'";
        };
    }

    private static String valueColumn(Object operand) {
        return operand instanceof String ? "text_value" : "num_value";
    }
}
