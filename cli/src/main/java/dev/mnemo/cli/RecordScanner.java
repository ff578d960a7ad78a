package dev.mnemo.cli;

import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.StorageException;
import dev.mnemo.core.db.RecordRepository;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * Reads every record of a store in id order, for {@code export}. {@link dev.mnemo.core.store.MemoryStore}
 * has no "all records" read, so this opens its own read-only connection to the store's database
 * (safe beside the store's pool: SQLite WAL readers see committed data only) and uses core's
 * {@link RecordRepository} row mapping. Not thread-safe; close it.
 */
final class RecordScanner implements AutoCloseable {
    private final Connection connection;
    private final RecordRepository records;
    private final String characterName;

    RecordScanner(Path database, String characterName) {
        this.characterName = characterName;
        this.records = new RecordRepository(characterName);
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(10_000);
        try {
            this.connection = config.createConnection("jdbc:sqlite:" + database.toAbsolutePath());
        } catch (SQLException e) {
            throw new StorageException("opening " + database + " for reading", e.getSQLState(), e);
        }
    }

    /** All record ids in ascending order. */
    long[] ids() {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id FROM memory_record WHERE character_name = ? ORDER BY id")) {
            ps.setString(1, characterName);
            long[] out = new long[1024];
            int n = 0;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = rs.getLong(1);
                }
            }
            return Arrays.copyOf(out, n);
        } catch (SQLException e) {
            throw new StorageException("listing record ids", e.getSQLState(), e);
        }
    }

    /** The records of these ids, in the given order (ids deleted meanwhile are skipped). */
    List<MemoryRecord> records(long[] ids) {
        try {
            Map<Long, MemoryRecord> byId = records.findAll(connection, ids);
            List<MemoryRecord> out = new ArrayList<>(ids.length);
            for (long id : ids) {
                MemoryRecord r = byId.get(id);
                if (r != null) {
                    out.add(r);
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("reading records", e.getSQLState(), e);
        }
    }

    /** The stored vectors of these ids. */
    Map<Long, float[]> vectors(long[] ids) {
        try {
            return records.vectors(connection, ids);
        } catch (SQLException e) {
            throw new StorageException("reading vectors", e.getSQLState(), e);
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("closing the export connection", e.getSQLState(), e);
        }
    }
}
