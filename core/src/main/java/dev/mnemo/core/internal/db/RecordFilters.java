package dev.mnemo.core.internal.db;

import dev.mnemo.api.RecordType;
import dev.mnemo.api.TimeBounds;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/** The SQL of a search's type and time filters, shared by the filter query and the keyword leg. */
final class RecordFilters {
    private RecordFilters() {
    }

    /**
     * Appends {@code AND ...} conditions on {@code memory_record} columns (prefixed with
     * {@code alias}, e.g. {@code "r."}) and their string arguments.
     */
    static void append(StringBuilder sql, List<String> args, String alias, Set<RecordType> types, Instant from,
                       Instant until) {
        if (!types.isEmpty()) {
            StringJoiner marks = new StringJoiner(", ");
            types.forEach(t -> {
                marks.add("?");
                args.add(t.name());
            });
            sql.append(" AND ").append(alias).append("record_type IN (").append(marks).append(')');
        }
        // bounds beyond the storable years mean "no bound on that side"
        if (from != null) {
            sql.append(" AND ").append(alias).append("timestamp >= ?");
            args.add(Timestamps.format(TimeBounds.clamp(from)));
        }
        if (until != null) {
            sql.append(" AND ").append(alias).append(until.isAfter(TimeBounds.MAX) ? "timestamp <= ?" : "timestamp < ?");
            args.add(Timestamps.format(TimeBounds.clamp(until)));
        }
    }
}
