package dev.mnemo.backend.faiss;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.api.vector.AbstractVectorIndex;
import dev.mnemo.api.vector.ApproximateResult;
import dev.mnemo.api.vector.DuplicateIdException;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexCheckpoint;
import dev.mnemo.api.vector.IndexFileHeader;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.IndexStats;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorMetric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * other type are rebuilt from their live vectors (for HNSW as costly as building it), under the
 * write lock.
 *
 * <h2>Filters</h2>
 * The approximate search runs through the index with a selector, asking for more candidates the
 * more selective the filter is: HNSW filtering only drops results, its walk ignores the filter.
 * FAISS 1.7.3 cannot bound a walk, so the visit budget is not enforced; {@link #estimatedVisits}
 * tells the planner what the over-fetching walk costs, so that selective filters are scored
 * exactly ({@link #scoreExactly}, one native call over the allowed ids).
 *
 * <h2>Threads</h2>
 * Searches, lookups and {@link #save} hold the read lock and run in parallel; add, remove, purges
 * and the HNSW parameters hold the write lock. Each native call first sets the calling thread's
 * OpenMP thread count to {@code omp-threads}. Native memory is released by {@link #close()}.
 */
final class FaissIndex extends AbstractVectorIndex {
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
    private volatile IndexCheckpoint checkpoint;

    FaissIndex(IndexSpec spec, FaissOptions options, FaissHandle handle, DeadRows dead, IndexCheckpoint checkpoint) {
        super(NAME, spec);
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
        return new FaissIndex(spec, options, handle, new DeadRows(), IndexCheckpoint.NONE);
    }

    @Override
    public void addAll(long[] ids, float[][] vectors) {
        // validate (and normalise) everything before native code sees it: an exception inside an
        // OpenMP region would terminate the process
        float[][] prepared = prepareBatch(ids, vectors);
        for (long id : ids) {
            if (id < 0) {
                throw new InvalidInputException("id " + id + " is negative; FAISS reserves negative ids");
            }
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
    public ApproximateResult searchApproximate(float[] query, int k, IdFilter filter, long visitBudget) {
        float[] q = prepareQuery(query, k);
        return ApproximateResult.complete(searchLive(k, filter, (h, want, live) -> {
            long[] allowed = filter == null ? null : filter.toArray();
            int fetch = allowed == null ? want : overFetch(want, allowed.length, live);
            float[] distances = new float[fetch];
            long[] labels = new long[fetch];
            int found = h.annSearch(q, distances, labels, allowed, dead, options.ompThreads());
            return neighbors(distances, labels, Math.min(found, want));
        }));
    }

    @Override
    public List<Neighbor> scoreExactly(float[] query, int k, IdFilter filter) {
        float[] q = prepareQuery(query, k);
        return searchLive(k, filter, (h, want, live) -> {
            float[] distances = new float[want];
            long[] labels = new long[want];
            int found = h.exactSearch(innerProduct(metric), q, distances, labels,
                    filter == null ? null : filter.toArray(), dead);
            return neighbors(distances, labels, found);
        });
    }

    /** One native search, run under the read lock with {@code min(k, live)} as the most it can find. */
    private interface NativeSearch {
        List<Neighbor> run(FaissHandle handle, int want, long live);
    }

    private List<Neighbor> searchLive(int k, IdFilter filter, NativeSearch search) {
        lock.readLock().lock();
        try {
            FaissHandle h = open();
            long live = h.ntotal() - dead.size();
            if (live == 0 || (filter != null && filter.isEmpty())) {
                return List.of();
            }
            return search.run(h, (int) Math.min(k, live), live);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * HNSW: the over-fetching walk expands about {@code max(efSearch, fetch)} nodes and scores
     * their level-0 neighbours ({@code 2 x M}). Every other index type scans (flat) or is taken
     * as scanning, so a filter is scored exactly whenever it is not larger than the index.
     */
    @Override
    public long estimatedVisits(int k, int allowed) {
        lock.readLock().lock();
        try {
            FaissHandle h = open();
            long live = h.ntotal() - dead.size();
            if (!"hnsw".equals(h.kind()) || live == 0) {
                return live;
            }
            int want = (int) Math.min(k, live);
            long expanded = Math.max(h.efSearch(), overFetch(want, allowed, live));
            return expanded * 2L * options.hnswNeighbours();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Candidates a filtered walk asks for: more, the more selective the filter. */
    private static int overFetch(int want, long allowed, long live) {
        double selectivity = Math.min(1.0, (double) Math.max(1, allowed) / live);
        return (int) Math.min(live, Math.max(want, Math.ceil(FILTER_OVERFETCH * want / selectivity)));
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
    public void save(Path file, IndexCheckpoint newCheckpoint) {
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
    public IndexCheckpoint checkpoint() {
        return checkpoint;
    }

    @Override
    public IndexStats stats() {
        lock.readLock().lock();
        try {
            FaissHandle h = open();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("factory", options.factory());
            out.put("metric", metric.name().toLowerCase(Locale.ROOT));
            out.put("rows", h.ntotal());
            if (h.efSearch() > 0) {
                out.put("ef-search", h.efSearch());
            }
            out.put("omp-threads", options.ompThreads());
            return new IndexStats(h.kind(), Math.toIntExact(h.ntotal() - dead.size()), dead.size(), out);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Frees the native index (waiting for running searches). Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (markClosed()) {
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

    static boolean innerProduct(VectorMetric metric) {
        return metric != VectorMetric.EUCLIDEAN;
    }
}
