package dev.mnemo.core.internal.db;

import dev.mnemo.core.spi.ChatThreadSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code chat_thread}: the running message list of a chat framework's conversation (a
 * LangChain4j memory id, a Spring AI conversation id), one row per thread, kept in the store's
 * own database so it is backed up and restored with the memories. The messages are opaque text
 * in the framework's own serialised form; a thread is replaced as a whole, as both frameworks
 * update it.
 */
final class ChatThreadTable implements ChatThreadSql {
    /** SQL of schema migration 7 (see {@link Schema}). */
    static final List<String> CREATE = List.of(
            """
            CREATE TABLE chat_thread (
                thread_id TEXT PRIMARY KEY,
                messages TEXT NOT NULL,
                updated_at INTEGER NOT NULL) WITHOUT ROWID""");

    @Override
    public Optional<String> find(Connection c, String threadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT messages FROM chat_thread WHERE thread_id = ?")) {
            ps.setString(1, threadId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public void put(Connection c, String threadId, String messages, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO chat_thread (thread_id, messages, updated_at) VALUES (?, ?, ?) "
                        + "ON CONFLICT (thread_id) DO UPDATE SET messages = excluded.messages, "
                        + "updated_at = excluded.updated_at")) {
            ps.setString(1, threadId);
            ps.setString(2, messages);
            ps.setLong(3, now.toEpochMilli());
            ps.executeUpdate();
        }
    }

    @Override
    public boolean delete(Connection c, String threadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM chat_thread WHERE thread_id = ?")) {
            ps.setString(1, threadId);
            return ps.executeUpdate() == 1;
        }
    }

    @Override
    public List<String> ids(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT thread_id FROM chat_thread ORDER BY thread_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }
}
