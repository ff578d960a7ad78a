package dev.mnemo.api.vector;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.StoreClosedException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * What every backend repeats: its name and spec, the validation of its arguments (so that bad
 * input is the same exception in every backend), and the closed flag. Subclasses call
 * {@link #ensureOpen()} under their own locks and {@link #markClosed()} once from
 * {@link #close()}.
 */
public abstract class AbstractVectorIndex implements VectorIndex {
    private final String backend;
    private final IndexSpec spec;
    private volatile boolean closed;

    protected AbstractVectorIndex(String backend, IndexSpec spec) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public final String backend() {
        return backend;
    }

    @Override
    public final IndexSpec spec() {
        return spec;
    }

    protected final int dimension() {
        return spec.dimension();
    }

    protected final VectorMetric metric() {
        return spec.metric();
    }

    /**
     * Checks a vector and returns the copy the index stores or queries with (unit length under
     * {@link VectorMetric#COSINE}); see {@link Vectors#prepare}.
     */
    protected final float[] prepare(float[] vector, String what) {
        return Vectors.prepare(vector, spec.dimension(), spec.metric(), what);
    }

    /** Checks a query and k; returns the prepared query. */
    protected final float[] prepareQuery(float[] query, int k) {
        if (k < 1) {
            throw new InvalidInputException("k must be at least 1, got " + k);
        }
        return prepare(query, "query");
    }

    /**
     * Checks a batch for {@link #addAll}: as many ids as vectors, no id twice, every vector valid.
     * Returns the prepared vectors. Whether an id is already present is the subclass's check,
     * under its lock.
     */
    protected final float[][] prepareBatch(long[] ids, float[][] vectors) {
        if (ids == null || vectors == null || ids.length != vectors.length) {
            throw new InvalidInputException("addAll needs as many ids as vectors, got "
                    + (ids == null ? "no" : ids.length) + " ids and " + (vectors == null ? "no" : vectors.length) + " vectors");
        }
        Set<Long> batch = new HashSet<>(ids.length * 2);
        for (long id : ids) {
            if (!batch.add(id)) {
                throw new DuplicateIdException(id);
            }
        }
        float[][] prepared = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            prepared[i] = prepare(vectors[i], "vector for id " + ids[i]);
        }
        return prepared;
    }

    /** Throws {@link StoreClosedException} once {@link #markClosed()} was called. */
    protected final void ensureOpen() {
        if (closed) {
            throw new StoreClosedException(backend + " index");
        }
    }

    protected final boolean isClosed() {
        return closed;
    }

    /** Marks the index closed; true the first time (the caller then releases its resources). */
    protected final boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }
}
