package dev.mnemo.core.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Embedding-cache entries of search queries, held until a write transaction takes them along: a
 * search never opens a write transaction of its own just to remember a query vector (it would
 * wait for SQLite's write lock behind any writer). Pending vectors answer repeated queries at once.
 *
 * <p>The entries go to the database with the store's next write, on {@code stats()}, on close,
 * or, when {@value #CAPACITY} are pending, in one transaction after the search that filled the
 * queue has its hits. A crash loses at most those pending entries (they are only a cache).
 * Thread-safe.
 */
final class QueryCacheQueue {
    /** Pending entries at most before the search that adds the last one writes them. */
    static final int CAPACITY = 64;

    private final CachingEmbedder embedder;
    private final Map<String, CachingEmbedder.Embedded> pending = new LinkedHashMap<>();

    QueryCacheQueue(CachingEmbedder embedder) {
        this.embedder = embedder;
    }

    /** The vector of a query embedded by an earlier search and not yet written, or null. */
    synchronized float[] find(String query) {
        CachingEmbedder.Embedded e = pending.get(query);
        return e == null ? null : e.vectors().get(0);
    }

    /** Holds the new cache entry of a single-query embedding (nothing when it came from the cache). */
    synchronized void offer(String query, CachingEmbedder.Embedded embedded) {
        if (!embedded.fresh().isEmpty()) {
            pending.put(query, embedded);
        }
    }

    /** Writes the pending entries on the caller's write transaction (a rollback drops them: only a cache). */
    void drainInto(Connection c) throws SQLException {
        List<CachingEmbedder.Embedded> taken;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            taken = new ArrayList<>(pending.values());
            pending.clear();
        }
        for (CachingEmbedder.Embedded e : taken) {
            embedder.store(c, e);
        }
    }

    /** True when the search that just added an entry should write them all after answering. */
    synchronized boolean full() {
        return pending.size() >= CAPACITY;
    }

    synchronized boolean isEmpty() {
        return pending.isEmpty();
    }
}
