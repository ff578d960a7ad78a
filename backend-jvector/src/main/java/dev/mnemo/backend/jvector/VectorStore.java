package dev.mnemo.backend.jvector;

import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import java.util.Arrays;

/**
 * The vectors of one index by JVector ordinal: what the graph builder and searcher score against.
 *
 * <p>Only the index's single writer appends or clears (under its mutation lock); any number of
 * threads read. A vector is stored before its ordinal is inserted into the graph, and the graph's
 * concurrent neighbour maps publish the insertion, so a reader that reaches an ordinal through the
 * graph also sees its vector. The array reference is volatile so a grown array is seen whole.
 */
final class VectorStore implements RandomAccessVectorValues {
    private final int dimension;
    private volatile VectorFloat<?>[] vectors = new VectorFloat<?>[16];
    private volatile int size;

    VectorStore(int dimension) {
        this.dimension = dimension;
    }

    /** Stores a vector under the next ordinal and returns that ordinal. Writer only. */
    int append(VectorFloat<?> vector) {
        int ordinal = size;
        VectorFloat<?>[] current = vectors;
        if (ordinal == current.length) {
            current = Arrays.copyOf(current, Math.max(16, ordinal + (ordinal >> 1)));
        }
        current[ordinal] = vector;
        vectors = current;
        size = ordinal + 1;
        return ordinal;
    }

    /** Forgets the vector of a purged ordinal. Writer only, while no search can reach it. */
    void clear(int ordinal) {
        vectors[ordinal] = null;
    }

    /** One past the highest ordinal ever stored. */
    @Override
    public int size() {
        return size;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** The vector of an ordinal, or {@code null} once purged. */
    @Override
    public VectorFloat<?> getVector(int ordinal) {
        return vectors[ordinal];
    }

    /** Stored vectors are never mutated in place, so one instance can serve every thread. */
    @Override
    public boolean isValueShared() {
        return false;
    }

    @Override
    public RandomAccessVectorValues copy() {
        return this;
    }
}
