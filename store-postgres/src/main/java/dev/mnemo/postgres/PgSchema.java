package dev.mnemo.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Mnemo's tables in one schema, as numbered migrations recorded in {@code schema_version}. Never
 * edit a released migration; add the next one.
 *
 * <p>Two instances may start at once: {@link #migrate} runs in one transaction that first takes a
 * transaction-scoped advisory lock for the schema, so the second waits, then finds the migrations
 * applied and applies nothing. PostgreSQL's DDL is transactional, so a failed migration leaves
 * nothing half-made.
 */
final class PgSchema {
    /** First key of the advisory lock (the second is the schema's hash): "mnem" in ASCII. */
    private static final int LOCK_CLASS = 0x6d6e656d;

    private record Migration(int version, String description, List<String> statements) {
    }

    private static final List<Migration> MIGRATIONS = List.of(
            new Migration(1, "stores, records, vectors, metadata, keyword terms, change feed, store facts", List.of(
                    """
                    CREATE TABLE mnemo_store (
                        id BIGSERIAL PRIMARY KEY,
                        store_group TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        name TEXT NOT NULL,
                        created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                        UNIQUE (store_group, name))""",
                    // the legacy columns of SQLite's memory_record, keyed by store; timestamps are the
                    // same fixed-width UTC text, which range-compares correctly as text. The keyword
                    // leg lives in the row: the analysed terms as text (verification compares them)
                    // and as a tsvector with positions (matching and ranking, GIN-indexed)
                    """
                    CREATE TABLE memory_record (
                        id BIGSERIAL PRIMARY KEY,
                        store_id BIGINT NOT NULL REFERENCES mnemo_store (id),
                        character_name TEXT NOT NULL,
                        text TEXT NOT NULL,
                        user_message TEXT,
                        assistant_message TEXT,
                        timestamp TEXT COLLATE "C" NOT NULL,
                        record_type TEXT NOT NULL,
                        vector_index BIGINT,
                        similarity_score DOUBLE PRECISION,
                        created_at TEXT NOT NULL,
                        updated_at TEXT NOT NULL,
                        keyword_terms TEXT,
                        keyword_vector TSVECTOR)""",
                    "CREATE INDEX idx_record_store_timestamp ON memory_record (store_id, timestamp)",
                    "CREATE INDEX idx_record_store_type ON memory_record (store_id, record_type)",
                    "CREATE INDEX idx_record_keywords ON memory_record USING GIN (keyword_vector)",
                    """
                    CREATE TABLE memory_vector (
                        record_id BIGINT PRIMARY KEY REFERENCES memory_record (id) ON DELETE CASCADE,
                        store_id BIGINT NOT NULL,
                        vector BYTEA NOT NULL)""",
                    "CREATE INDEX idx_vector_store ON memory_vector (store_id)",
                    """
                    CREATE TABLE record_metadata (
                        record_id BIGINT NOT NULL REFERENCES memory_record (id) ON DELETE CASCADE,
                        store_id BIGINT NOT NULL,
                        key TEXT NOT NULL,
                        type TEXT NOT NULL CHECK (type IN ('string', 'long', 'double', 'boolean')),
                        text_value TEXT COLLATE "C",
                        num_value NUMERIC,
                        PRIMARY KEY (record_id, key))""",
                    "CREATE INDEX idx_metadata_text ON record_metadata (store_id, key, type, text_value)",
                    "CREATE INDEX idx_metadata_num ON record_metadata (store_id, key, type, num_value)",
                    // the outbox: one row per vector change, written by triggers in the writing
                    // transaction with that transaction's id; see PgChangeFeed for how it is read
                    """
                    CREATE TABLE vector_change (
                        seq BIGSERIAL PRIMARY KEY,
                        store_id BIGINT NOT NULL,
                        record_id BIGINT NOT NULL,
                        op TEXT NOT NULL CHECK (op IN ('add', 'del')),
                        tx BIGINT NOT NULL DEFAULT (pg_current_xact_id()::text::bigint))""",
                    "CREATE INDEX idx_vector_change_store_tx ON vector_change (store_id, tx, seq)",
                    """
                    CREATE FUNCTION mnemo_vector_changed() RETURNS trigger LANGUAGE plpgsql
                        SET search_path FROM CURRENT AS $$
                    BEGIN
                        IF TG_OP IN ('UPDATE', 'DELETE') THEN
                            INSERT INTO vector_change (store_id, record_id, op) VALUES (OLD.store_id, OLD.record_id, 'del');
                        END IF;
                        IF TG_OP IN ('INSERT', 'UPDATE') THEN
                            INSERT INTO vector_change (store_id, record_id, op) VALUES (NEW.store_id, NEW.record_id, 'add');
                        END IF;
                        -- delivered at commit, once per store and transaction (equal payloads are folded)
                        PERFORM pg_notify('mnemo_change', COALESCE(NEW.store_id, OLD.store_id)::text);
                        RETURN NULL;
                    END $$""",
                    """
                    CREATE TRIGGER vector_changed AFTER INSERT OR DELETE OR UPDATE OF vector ON memory_vector
                        FOR EACH ROW EXECUTE FUNCTION mnemo_vector_changed()""",
                    """
                    CREATE TABLE store_meta (
                        store_id BIGINT NOT NULL REFERENCES mnemo_store (id),
                        key TEXT NOT NULL,
                        value TEXT NOT NULL,
                        PRIMARY KEY (store_id, key))""",
                    """
                    CREATE TABLE embedding_cache (
                        store_id BIGINT NOT NULL,
                        model TEXT NOT NULL,
                        text_hash BYTEA NOT NULL,
                        vector BYTEA NOT NULL,
                        last_used BIGINT NOT NULL,
                        PRIMARY KEY (store_id, model, text_hash))""",
                    "CREATE INDEX idx_embedding_cache_used ON embedding_cache (store_id, last_used)")),
            new Migration(2, "rolling log of recent operation timings per store", List.of(
                    """
                    CREATE TABLE operation_log (
                        seq BIGSERIAL PRIMARY KEY,
                        store_id BIGINT NOT NULL,
                        op TEXT NOT NULL,
                        at BIGINT NOT NULL,
                        nanos BIGINT NOT NULL,
                        records INTEGER NOT NULL,
                        detail TEXT)""",
                    "CREATE INDEX idx_operation_log_op ON operation_log (store_id, op, seq)")),
            new Migration(3, "chat framework conversation threads per store", List.of(
                    """
                    CREATE TABLE chat_thread (
                        store_id BIGINT NOT NULL REFERENCES mnemo_store (id),
                        thread_id TEXT NOT NULL,
                        messages TEXT NOT NULL,
                        updated_at BIGINT NOT NULL,
                        PRIMARY KEY (store_id, thread_id))""")));

    private PgSchema() {
    }

    /** The newest schema version this code knows. */
    static int latestVersion() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }

    /**
     * Creates the schema if needed and applies the missing migrations, holding the schema's
     * advisory lock for the whole transaction.
     *
     * @return how many migrations were applied (0 when another instance did it first)
     */
    static int migrate(Connection c, String schema) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            int applied = migrateLocked(c, schema);
            c.commit();
            return applied;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static int migrateLocked(Connection c, String schema) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))")) {
            lock.setInt(1, LOCK_CLASS);
            lock.setString(2, schema);
            lock.execute();
        }
        boolean exists;
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                exists = rs.next();
            }
        }
        try (Statement s = c.createStatement()) {
            if (!exists) {
                // only when missing: a user without CREATE on the database can use a schema made for it
                // (the name is checked by PostgresSettings: lower-case identifier characters only)
                s.execute("CREATE SCHEMA " + schema);
            }
            s.execute("SET LOCAL search_path TO " + schema);
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
                    + " description TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
            int current;
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
                rs.next();
                current = rs.getInt(1);
            }
            if (current > latestVersion()) {
                throw new SQLException("schema " + schema + " is at version " + current + ", newer than this Mnemo ("
                        + latestVersion() + "); upgrade Mnemo");
            }
            int applied = 0;
            for (Migration m : MIGRATIONS) {
                if (m.version() <= current) {
                    continue;
                }
                for (String sql : m.statements()) {
                    s.execute(sql);
                }
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO schema_version (version, description) VALUES (?, ?)")) {
                    insert.setInt(1, m.version());
                    insert.setString(2, m.description());
                    insert.executeUpdate();
                }
                applied++;
            }
            return applied;
        }
    }
}
