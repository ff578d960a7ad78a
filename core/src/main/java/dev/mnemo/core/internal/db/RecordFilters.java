package dev.mnemo.core.internal.db;

import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.TimeBounds;
import dev.mnemo.api.filter.MetadataFilter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;

/**
 * A search's filters (record types, time range, metadata) as SQL conditions on
 * {@code memory_record}, shared by the filter query and the keyword leg. Built per search by
 * {@link #resolve}, which checks the metadata filter's operand kinds against the store first.
 */
public final class RecordFilters {
    private final Set<RecordType> types;
    private final Instant from;
    private final Instant until;
    private final MetadataFilter metadata;

    private RecordFilters(Set<RecordType> types, Instant from, Instant until, MetadataFilter metadata) {
        this.types = types;
        this.from = from;
        this.until = until;
        this.metadata = metadata;
    }

    /**
     * The filters of a request, checked against the store.
     *
     * @throws dev.mnemo.api.InvalidInputException when the metadata filter compares a key with a
     *         value of another kind than the filter's other operands or the stored values
     */
    public static RecordFilters resolve(Connection c, SearchRequest request) throws SQLException {
        if (request.metadata() != null) {
            MetadataSql.check(c, request.metadata());
        }
        return unchecked(request);
    }

    /** The filters of a request that {@link #resolve} checked already (in the same search). */
    static RecordFilters unchecked(SearchRequest request) {
        return new RecordFilters(request.types(), request.from(), request.until(), request.metadata());
    }

    /** True when the search filters on metadata. */
    boolean hasMetadata() {
        return metadata != null;
    }

    /** True when the search filters on {@code memory_record} columns: record types or a time range. */
    boolean hasRecordConditions() {
        return !types.isEmpty() || from != null || until != null;
    }

    /**
     * Appends {@code AND ...} conditions on {@code memory_record} columns (prefixed with
     * {@code alias}, e.g. {@code "r."}) and their arguments: types, time range and metadata.
     */
    void append(StringBuilder sql, List<Object> args, String alias) {
        appendRecordConditions(sql, args, alias);
        if (metadata != null) {
            sql.append(" AND ");
            MetadataSql.append(sql, args, alias, metadata);
        }
    }

    /** Appends the {@code AND ...} conditions on types and time range only. */
    void appendRecordConditions(StringBuilder sql, List<Object> args, String alias) {
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

    /** Appends a query for the ids the metadata filter matches (see {@link MetadataSql#appendIdSet}). */
    void appendMetadataIdSet(StringBuilder sql, List<Object> args) {
        MetadataSql.appendIdSet(sql, args, metadata);
    }

    /** Binds arguments from {@link #append} from parameter {@code first} on; returns the next index. */
    static int bind(PreparedStatement ps, int first, List<Object> args) throws SQLException {
        int i = first;
        for (Object a : args) {
            if (a instanceof String s) {
                ps.setString(i++, s);
            } else {
                MetadataTable.bindNumber(ps, i++, a);
            }
        }
        return i;
    }
}
