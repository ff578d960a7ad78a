package dev.mnemo.core.internal.db;

import dev.mnemo.api.StorageException;
import dev.mnemo.api.StoreClosedException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.commons.dbcp2.BasicDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SQLite file behind a DBCP2 pool. Every pooled connection runs in WAL mode with foreign keys
 * on and a busy timeout. Writes from this process are serialised by one lock, so SQLite never
 * sees two writers of ours at once (readers run in parallel under WAL).
 *
 * <p>Thread-safe. The owner closes it; {@code close()} is idempotent.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * How the database file is laid out.
     *
     * @param pageSize     SQLite page size for a new database (a power of two, 512-65536); an
     *                     existing file keeps its own. 8192 packs five 384-dimension vectors per page
     *                     where 4096 packs two and wastes a quarter of every page
     * @param maxPageCount the most pages the file may grow to ({@code PRAGMA max_page_count}); 0 = no limit
     */
    public record Layout(int pageSize, long maxPageCount) {
        /** 4 KiB pages (backups of older stores restore into them), no size limit. */
        public static final Layout DEFAULT = new Layout(4096, 0);

        public Layout {
            if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
                throw new IllegalArgumentException("page size must be a power of two from 512 to 65536, got " + pageSize);
            }
            if (maxPageCount < 0) {
                throw new IllegalArgumentException("max page count must not be negative, got " + maxPageCount);
            }
        }
    }

    /** SQLite's primary result codes for a full disk (or database size limit) and an I/O error. */
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_IOERR = 10;
    /** A checkpoint leaves the WAL file at most this long, so one big import does not keep it at its peak size. */
    private static final long WAL_SIZE_LIMIT = 4L << 20;

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
        this(file, poolSize, busyTimeoutMillis, synchronous, Layout.DEFAULT);
    }

    /**
     * Opens (creating if needed) the database file with the given layout and applies the schema migrations.
     *
     * @param synchronous SQLite synchronous mode (NORMAL survives process crashes in WAL mode)
     */
    public Database(Path file, int poolSize, int busyTimeoutMillis, String synchronous, Layout layout) {
        this.file = file;
        this.pool = new BasicDataSource();
        pool.setDriverClassName("org.sqlite.JDBC");
        pool.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(0);
        pool.setMaxWait(Duration.ofMillis(Math.max(busyTimeoutMillis, 1000)));
        pool.setDefaultAutoCommit(true);
        List<String> init = new ArrayList<>(List.of(
                // first: a page size only takes effect before the file's first write (WAL mode writes it)
                "PRAGMA page_size=" + layout.pageSize(),
                "PRAGMA journal_mode=WAL",
                "PRAGMA journal_size_limit=" + WAL_SIZE_LIMIT,
                "PRAGMA foreign_keys=ON",
                "PRAGMA busy_timeout=" + busyTimeoutMillis,
                "PRAGMA synchronous=" + synchronous));
        if (layout.maxPageCount() > 0) {
            init.add("PRAGMA max_page_count=" + layout.maxPageCount());
        }
        pool.setConnectionInitSqls(init);
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
            StorageException failure = failure("opening database " + file, e);
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
            throw failure(action, e);
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
            throw failure(action, e);
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

    /**
     * Runs work in a transaction and reports the first failure. SQLite rolls a transaction back by
     * itself on some errors (SQLITE_FULL, SQLITE_IOERR); the rollback and the switch back to
     * auto-commit (which commits in sqlite-jdbc) then fail with "no transaction is active", and
     * that follow-on failure must not replace the cause.
     */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            Throwable primary = null;
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                primary = e;
                try {
                    c.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException restoreFailure) {
                    if (primary == null) {
                        throw restoreFailure;
                    }
                    primary.addSuppressed(restoreFailure);
                }
            }
        }
    }

    /**
     * The exception for a failed action: a full disk (or the configured size limit reached) and
     * an I/O error name the file and say so; anything else keeps SQLite's words and SQLState.
     */
    private StorageException failure(String action, SQLException e) {
        int code = e.getErrorCode() & 0xff;
        if (code == SQLITE_FULL) {
            return StorageException.ofFile(action, "disk full", file, e.getSQLState(), e);
        }
        if (code == SQLITE_IOERR) {
            return StorageException.ofFile(action, "I/O error", file, e.getSQLState(), e);
        }
        return new StorageException(action, e.getSQLState(), e);
    }

    /**
     * Rewrites the file without its free pages ({@code VACUUM}), then checkpoints and truncates
     * the WAL so the space goes back to the file system. Holds this process's write lock; readers
     * (of this or another process) keep reading their snapshot meanwhile, and a writer of another
     * process waits for its busy timeout. Needs free disk space of about the database's size
     * while it runs (the new copy passes through a temporary file and the WAL).
     */
    public void vacuum() {
        exclusive("compacting database " + file, c -> {
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM");
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            return null;
        });
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
        truncateWal();
        try {
            pool.close();
        } catch (SQLException e) {
            throw failure("closing database " + file, e);
        }
    }

    /**
     * Leaves no WAL behind: checkpoints it into the database and truncates it to zero bytes. Best
     * effort: another process reading or writing the file keeps its part, and its own close
     * finishes the job.
     */
    private void truncateWal() {
        writeLock.lock();
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        } catch (SQLException e) {
            LOG.debug("could not truncate the WAL of {} on close: {}", file, e.getMessage());
        } finally {
            writeLock.unlock();
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
