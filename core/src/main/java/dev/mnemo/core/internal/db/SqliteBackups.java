package dev.mnemo.core.internal.db;

import dev.mnemo.api.MissingFileException;
import dev.mnemo.api.ModelMismatchException;
import dev.mnemo.api.StorageException;
import dev.mnemo.api.embedding.EmbeddingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.sqlite.SQLiteConnection;

/**
 * Online backup and restore through SQLite's backup API: pages are copied under SQLite's own
 * locking, so the copy is consistent while the store keeps serving. A backup is written to a
 * temporary file and renamed into place, so a crash never leaves a half-written backup under
 * the target name.
 */
final class SqliteBackups {
    private static final int SQLITE_OK = 0;

    private SqliteBackups() {
    }

    static void backup(Database database, Path target) {
        Path absolute = target.toAbsolutePath();
        Path tmp;
        try {
            Files.createDirectories(absolute.getParent());
            tmp = Files.createTempFile(absolute.getParent(), absolute.getFileName().toString(), ".tmp");
        } catch (IOException e) {
            throw StorageException.of("cannot create backup " + target, e);
        }
        try {
            int rc = database.read("backing up to " + target,
                    c -> c.unwrap(SQLiteConnection.class).getDatabase().backup("main", tmp.toString(), null));
            if (rc != SQLITE_OK) {
                throw new StorageException("backing up to " + target + " (SQLite result code " + rc + ")", null, null);
            }
            makeSelfContained(tmp);
            Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw StorageException.of("cannot move backup into place at " + target, e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // only a leftover temporary file
            }
        }
    }

    /** The copy inherits WAL mode; switch it to a rollback journal so the backup is one file with no -wal/-shm. */
    private static void makeSelfContained(Path file) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             var s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=DELETE");
        } catch (SQLException e) {
            throw new StorageException("finishing backup " + file, e.getSQLState(), e);
        }
    }

    static void restore(Database database, Path source, EmbeddingModel model) {
        if (!Files.isRegularFile(source)) {
            throw new MissingFileException(source + ": no backup file");
        }
        long backupPageSize = checkSameModel(source, model);
        // SQLite cannot change a WAL database's page size, and its backup API then copies nothing
        long storePageSize = database.read("reading the page size", FileUsage::pageSize);
        if (backupPageSize != storePageSize) {
            throw new StorageException("restoring from " + source + ": the backup has " + backupPageSize
                    + "-byte pages but this store " + storePageSize + "-byte pages (mnemo.db.page-size);"
                    + " open a new store with mnemo.db.page-size=" + backupPageSize + " to restore it", null, null);
        }
        int rc = database.exclusive("restoring from " + source,
                c -> c.unwrap(SQLiteConnection.class).getDatabase().restore("main", source.toAbsolutePath().toString(), null));
        if (rc != SQLITE_OK) {
            throw new StorageException("restoring from " + source + " (SQLite result code " + rc + ")", null, null);
        }
    }

    /** A backup of another model's store would mix vector spaces: refuse before touching anything. */
    /** Checks the backup's embedding model and returns its page size. */
    private static long checkSameModel(Path source, EmbeddingModel model) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:file:" + source.toAbsolutePath() + "?mode=ro")) {
            String backupModel = StoreMeta.model(c).orElseThrow(() -> new ModelMismatchException(
                    source + " is not a Mnemo store backup (no embedding model recorded)"));
            if (!backupModel.equals(StoreMeta.describe(model))) {
                throw new ModelMismatchException("backup " + source + " holds vectors of " + backupModel
                        + " but this store uses " + StoreMeta.describe(model));
            }
            return FileUsage.pageSize(c);
        } catch (SQLException e) {
            throw new StorageException("reading backup " + source, e.getSQLState(), e);
        }
    }
}
