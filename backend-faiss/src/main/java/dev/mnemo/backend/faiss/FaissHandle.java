package dev.mnemo.backend.faiss;

import dev.mnemo.api.StoreClosedException;
import dev.mnemo.backend.faiss.FaissNative.IndexPtr;
import java.nio.file.Path;

/**
 * Owns one native {@code faiss::IndexIDMap2} (which owns its sub-index). The pointer never leaves
 * this class; {@link #close()} frees it once and is idempotent; any call after that is a
 * {@link StoreClosedException} instead of a dereference of freed memory. Native failures arrive as
 * {@link FaissException} with FAISS's message.
 *
 * <p>Not thread-safe by itself: {@link FaissIndex} calls the const operations (search, lookups,
 * write) under its read lock and everything else under its write lock.
 */
final class FaissHandle implements AutoCloseable {
    private IndexPtr ptr;

    private FaissHandle(IndexPtr ptr) {
        if (ptr == null || ptr.isNull()) {
            throw new IllegalStateException("FAISS returned no index");
        }
        this.ptr = ptr;
    }

    /** A new empty index from a factory string; FAISS's complaint about the string is the message. */
    static FaissHandle create(int dimension, String factory, boolean innerProduct) {
        try {
            return new FaissHandle(FaissNative.create(dimension, factory, innerProduct));
        } catch (RuntimeException e) {
            throw new FaissException("create an index from factory string '" + factory + "'", e);
        }
    }

    /** Reads a FAISS file (any index type: one without an id map gets ids 0..n-1). */
    static FaissHandle read(Path file) {
        try {
            return new FaissHandle(FaissNative.read(file.toString()));
        } catch (RuntimeException e) {
            throw new FaissException("read index file " + file, e);
        }
    }

    void write(Path file) {
        try {
            FaissNative.write(open(), file.toString());
        } catch (RuntimeException e) {
            throw new FaissException("write index file " + file, e);
        }
    }

    /** A new index holding this one's live rows, built by the factory (the way to delete from HNSW). */
    FaissHandle rebuild(String factory, boolean innerProduct, DeadRows dead, int efSearch, int efConstruction,
                        int threads) {
        try {
            return new FaissHandle(FaissNative.rebuild(open(), factory, innerProduct, dead.backingArray(),
                    dead.size(), efSearch, efConstruction, threads));
        } catch (RuntimeException e) {
            throw new FaissException("rebuild the index without its deleted rows", e);
        }
    }

    long ntotal() {
        return FaissNative.ntotal(open());
    }

    int dimension() {
        return FaissNative.dimension(open());
    }

    boolean isInnerProduct() {
        return FaissNative.isInnerProduct(open());
    }

    boolean isTrained() {
        return FaissNative.isTrained(open());
    }

    /** {@code flat}, {@code hnsw}, {@code ivf} or {@code other}. */
    String kind() {
        return FaissNative.kind(open());
    }

    /** HNSW's efSearch, or -1 for other index types. */
    int efSearch() {
        return FaissNative.efSearch(open());
    }

    void setHnswParameters(int efSearch, int efConstruction) {
        FaissNative.setHnswParameters(open(), efSearch, efConstruction);
    }

    /** The row the id was last added at, or -1. */
    long rowOf(long id) {
        return FaissNative.rowOf(open(), id);
    }

    /** Position in ids of the first id present (on a row not in dead), or -1. */
    int firstPresent(long[] ids, DeadRows dead) {
        if (ids.length == 0) {
            return -1;
        }
        return (int) FaissNative.firstPresent(open(), ids, ids.length, dead.backingArray(), dead.size());
    }

    /** The id of every row, dead ones included, in row order. */
    long[] rowIds() {
        long[] out = new long[Math.toIntExact(ntotal())];
        if (out.length > 0) {
            FaissNative.copyIds(open(), out);
        }
        return out;
    }

    /** Adds validated vectors ({@code n * d} floats, row-major) under new ids; trains first if needed. */
    void add(long[] ids, float[] flat, int threads) {
        try {
            FaissNative.add(open(), ids.length, flat, ids, threads);
        } catch (RuntimeException e) {
            throw new FaissException("add " + ids.length + " vectors", e);
        }
    }

    /** Drops the dead rows from a flat index in place. */
    void purgeInPlace(DeadRows dead) {
        try {
            FaissNative.purgeInPlace(open(), dead.backingArray(), dead.size());
        } catch (RuntimeException e) {
            throw new FaissException("remove " + dead.size() + " deleted rows", e);
        }
    }

    /** Index search; {@code allowed} sorted ascending or null for all ids. Returns how many results. */
    int annSearch(float[] query, float[] distances, long[] labels, long[] allowed, DeadRows dead, int threads) {
        try {
            return (int) FaissNative.annSearch(open(), query, labels.length, distances, labels,
                    allowed, allowed == null ? 0 : allowed.length, dead.backingArray(), dead.size(), threads);
        } catch (RuntimeException e) {
            throw new FaissException("search", e);
        }
    }

    /** Exact scoring of the allowed ids (sorted ascending; null for every live row). Returns how many results. */
    int exactSearch(boolean innerProduct, float[] query, float[] distances, long[] labels, long[] allowed,
                    DeadRows dead) {
        try {
            return (int) FaissNative.exactSearch(open(), innerProduct, query, labels.length, distances, labels,
                    allowed, allowed == null ? 0 : allowed.length, dead.backingArray(), dead.size());
        } catch (RuntimeException e) {
            throw new FaissException("score the allowed vectors exactly", e);
        }
    }

    boolean isClosed() {
        return ptr == null;
    }

    /** Frees the native index; later calls throw {@link StoreClosedException}. Idempotent. */
    @Override
    public void close() {
        IndexPtr p = ptr;
        ptr = null;
        if (p != null) {
            FaissNative.destroy(p);
            p.setNull();
        }
    }

    private IndexPtr open() {
        IndexPtr p = ptr;
        if (p == null) {
            throw new StoreClosedException("FAISS index");
        }
        return p;
    }
}
