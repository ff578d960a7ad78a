package dev.mnemo.postgres;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.StorageException;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.core.spi.ChangeFeed;
import dev.mnemo.core.spi.ChatThreadSql;
import dev.mnemo.core.spi.EmbeddingCacheSql;
import dev.mnemo.core.spi.KeywordSql;
import dev.mnemo.core.spi.MetaSql;
import dev.mnemo.core.spi.OperationLogSql;
import dev.mnemo.core.spi.RecordSql;
import dev.mnemo.core.spi.SqlWork;
import dev.mnemo.core.spi.StoreAddress;
import dev.mnemo.core.spi.StoreDatabase;
import dev.mnemo.core.spi.TextAnalysis;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * One store's view of the shared schema: every statement restricted to its {@code store_id}, on
 * connections of the service's pool. Writes of this and other instances run concurrently (row
 * locks, not a store-wide lock); the change feed keeps every instance's index in step.
 */
final class PostgresStore implements StoreDatabase {
    private final DataSource pool;
    private final PostgresSettings settings;
    private final long storeId;
    private final String location;
    private final ChangeListener listener;
    private final PgRecords records;
    private final PgKeywords keywords;
    private final PgChangeFeed changes;
    private final PgMeta meta;
    private final PgChatThreads chatThreads;
    private final PgEmbeddingCache cache;
    private final PgOperationLog operationLog;
    private final AtomicInteger borrowed = new AtomicInteger();
    private final AtomicInteger background = new AtomicInteger();
    private volatile boolean closed;

    PostgresStore(DataSource pool, PostgresSettings settings, long storeId, StoreAddress address,
                  TextAnalysis analysis, ChangeListener listener) {
        this.pool = pool;
        this.settings = settings;
        this.storeId = storeId;
        this.location = settings.location() + ", " + address.kind() + " " + address.name();
        this.listener = listener;
        this.records = new PgRecords(storeId, address.name(), analysis);
        this.keywords = new PgKeywords(storeId, analysis);
        this.changes = new PgChangeFeed(storeId, settings.feedRetention());
        this.meta = new PgMeta(storeId);
        this.chatThreads = new PgChatThreads(storeId);
        this.cache = new PgEmbeddingCache(storeId);
        this.operationLog = new PgOperationLog(storeId);
    }

    @Override
    public <T> T read(String action, SqlWork<T> work) {
        ensureOpen();
        AtomicInteger counter = counter();
        counter.incrementAndGet();
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(action, e);
        } finally {
            counter.decrementAndGet();
        }
    }

    /**
     * Where a borrowing is counted: work on the caller's behalf in {@link #borrowed}, which
     * {@link #activeConnections()} reports for leak checks; a catch-up the listener runs in the
     * background (woken by another writer, at any moment) apart, so that it never looks like a leak.
     */
    private AtomicInteger counter() {
        return listener.onListenerThread() ? background : borrowed;
    }

    @Override
    public <T> T write(String action, SqlWork<T> work) {
        ensureOpen();
        AtomicInteger counter = counter();
        counter.incrementAndGet();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(action, e);
        } finally {
            counter.decrementAndGet();
        }
    }

    private StorageException failure(String action, SQLException e) {
        return new StorageException(action + " (" + location + ")", e.getSQLState(), e);
    }

    @Override
    public RecordSql records() {
        return records;
    }

    @Override
    public KeywordSql keywords() {
        return keywords;
    }

    @Override
    public ChangeFeed changes() {
        return changes;
    }

    @Override
    public MetaSql meta() {
        return meta;
    }

    @Override
    public EmbeddingCacheSql embeddingCache() {
        return cache;
    }

    @Override
    public ChatThreadSql chatThreads() {
        return chatThreads;
    }

    @Override
    public OperationLogSql operationLog() {
        return operationLog;
    }

    @Override
    public String location() {
        return location;
    }

    /** Not a file of its own: the store is rows of shared tables. */
    @Override
    public Path file() {
        return null;
    }

    /** The store's rows and vectors as stored (an estimate: shared indexes and free space are not counted). */
    @Override
    public long sizeBytes() {
        return read("measuring the store", c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT"
                    + " (SELECT COALESCE(SUM(pg_column_size(r.*)), 0) FROM memory_record r WHERE r.store_id = ?)"
                    + " + (SELECT COALESCE(SUM(pg_column_size(v.*)), 0) FROM memory_vector v WHERE v.store_id = ?)")) {
                ps.setLong(1, storeId);
                ps.setLong(2, storeId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Tables are shared by every store: their sizes say nothing about this one. */
    @Override
    public Map<String, Long> bytesPerTable(Connection c) {
        return Map.of();
    }

    @Override
    public long freeBytes(Connection c) {
        return 0;
    }

    /** PostgreSQL's autovacuum reclaims the space of deleted rows; there is nothing to do per store. */
    @Override
    public void compact() {
        ensureOpen();
    }

    @Override
    public void backup(Path target) {
        throw new InvalidInputException("a postgres store has no single-file backup: back up the database with"
                + " pg_dump (e.g. pg_dump --schema=" + settings.schema() + "), which holds every store of the schema");
    }

    @Override
    public void restore(Path source, EmbeddingModel model) {
        throw new InvalidInputException("a postgres store has no single-file restore: restore the database with"
                + " pg_restore or psql from a pg_dump of schema " + settings.schema());
    }

    @Override
    public Runnable subscribe(Runnable onRemoteChange) {
        return listener.subscribe(storeId, onRemoteChange);
    }

    @Override
    public int activeConnections() {
        return borrowed.get();
    }

    /** The pool stays open for the service's other stores. */
    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("store " + location);
        }
    }
}
