package dev.mnemo.backend.faiss;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.api.vector.DuplicateIdException;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexFileHeader;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorMetric;
import dev.mnemo.api.vector.Vectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link VectorIndex} over a native FAISS {@code IndexIDMap2}: record ids are FAISS ids.
 *
 * <h2>Metrics</h2>
 * COSINE normalises vectors and queries and uses inner product; DOT_PRODUCT uses raw inner
 * product; EUCLIDEAN uses squared L2 and reports {@code 1 / (1 + d²)}.
 *
 * <h2>Deletes</h2>
 * {@link #remove} marks the id's row dead (a tombstone) and every search excludes dead rows
 * through its selector, so a removed id is never returned. Dead rows are saved with the index.
 * Once they exceed a fraction of the rows ({@code purge-fraction}) they are purged: a flat index
 * drops them in place with {@code remove_ids}; HNSW (which has no {@code remove_ids}) and every
 * other type are rebuilt from their live vectors, which for HNSW takes about as long as building
 * it did, under the write lock.
 *
 * <h2>Filters</h2>
 * A filter allowing few ids (at most {@code exact-min}, or {@code exact-fraction} of the present
 * vectors) is scored exactly: HNSW filtering only drops results, its walk ignores the filter, so
 * recall collapses for selective filters. Larger filters run through the index with a selector,
 * asking for more candidates the more selective the filter is; when that still yields fewer than
 * {@code min(k, present)} results, the allowed ids are scored exactly.
 *
 * <h2>Threads</h2>
 * Searches, lookups and {@link #save} hold the read lock and run in parallel; add, remove, purges
 * and the HNSW parameters hold the write lock. Each native call first sets the calling thread's
 * OpenMP thread count to {@code omp-threads}. Native memory is released by {@link #close()}.
 */
final class FaissIndex implements VectorIndex {
    static final String NAME = "faiss";
    /** Payload format, see {@link FaissIndexFiles}. */
    static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(FaissIndex.class);
    /** Rows per native add call, so the flattened batch stays far below the array size limit. */
    private static final int ADD_CHUNK_FLOATS = 1 << 24;
    /** How many more candidates than wanted a filtered index search asks for, per 1/selectivity. */
    private static final int FILTER_OVERFETCH = 2;

    private final int dimension;
    private final VectorMetric metric;
    private final FaissOptions options;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private FaissHandle handle;
    private DeadRows dead;
    private volatile long checkpoint;

    FaissIndex(IndexSpec spec, FaissOptions options, FaissHandle handle, DeadRows dead, long checkpoint) {
        this.dimension = spec.dimension();
        this.metric = spec.metric();
        this.options = options;
        this.handle = handle;
        this.dead = dead;
        this.checkpoint = checkpoint;
        handle.setHnswParameters(options.efSearch(), options.efConstruction());
    }

    static FaissIndex create(IndexSpec spec) {
        FaissOptions options = FaissOptions.from(spec);
        FaissHandle handle;
        try {
            handle = FaissHandle.create(spec.dimension(), options.factory(), innerProduct(spec.metric()));
        } catch (FaissException e) {
            throw new InvalidInputException("option 'factory': " + e.getMessage());
        }
        return new FaissIndex(spec, options, handle, new DeadRows(), -1);
    }

    @Override
    public String backend() {
        return NAME;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public VectorMetric metric() {
        return metric;
    }

    @Override
    public void add(long id, float[] vector) {
        addAll(new long[] {id}, new float[][] {vector});
    }

    @Override
    public void addAll(long[] ids, float[][] vectors) {
        if (ids == null || vectors == null || ids.length != vectors.length) {
            throw new InvalidInputException("addAll needs as many ids as vectors");
        }
        Set<Long> batch = new HashSet<>();
        for (long id : ids) {
            if (id < 0) {
                throw new InvalidInputException("id " + id + " is negative; FAISS reserves negative ids");
            }
            if (!batch.add(id)) {
                throw new DuplicateIdException(id);
            }
        }
        // validate (and normalise) everything before native code sees it: an exception inside an
        // OpenMP region would terminate the process
        float[][] prepared = new float[vectors.length][];
        for (int i = 0; i < vectors.length; i++) {
            prepared[i] = prepare(vectors[i], "vector for id " + ids[i]);
        }
        lock.writeLock().lock();
        try {
            FaissHandle h = open();
            int present = h.firstPresent(ids, dead);
            if (present >= 0) {
                throw new DuplicateIdException(ids[present]);
            }
            int chunk = Math.max(1, ADD_CHUNK_FLOATS / dimension);
            for (int start = 0; start < ids.length; start += chunk) {
                int end = Math.min(ids.length, start + chunk);
                float[] flat = new float[(end - start) * dimension];
                for (int i = start; i < end; i++) {
                    System.arraycopy(prepared[i], 0, flat, (i - start) * dimension, dimension);
                }
                h.add(Arrays.copyOfRange(ids, start, end), flat, options.ompThreads());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean remove(long id) {
        lock.writeLock().lock();
        try {
            FaissHandle h = open();
            long row = h.rowOf(id);
            if (row < 0 || !dead.add(row)) {
                return false;
            }
            purgeIfWorthIt(h);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Called under the write lock. A failed purge keeps the tombstones, which stay correct. */
    private void purgeIfWorthIt(FaissHandle h) {
        long ntotal = h.ntotal();
        String kind = h.kind();
        if (dead.size() <= options.purgeFractionFor(kind) * ntotal) {
            return;
        }
        try {
            if ("flat".equals(kind)) {
                h.purgeInPlace(dead);
            } else {
                LOG.debug("rebuilding FAISS {} index of {} rows without its {} deleted rows", kind, ntotal, dead.size());
                FaissHandle rebuilt = h.rebuild(options.factory(), innerProduct(metric), dead, options.efSearch(),
                        options.efConstruction(), options.ompThreads());
                handle = rebuilt;
                h.close();
            }
            dead.clear();
        } catch (FaissException e) {
            LOG.warn("deleted rows stay as tombstones: {}", e.getMessage());
        }
    }

    @Override
    public boolean contains(long id) {
        lock.readLock().lock();
        try {
            long row = open().rowOf(id);
            return row >= 0 && !dead.contains(row);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long[] ids() {
        lock.readLock().lock();
        try {
            long[] rowIds = open().rowIds();
            long[] out = new long[rowIds.length - dead.size()];
            int n = 0;
            for (int row = 0; row < rowIds.length; row++) {
                if (!dead.contains(row)) {
                    out[n++] = rowIds[row];
                }
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return Math.toIntExact(open().ntotal() - dead.size());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Neighbor> search(float[] query, int k, IdFilter filter) {
        if (k < 1) {
            throw new InvalidInputException("k must be at least 1, got " + k);
        }
        float[] q = prepare(query, "query");
        lock.readLock().lock();
        try {
            FaissHandle h = open();
            long live = h.ntotal() - dead.size();
            if (live == 0 || (filter != null && filter.isEmpty())) {
                return List.of();
            }
            int want = (int) Math.min(k, live);
            long[] allowed = filter == null ? null : filter.toArray();
            if (allowed != null && allowed.length <= Math.max(options.exactMin(), options.exactFraction() * live)) {
                return exact(h, q, want, allowed);
            }
            int fetch = want;
            if (allowed != null) {
                double selectivity = Math.min(1.0, (double) allowed.length / live);
                fetch = (int) Math.min(live, Math.max(want, Math.ceil(FILTER_OVERFETCH * want / selectivity)));
            }
            float[] distances = new float[fetch];
            long[] labels = new long[fetch];
            int found = h.annSearch(q, distances, labels, allowed, dead, options.ompThreads());
            if (found < want) {
                return exact(h, q, want, allowed);
            }
            return neighbors(distances, labels, want);
        } finally {
            lock.readLock().unlock();
        }
    }

    private List<Neighbor> exact(FaissHandle h, float[] q, int want, long[] allowed) {
        float[] distances = new float[want];
        long[] labels = new long[want];
        int found = h.exactSearch(innerProduct(metric), q, distances, labels, allowed, dead);
        return neighbors(distances, labels, found);
    }

    private List<Neighbor> neighbors(float[] distances, long[] labels, int count) {
        List<Neighbor> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float score = metric == VectorMetric.EUCLIDEAN ? 1f / (1f + Math.max(0f, distances[i])) : distances[i];
            out.add(new Neighbor(labels[i], score));
        }
        return out;
    }

    /** Holds the read lock: excludes add and remove, runs alongside searches (FAISS's writer is const). */
    @Override
    public void save(Path file, long newCheckpoint) {
        lock.readLock().lock();
        try {
            FaissHandle h = open();
            var header = new IndexFileHeader(NAME, FORMAT_VERSION, dimension, metric, newCheckpoint,
                    h.ntotal() - dead.size());
            FaissIndexFiles.write(file, header, options.factory(), dead.toArray(), h);
            checkpoint = newCheckpoint;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long checkpoint() {
        return checkpoint;
    }

    @Override
    public Map<String, Object> describe() {
        lock.readLock().lock();
        try {
            FaissHandle h = open();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("type", h.kind());
            out.put("factory", options.factory());
            out.put("metric", metric.name().toLowerCase(Locale.ROOT));
            out.put("rows", h.ntotal());
            out.put("tombstones", dead.size());
            if (h.efSearch() > 0) {
                out.put("ef-search", h.efSearch());
            }
            out.put("omp-threads", options.ompThreads());
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Frees the native index (waiting for running searches). Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (handle != null) {
                handle.close();
                handle = null;
                dead = new DeadRows();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private FaissHandle open() {
        FaissHandle h = handle;
        if (h == null) {
            throw new StoreClosedException("FAISS index");
        }
        return h;
    }

    private float[] prepare(float[] vector, String what) {
        return Vectors.prepare(vector, dimension, metric, what);
    }

    static boolean innerProduct(VectorMetric metric) {
        return metric != VectorMetric.EUCLIDEAN;
    }
}
