package dev.mnemo.core.internal.db;

import dev.mnemo.api.StorageException;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.core.spi.ChangeFeed;
import dev.mnemo.core.spi.ChatThreadSql;
import dev.mnemo.core.spi.EmbeddingCacheSql;
import dev.mnemo.core.spi.KeywordSql;
import dev.mnemo.core.spi.MetaSql;
import dev.mnemo.core.spi.OperationLogSql;
import dev.mnemo.core.spi.RecordSql;
import dev.mnemo.core.spi.SqlWork;
import dev.mnemo.core.spi.StoreDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

/** The built-in store kind: one SQLite file per store ({@link Database}), its tables as {@link Schema} makes them. */
public final class SqliteStore implements StoreDatabase {
    private final Database database;
    private final RecordRepository records;
    private final ChangeFeed changes = new SqliteChangeFeed();
    private final MetaSql meta = new SqliteMeta();
    private final EmbeddingCacheSql cache = new SqliteEmbeddingCache();
    private final OperationLogSql operationLog = new SqliteOperationLog();
    private final ChatThreadSql chatThreads = new ChatThreadTable();

    /** Takes ownership of an open database. */
    public SqliteStore(Database database, String characterName) {
        this.database = database;
        this.records = new RecordRepository(characterName);
    }

    /** The SQLite database itself (for what only SQLite has). */
    public Database database() {
        return database;
    }

    @Override
    public <T> T read(String action, SqlWork<T> work) {
        return database.read(action, work::run);
    }

    @Override
    public <T> T write(String action, SqlWork<T> work) {
        return database.write(action, work::run);
    }

    @Override
    public RecordSql records() {
        return records;
    }

    @Override
    public KeywordSql keywords() {
        return records.keywords();
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
        return database.file().toString();
    }

    @Override
    public Path file() {
        return database.file();
    }

    /** The database file and its write-ahead log. */
    @Override
    public long sizeBytes() {
        long total = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            Path p = Path.of(database.file() + suffix);
            try {
                total += Files.exists(p) ? Files.size(p) : 0;
            } catch (IOException e) {
                throw StorageException.of("cannot read the size of " + p, e);
            }
        }
        return total;
    }

    @Override
    public Map<String, Long> bytesPerTable(Connection c) throws SQLException {
        return FileUsage.bytesPerTable(c);
    }

    @Override
    public long freeBytes(Connection c) throws SQLException {
        return FileUsage.freeBytes(c);
    }

    @Override
    public void compact() {
        database.vacuum();
    }

    @Override
    public void backup(Path target) {
        SqliteBackups.backup(database, target);
    }

    /** Restores through SQLite's backup API, then applies migrations an older backup lacks. */
    @Override
    public void restore(Path source, EmbeddingModel model) {
        SqliteBackups.restore(database, source, model);
        database.migrate(); // a backup from before the keyword leg gets its table and a fill marker
    }

    @Override
    public int activeConnections() {
        return database.activeConnections();
    }

    @Override
    public void close() {
        database.close();
    }
}
