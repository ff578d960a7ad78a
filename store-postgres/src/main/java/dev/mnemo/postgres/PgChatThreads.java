package dev.mnemo.postgres;

import dev.mnemo.core.spi.ChatThreadSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A store's chat threads in the shared {@code chat_thread} table, keyed by store. */
final class PgChatThreads implements ChatThreadSql {
    private final long storeId;

    PgChatThreads(long storeId) {
        this.storeId = storeId;
    }

    @Override
    public Optional<String> find(Connection c, String threadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT messages FROM chat_thread WHERE store_id = ? AND thread_id = ?")) {
            ps.setLong(1, storeId);
            ps.setString(2, threadId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    @Override
    public void put(Connection c, String threadId, String messages, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO chat_thread (store_id, thread_id, messages, updated_at)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (store_id, thread_id)"
                + " DO UPDATE SET messages = excluded.messages, updated_at = excluded.updated_at")) {
            ps.setLong(1, storeId);
            ps.setString(2, threadId);
            ps.setString(3, messages);
            ps.setLong(4, now.toEpochMilli());
            ps.executeUpdate();
        }
    }

    @Override
    public boolean delete(Connection c, String threadId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM chat_thread WHERE store_id = ? AND thread_id = ?")) {
            ps.setLong(1, storeId);
            ps.setString(2, threadId);
            return ps.executeUpdate() == 1;
        }
    }

    @Override
    public List<String> ids(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT thread_id FROM chat_thread WHERE store_id = ? ORDER BY thread_id COLLATE \"C\"")) {
            ps.setLong(1, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }
}
