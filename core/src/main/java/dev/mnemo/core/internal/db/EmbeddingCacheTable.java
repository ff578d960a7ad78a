package dev.mnemo.core.internal.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * SQL for {@code embedding_cache}: vectors keyed by (model, SHA-256 of the text), with the time
 * each was last used for least-recently-used eviction.
 */
public final class EmbeddingCacheTable {
    private EmbeddingCacheTable() {
    }

    /** Cached vectors for the given hashes (hex of the hash -> vector); absent ones are missing. */
    public static Map<String, float[]> find(Connection c, String model, List<byte[]> hashes) throws SQLException {
        Map<String, float[]> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT vector FROM embedding_cache WHERE model = ? AND text_hash = ?")) {
            for (byte[] hash : hashes) {
                ps.setString(1, model);
                ps.setBytes(2, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.put(HexFormat.of().formatHex(hash), VectorCodec.decode(rs.getBytes(1)));
                    }
                }
            }
        }
        return out;
    }

    /** Inserts or refreshes entries. */
    public static void put(Connection c, String model, List<byte[]> hashes, List<float[]> vectors, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO embedding_cache (model, text_hash, vector, last_used)"
                + " VALUES (?, ?, ?, ?) ON CONFLICT (model, text_hash) DO UPDATE SET last_used = excluded.last_used")) {
            for (int i = 0; i < hashes.size(); i++) {
                ps.setString(1, model);
                ps.setBytes(2, hashes.get(i));
                ps.setBytes(3, VectorCodec.encode(vectors.get(i)));
                ps.setLong(4, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Records uses of entries (hash -> when used), for least-recently-used eviction. Never moves
     * a use back in time; entries evicted meanwhile are skipped.
     */
    public static void touch(Connection c, String model, Map<byte[], Long> usedAt) throws SQLException {
        if (usedAt.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE embedding_cache SET last_used = ?"
                + " WHERE model = ? AND text_hash = ? AND last_used < ?")) {
            for (Map.Entry<byte[], Long> e : usedAt.entrySet()) {
                ps.setLong(1, e.getValue());
                ps.setString(2, model);
                ps.setBytes(3, e.getKey());
                ps.setLong(4, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Entries in the cache. */
    public static long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM embedding_cache");
             ResultSet rs = ps.executeQuery()) {
            return rs.getLong(1);
        }
    }

    /** Deletes the least recently used entries beyond {@code maxEntries}; returns how many went. */
    public static int evict(Connection c, long maxEntries) throws SQLException {
        long excess = count(c) - maxEntries;
        if (excess <= 0) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM embedding_cache WHERE (model, text_hash) IN"
                + " (SELECT model, text_hash FROM embedding_cache ORDER BY last_used LIMIT ?)")) {
            ps.setLong(1, excess);
            return ps.executeUpdate();
        }
    }
}
