package dev.mnemo.core.internal.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;

/**
 * The store's schema as numbered migrations, applied in order on open and recorded in
 * {@code schema_version}. Never edit a released migration; add the next one.
 */
final class Schema {

    private record Migration(int version, String description, List<String> statements) {
    }

    private static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "legacy memory_record table, vectors, change log, store metadata", List.of(
                    // legacy columns and names unchanged; AUTOINCREMENT so a deleted id is never
                    // reused (a stale index entry can then never point at a newer row)
                    """
                    CREATE TABLE memory_record (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        character_name VARCHAR(255) NOT NULL,
                        text TEXT NOT NULL,
                        user_message TEXT,
                        assistant_message TEXT,
                        timestamp DATETIME NOT NULL,
                        record_type VARCHAR(50) NOT NULL DEFAULT 'conversation',
                        vector_index INTEGER,
                        similarity_score REAL,
                        created_at DATETIME NOT NULL,
                        updated_at DATETIME NOT NULL)""",
                    "CREATE INDEX idx_character_timestamp ON memory_record (character_name, timestamp)",
                    "CREATE INDEX idx_character_type ON memory_record (character_name, record_type)",
                    """
                    CREATE TABLE memory_vector (
                        record_id INTEGER PRIMARY KEY REFERENCES memory_record (id) ON DELETE CASCADE,
                        vector BLOB NOT NULL)""",
                    // every vector change, in commit order: the index replays it to catch up with
                    // this or another process; triggers keep it right whoever writes
                    """
                    CREATE TABLE vector_change (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        record_id INTEGER NOT NULL,
                        op TEXT NOT NULL CHECK (op IN ('add', 'del')))""",
                    """
                    CREATE TRIGGER vector_added AFTER INSERT ON memory_vector BEGIN
                        INSERT INTO vector_change (record_id, op) VALUES (NEW.record_id, 'add');
                    END""",
                    """
                    CREATE TRIGGER vector_replaced AFTER UPDATE OF vector ON memory_vector BEGIN
                        INSERT INTO vector_change (record_id, op) VALUES (OLD.record_id, 'del');
                        INSERT INTO vector_change (record_id, op) VALUES (NEW.record_id, 'add');
                    END""",
                    """
                    CREATE TRIGGER vector_deleted AFTER DELETE ON memory_vector BEGIN
                        INSERT INTO vector_change (record_id, op) VALUES (OLD.record_id, 'del');
                    END""",
                    "CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")),
            new Migration(2, "persistent embedding cache keyed by model and text hash", List.of(
                    """
                    CREATE TABLE embedding_cache (
                        model TEXT NOT NULL,
                        text_hash BLOB NOT NULL,
                        vector BLOB NOT NULL,
                        last_used INTEGER NOT NULL,
                        PRIMARY KEY (model, text_hash)) WITHOUT ROWID""",
                    "CREATE INDEX idx_embedding_cache_last_used ON embedding_cache (last_used)")),
            new Migration(3, "rolling log of recent operation timings", List.of(
                    """
                    CREATE TABLE operation_log (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        op TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        nanos INTEGER NOT NULL,
                        records INTEGER NOT NULL,
                        detail TEXT)""",
                    "CREATE INDEX idx_operation_log_op ON operation_log (op, seq)")),
            // the rows are analysed in Java after the migration (KeywordBackfill), resumable
            new Migration(4, "keyword leg: FTS5 table of analysed record terms", KeywordTable.CREATE),
            // the cache used to hold a second copy of every stored record's vector (half the
            // file); it now holds search queries only. Emptying it is safe, it is only a cache;
            // 'mnemo compact' gives the freed pages back to the file system
            new Migration(5, "embedding cache without copies of stored records' vectors", List.of(
                    "DELETE FROM embedding_cache")),
            new Migration(6, "record metadata beside memory_record", MetadataTable.CREATE),
            new Migration(7, "chat framework conversation threads", ChatThreadTable.CREATE));

    private Schema() {
    }

    /** The newest schema version this code knows. */
    static int latestVersion() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }

    /** How many migrations this code knows (versions may have gaps while branches merge). */
    static int migrationCount() {
        return MIGRATIONS.size();
    }

    /** Applies the missing migrations inside the caller's transaction. */
    static Void migrate(Connection c) throws SQLException {
        return migrate(c, latestVersion());
    }

    /** Applies the missing migrations up to {@code target} (tests build older stores with it). */
    static Void migrate(Connection c, int target) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                    + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
            int current;
            try (var rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                current = rs.getInt(1);
            }
            if (current > latestVersion()) {
                throw new SQLException("database schema version " + current + " is newer than this Mnemo ("
                        + latestVersion() + "); upgrade Mnemo");
            }
            for (Migration m : MIGRATIONS) {
                if (m.version() <= current || m.version() > target) {
                    continue;
                }
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
                try (var insert = c.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    insert.setInt(1, m.version());
                    insert.setString(2, m.description());
                    insert.setString(3, Timestamps.format(Instant.now()));
                    insert.executeUpdate();
                }
            }
        }
        return null;
    }
}
