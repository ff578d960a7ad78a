package dev.mnemo.api.vector;

/**
 * One nearest-neighbour result.
 *
 * @param id    the id the vector was added with
 * @param score similarity to the query under the index's {@link VectorMetric}; higher is closer
 */
public record Neighbor(long id, float score) {
}
