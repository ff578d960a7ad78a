package dev.mnemo.core.spi;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A store's records, their vectors and metadata. Every method runs on the connection (and so the
 * transaction) it is given: a record, its vector, its keyword row, its metadata and its entry in
 * the {@link ChangeFeed} are written together or not at all. Ids are never reused.
 */
public interface RecordSql {
    /** Inserts a record and its vector ({@code vectorIndex}: the legacy FAISS position, or null). */
    MemoryRecord insert(Connection c, MemoryDraft draft, float[] vector, Long vectorIndex, Instant now)
            throws SQLException;

    /** Copies a stored record with a new vector, keeping its id, times and metadata (re-embedding). */
    void insertCopy(Connection c, MemoryRecord record, float[] vector) throws SQLException;

    /** Replaces a record's content and metadata (and vector when not null); false when absent. */
    boolean update(Connection c, long id, MemoryDraft draft, float[] vector, Instant now) throws SQLException;

    /** Deletes records with their vectors, metadata and keyword rows; returns how many existed. */
    int delete(Connection c, long[] ids) throws SQLException;

    /** Ids of the records whose timestamp is before the cutoff. */
    long[] idsBefore(Connection c, Instant cutoff) throws SQLException;

    /**
     * Refuses a metadata filter that compares a key with values of another kind than the filter's
     * other operands or the stored values ({@link dev.mnemo.api.InvalidInputException}).
     */
    void checkFilters(Connection c, SearchRequest request) throws SQLException;

    /** Ids of the records matching a request's filters (types, time range, metadata). */
    long[] filteredIds(Connection c, SearchRequest request) throws SQLException;

    /** Records by id, with metadata; absent ids are missing from the map. */
    Map<Long, MemoryRecord> findAll(Connection c, long[] ids) throws SQLException;

    /** Up to {@code limit} records with ids above {@code afterId}, in id order. */
    List<MemoryRecord> page(Connection c, long afterId, int limit) throws SQLException;

    /** Records with ids above {@code afterId}. */
    long countAfter(Connection c, long afterId) throws SQLException;

    /** The newest records of a type, newest first. */
    List<MemoryRecord> recent(Connection c, RecordType type, int limit) throws SQLException;

    /** Stored vectors of these ids (absent ids are missing from the map). */
    Map<Long, float[]> vectors(Connection c, long[] ids) throws SQLException;

    /** Every record id of the store that has a vector. */
    long[] vectorIds(Connection c) throws SQLException;

    /** Record counts per type name. */
    Map<String, Long> countsByType(Connection c) throws SQLException;

    /** Earliest and latest timestamp, nulls when the store is empty. */
    Instant[] timeRange(Connection c) throws SQLException;
}
