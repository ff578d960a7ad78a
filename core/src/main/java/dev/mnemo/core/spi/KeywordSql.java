package dev.mnemo.core.spi;

import dev.mnemo.api.SearchRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The keyword leg's table: each record's terms as {@link TextAnalysis} produces them, kept in step
 * with the records by the kind's {@link RecordSql} (in the record's own transaction).
 */
public interface KeywordSql {
    /** The analysis the table's terms come from. */
    TextAnalysis analysis();

    /** Writes (or replaces) the terms of a record. */
    void put(Connection c, long id, String text) throws SQLException;

    /** Empties the store's keyword rows (before a rebuild). */
    void clear(Connection c) throws SQLException;

    /**
     * The best {@code limit} records for the query terms (any term matching), best first, with
     * the request's filters (types, time range, metadata) applied in the same statement.
     */
    List<KeywordMatch> search(Connection c, List<String> terms, SearchRequest filters, int limit) throws SQLException;

    /** The stored terms of every keyword row of the store, space-separated, by record id (for verification). */
    Map<Long, String> storedDocuments(Connection c) throws SQLException;
}
