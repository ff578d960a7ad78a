package dev.mnemo.api.vector;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A nearest-neighbour index over vectors identified by {@code long} ids (Mnemo uses record ids).
 * The index is derived data: the store can always rebuild it from its database.
 *
 * <h2>Thread safety</h2>
 * Implementations are thread-safe: any number of threads may {@link #search} while one other
 * thread mutates ({@link #add}, {@link #addAll}, {@link #remove}, {@link #save}). Implementations
 * may serialise mutations internally; a search sees each mutation entirely or not at all.
 *
 * <h2>Ownership</h2>
 * The caller that created or loaded the index owns it and must {@link #close()} it; native or
 * off-heap memory is released there. {@code close()} is idempotent; every other method throws
 * {@link dev.mnemo.api.StoreClosedException} after it. Vectors passed in are copied; the caller may
 * reuse its arrays.
 *
 * <h2>Errors</h2>
 * A vector of the wrong length throws {@link dev.mnemo.api.DimensionMismatchException}; a NaN or
 * infinite component (or a zero vector under {@link VectorMetric#COSINE}) throws
 * {@link dev.mnemo.api.InvalidVectorException}; an id that is already present throws
 * {@link DuplicateIdException}. In each case the index is unchanged.
 */
public interface VectorIndex extends AutoCloseable {

    /** The provider name this index belongs to, e.g. {@code exact}. */
    String backend();

    int dimension();

    VectorMetric metric();

    /** Adds one vector. */
    void add(long id, float[] vector);

    /**
     * Adds many vectors; all are validated first, so a bad one leaves the index unchanged.
     *
     * @param ids     distinct ids, none present yet
     * @param vectors {@code vectors[i]} belongs to {@code ids[i]}
     */
    void addAll(long[] ids, float[][] vectors);

    /**
     * Removes a vector. Removed ids are never returned by a later search, also after save and load.
     *
     * @return false when the id was not present (the index is unchanged)
     */
    boolean remove(long id);

    /** True when the id is present (added and not removed). */
    boolean contains(long id);

    /** All present ids, in no particular order (a new array). Used to reconcile with the database. */
    long[] ids();

    /** Number of present vectors. */
    int size();

    /**
     * The k nearest present vectors, closest first.
     *
     * <p>With a filter, only allowed ids come back, and {@code min(k, |allowed ∩ present|)} of them:
     * a selective filter must not lose results (implementations typically score the allowed ids
     * exactly when there are few of them, and filter inside the graph walk otherwise).
     *
     * @param query  a vector of {@link #dimension()} finite components
     * @param k      at least 1
     * @param filter allowed ids, or {@code null} for all
     * @return at most k neighbours; empty for an empty index or filter
     */
    List<Neighbor> search(float[] query, int k, IdFilter filter);

    /**
     * Writes the index atomically (temporary file, fsync, rename): a reader sees the old file
     * or the new one, never a mix. The file records the backend, format version, dimension,
     * metric and the checkpoint.
     *
     * @param checkpoint an opaque number from the caller describing what the index contains
     *                   (Mnemo stores a database change counter); returned by {@link #checkpoint()}
     *                   after loading the file
     */
    void save(Path file, long checkpoint);

    /** The checkpoint of the last {@link #save} or of the loaded file; -1 when never saved. */
    long checkpoint();

    /**
     * Repairs what a run of changes may have left less than searchable (for graph backends:
     * nodes that lost every incoming edge). The store calls it when opening the index has applied
     * changes beyond its saved file (a replay or a rebuild). Serialised with the mutations; the
     * default does nothing.
     */
    default void repair() {
    }

    /** Backend parameters and counters for statistics (e.g. max degree, tombstones). */
    Map<String, Object> describe();

    /** Releases the index. Idempotent. */
    @Override
    void close();
}
