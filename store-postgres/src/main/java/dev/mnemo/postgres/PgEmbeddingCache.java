package dev.mnemo.postgres;

import dev.mnemo.core.spi.EmbeddingCacheSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** A store's embedding cache in the shared {@code embedding_cache} table (entries and bound per store, as on SQLite). */
final class PgEmbeddingCache implements EmbeddingCacheSql {
    private final long storeId;

    PgEmbeddingCache(long storeId) {
        this.storeId = storeId;
    }

    @Override
    public Map<String, float[]> find(Connection c, String model, List<byte[]> hashes) throws SQLException {
        Map<String, float[]> out = new HashMap<>();
        if (hashes.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT text_hash, vector FROM embedding_cache"
                + " WHERE store_id = ? AND model = ? AND text_hash = ANY (?)")) {
            ps.setLong(1, storeId);
            ps.setString(2, model);
            ps.setArray(3, c.createArrayOf("bytea", hashes.toArray(new byte[0][])));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(HexFormat.of().formatHex(rs.getBytes(1)), PgCodec.decode(rs.getBytes(2)));
                }
            }
        }
        return out;
    }

    @Override
    public void put(Connection c, String model, List<byte[]> hashes, List<float[]> vectors, long now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO embedding_cache"
                + " (store_id, model, text_hash, vector, last_used) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (store_id, model, text_hash) DO UPDATE SET last_used = excluded.last_used")) {
            for (int i = 0; i < hashes.size(); i++) {
                ps.setLong(1, storeId);
                ps.setString(2, model);
                ps.setBytes(3, hashes.get(i));
                ps.setBytes(4, PgCodec.encode(vectors.get(i)));
                ps.setLong(5, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public void touch(Connection c, String model, Map<byte[], Long> usedAt) throws SQLException {
        if (usedAt.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE embedding_cache SET last_used = ?"
                + " WHERE store_id = ? AND model = ? AND text_hash = ? AND last_used < ?")) {
            for (Map.Entry<byte[], Long> e : usedAt.entrySet()) {
                ps.setLong(1, e.getValue());
                ps.setLong(2, storeId);
                ps.setString(3, model);
                ps.setBytes(4, e.getKey());
                ps.setLong(5, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public long count(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM embedding_cache WHERE store_id = ?")) {
            ps.setLong(1, storeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public int evict(Connection c, long maxEntries) throws SQLException {
        long excess = count(c) - maxEntries;
        if (excess <= 0) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM embedding_cache WHERE store_id = ? AND"
                + " (model, text_hash) IN (SELECT model, text_hash FROM embedding_cache WHERE store_id = ?"
                + " ORDER BY last_used LIMIT ?)")) {
            ps.setLong(1, storeId);
            ps.setLong(2, storeId);
            ps.setLong(3, excess);
            return ps.executeUpdate();
        }
    }
}
