package dev.mnemo.core.spi;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * A store's persistent embedding cache: vectors keyed by (model, SHA-256 of the text) with the
 * time each was last used, for least-recently-used eviction. Core decides what to cache and when.
 */
public interface EmbeddingCacheSql {
    /** Cached vectors for the given hashes (hex of the hash -> vector); absent ones are missing. */
    Map<String, float[]> find(Connection c, String model, List<byte[]> hashes) throws SQLException;

    /** Inserts entries, or refreshes their last use. */
    void put(Connection c, String model, List<byte[]> hashes, List<float[]> vectors, long now) throws SQLException;

    /** Records uses (hash -> when), never moving a use back in time; entries evicted meanwhile are skipped. */
    void touch(Connection c, String model, Map<byte[], Long> usedAt) throws SQLException;

    /** Entries in the cache. */
    long count(Connection c) throws SQLException;

    /** Deletes the least recently used entries beyond {@code maxEntries}; returns how many went. */
    int evict(Connection c, long maxEntries) throws SQLException;
}
