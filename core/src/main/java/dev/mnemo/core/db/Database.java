package dev.mnemo.core.db;

import dev.mnemo.api.StorageException;
import dev.mnemo.api.StoreClosedException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.commons.dbcp2.BasicDataSource;

/**
 * One SQLite file behind a DBCP2 pool. Every pooled connection runs in WAL mode with foreign keys
 * on and a busy timeout. Writes from this process are serialised by one lock, so SQLite never
 * sees two writers of ours at once (readers run in parallel under WAL).
 *
 * <p>Thread-safe. The owner closes it; {@code close()} is idempotent.
 */
public final class Database implements AutoCloseable {

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final BasicDataSource pool;
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile boolean closed;

    /**
     * Opens (creating if needed) the database file and applies the schema migrations.
     *
     * @param synchronous SQLite synchronous mode (NORMAL survives process crashes in WAL mode)
     */
    public Database(Path file, int poolSize, int busyTimeoutMillis, String synchronous) {
        this.file = file;
        this.pool = new BasicDataSource();
        pool.setDriverClassName("org.sqlite.JDBC");
        pool.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(0);
        pool.setMaxWait(Duration.ofMillis(Math.max(busyTimeoutMillis, 1000)));
        pool.setDefaultAutoCommit(true);
        pool.setConnectionInitSqls(List.of(
                "PRAGMA journal_mode=WAL",
                "PRAGMA foreign_keys=ON",
                "PRAGMA busy_timeout=" + busyTimeoutMillis,
                "PRAGMA synchronous=" + synchronous));
        pool.setRollbackOnReturn(true);
        // a local file does not go stale; validating on every borrow only costs time
        pool.setTestOnBorrow(false);
        // statements are prepared once per connection and SQL text (searches repeat the same few)
        pool.setPoolPreparedStatements(true);
        pool.setMaxOpenPreparedStatements(64);
        // write transactions take SQLite's write lock at BEGIN, so a second process waits (busy
        // timeout) up front instead of failing at commit with SQLITE_BUSY
        pool.addConnectionProperty("transaction_mode", "IMMEDIATE");
        // sqlite-jdbc otherwise runs "SELECT last_insert_rowid()" after every INSERT; ids come from RETURNING
        pool.addConnectionProperty("jdbc.get_generated_keys", "false");
        try {
            inTransaction(Schema::migrate);
        } catch (SQLException e) {
            StorageException failure = new StorageException("opening database " + file, e.getSQLState(), e);
            closeQuietly(failure);
            throw failure;
        } catch (RuntimeException e) {
            closeQuietly(e);
            throw e;
        }
    }

    /**
     * Applies migrations the database lacks, e.g. after a restore replaced it with an older
     * backup. A no-op on an up-to-date database.
     */
    public void migrate() {
        write("migrating database " + file, Schema::migrate);
    }

    public Path file() {
        return file;
    }

    /** Runs read-only work on a pooled connection (auto-commit; WAL gives it a consistent snapshot per statement). */
    public <T> T read(String action, Work<T> work) {
        ensureOpen();
        try (Connection c = pool.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException(action, e.getSQLState(), e);
        }
    }

    /**
     * Runs work in one write transaction ({@code BEGIN IMMEDIATE}), holding this process's write lock.
     * Commits when the work returns, rolls back when it throws.
     */
    public <T> T write(String action, Work<T> work) {
        ensureOpen();
        writeLock.lock();
        try {
            return inTransaction(work);
        } catch (SQLException e) {
            throw new StorageException(action, e.getSQLState(), e);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Runs work on an auto-commit connection while holding this process's write lock: for
     * operations that manage their own locking and must not run inside a transaction (SQLite's
     * backup API restoring into this database).
     */
    public <T> T exclusive(String action, Work<T> work) {
        writeLock.lock();
        try {
            return read(action, work);
        } finally {
            writeLock.unlock();
        }
    }

    private <T> T inTransaction(Work<T> work) throws SQLException {
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
        }
    }

    /** Pooled connections currently borrowed (for leak checks). */
    public int activeConnections() {
        return pool.getNumActive();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            pool.close();
        } catch (SQLException e) {
            throw new StorageException("closing database " + file, e.getSQLState(), e);
        }
    }

    private void closeQuietly(Exception primary) {
        try {
            pool.close();
        } catch (SQLException e) {
            primary.addSuppressed(e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("database " + file);
        }
    }
}
