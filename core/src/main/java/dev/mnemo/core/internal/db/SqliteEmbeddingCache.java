package dev.mnemo.core.internal.db;

import dev.mnemo.core.spi.EmbeddingCacheSql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** {@link EmbeddingCacheTable} as the store-kind SPI sees it. */
final class SqliteEmbeddingCache implements EmbeddingCacheSql {
    @Override
    public Map<String, float[]> find(Connection c, String model, List<byte[]> hashes) throws SQLException {
        return EmbeddingCacheTable.find(c, model, hashes);
    }

    @Override
    public void put(Connection c, String model, List<byte[]> hashes, List<float[]> vectors, long now)
            throws SQLException {
        EmbeddingCacheTable.put(c, model, hashes, vectors, now);
    }

    @Override
    public void touch(Connection c, String model, Map<byte[], Long> usedAt) throws SQLException {
        EmbeddingCacheTable.touch(c, model, usedAt);
    }

    @Override
    public long count(Connection c) throws SQLException {
        return EmbeddingCacheTable.count(c);
    }

    @Override
    public int evict(Connection c, long maxEntries) throws SQLException {
        return EmbeddingCacheTable.evict(c, maxEntries);
    }
}
