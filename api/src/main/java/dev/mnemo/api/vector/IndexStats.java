package dev.mnemo.api.vector;

import java.util.Map;

/**
 * What an index reports about itself for statistics and monitoring.
 *
 * @param type       the index structure, e.g. {@code flat}, {@code hnsw}, {@code jvector-graph}
 * @param size       present vectors
 * @param tombstones removed vectors still stored (excluded from searches until purged)
 * @param parameters backend parameters and counters, for display only (e.g. {@code max-degree});
 *                   nothing may depend on their keys
 */
public record IndexStats(String type, int size, long tombstones, Map<String, Object> parameters) {
    public IndexStats {
        parameters = Map.copyOf(parameters);
    }
}
