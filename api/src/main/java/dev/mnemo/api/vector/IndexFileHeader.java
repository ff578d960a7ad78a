package dev.mnemo.api.vector;

/**
 * What every persisted index file says about itself, checked on load so that a file of another
 * backend, format version, dimension or metric is reported instead of misread, and a file of
 * another store is recognised by its checkpoint.
 *
 * @param backend       provider name, e.g. {@code jvector}
 * @param formatVersion the backend's own payload format version
 * @param dimension     vector dimension
 * @param metric        vector metric
 * @param checkpoint    the caller's checkpoint (see {@link VectorIndex#save})
 * @param count         number of vectors in the payload
 */
public record IndexFileHeader(String backend, int formatVersion, int dimension, VectorMetric metric,
                              IndexCheckpoint checkpoint, long count) {
}
