package dev.mnemo.core.spi;

import dev.mnemo.api.embedding.EmbeddingModel;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/**
 * The database of one memory store (a character or a story), as {@link dev.mnemo.core.store.MemoryStore}
 * uses it: transactions, and the SQL of its records, keyword leg, change feed, metadata and
 * embedding cache. Failures leave as {@link dev.mnemo.api.StorageException} naming the action.
 *
 * <p>Thread-safe. Closed by the store that opened it; {@code close()} is idempotent and releases
 * only what this store holds (a pool shared by many stores stays with its {@link StoreCluster}).
 */
public interface StoreDatabase extends AutoCloseable {

    /** Runs read-only work on a pooled auto-commit connection. */
    <T> T read(String action, SqlWork<T> work);

    /** Runs work in one write transaction: commits when it returns, rolls back when it throws. */
    <T> T write(String action, SqlWork<T> work);

    RecordSql records();

    KeywordSql keywords();

    ChangeFeed changes();

    MetaSql meta();

    EmbeddingCacheSql embeddingCache();

    OperationLogSql operationLog();

    ChatThreadSql chatThreads();

    /** Where the store lives, for messages (a file, or a server and schema without credentials). */
    String location();

    /** The store's own database file, or {@code null} when it lives on a server shared by many stores. */
    Path file();

    /** Bytes the store occupies on disk (its file and WAL; on a server, an estimate of its share). */
    long sizeBytes();

    /** Bytes per table (for statistics), read on the caller's connection; empty when the kind cannot tell. */
    Map<String, Long> bytesPerTable(Connection c) throws SQLException;

    /** Bytes allocated but free, that {@link #compact()} would give back; 0 when unknown. */
    long freeBytes(Connection c) throws SQLException;

    /** Gives the space of deleted records back where the kind can. */
    void compact();

    /**
     * Writes a consistent copy of the store to a file.
     *
     * @throws dev.mnemo.api.InvalidInputException when the kind has no single-file backup (use the
     *         server's own tools); the message says which
     */
    void backup(Path target);

    /** Replaces the store's content with a backup made by {@link #backup}, built with the same model. */
    void restore(Path source, EmbeddingModel model);

    /**
     * Asks to be told when another process may have committed changes to this store, so that its
     * index catches up before the next search needs it (searches catch up anyway: this only moves
     * the work off their path). The listener runs on a thread of the kind's and must not block
     * for long. A kind without notifications never calls it.
     *
     * @return stops the notifications (idempotent)
     */
    default Runnable subscribe(Runnable listener) {
        return () -> { };
    }

    /** Pooled connections currently borrowed by this store (for leak checks). */
    int activeConnections();

    @Override
    void close();
}
