package dev.mnemo.api;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A snapshot of a store's storage statistics.
 *
 * @param totalRecords        all records
 * @param conversationRecords records of type {@code conversation}
 * @param recordsByType       count per record type
 * @param oldestRecordTime    earliest timestamp, or {@code null} when empty
 * @param latestRecordTime    latest timestamp, or {@code null} when empty
 * @param databasePath        the SQLite file, or {@code null} for a store on a server (store kind {@code postgres})
 * @param databaseSizeBytes   its size including the WAL
 * @param indexBackend        the vector backend in use (e.g. {@code jvector})
 * @param backendNote         why that backend was chosen (e.g. why FAISS was not)
 * @param indexSize           vectors in the index
 * @param indexFileBytes      size of the persisted index file, 0 if none yet
 * @param embeddingModel      the model the store's vectors come from
 * @param dimension           the vector dimension
 * @param cacheHits           texts answered from the embedding cache since the store was opened
 * @param cacheMisses         texts sent to the model since the store was opened
 * @param cacheEntries        embeddings held in the persistent cache
 * @param tableBytes          bytes of the database file used by each table with its indexes (SQLite's
 *                            {@code dbstat}), largest first; empty when SQLite cannot tell
 * @param freeBytes           bytes of the database file on its free list: deleted space that
 *                            {@code compact} gives back to the file system
 */
public record MemoryStats(long totalRecords, long conversationRecords, Map<String, Long> recordsByType,
                          Instant oldestRecordTime, Instant latestRecordTime, Path databasePath,
                          long databaseSizeBytes, String indexBackend, String backendNote, long indexSize,
                          long indexFileBytes, String embeddingModel, int dimension,
                          long cacheHits, long cacheMisses, long cacheEntries,
                          Map<String, Long> tableBytes, long freeBytes) {
    public MemoryStats {
        recordsByType = Map.copyOf(recordsByType);
        tableBytes = Collections.unmodifiableMap(new LinkedHashMap<>(tableBytes));
    }
}
