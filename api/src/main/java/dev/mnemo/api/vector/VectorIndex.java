package dev.mnemo.api.vector;

import java.nio.file.Path;
import java.util.List;

/**
 * A nearest-neighbour index over vectors identified by {@code long} ids (Mnemo uses record ids).
 * The index is derived data: the store can always rebuild it from its database.
 *
 * <p>An index offers two ways to search, and no policy for choosing between them: an
 * {@linkplain #searchApproximate approximate search} (a graph walk, or whatever the backend's
 * structure allows) under an id filter and a visit budget, and {@linkplain #scoreExactly exact
 * scoring} of given ids. Which one answers a query, and the fallback from a walk that came back
 * short, is decided above every backend (Mnemo's {@code dev.mnemo.core.index.SearchPlanner}), so
 * that every backend keeps the same promise: a filtered search returns
 * {@code min(k, |allowed ∩ present|)} neighbours.
 *
 * <h2>Thread safety</h2>
 * Implementations are thread-safe: any number of threads may search while one other thread
 * mutates ({@link #add}, {@link #addAll}, {@link #remove}, {@link #save}). Implementations may
 * serialise mutations internally; a search sees each mutation entirely or not at all.
 *
 * <h2>Ownership</h2>
 * The caller that created or loaded the index owns it and must {@link #close()} it; native or
 * off-heap memory is released there. {@code close()} is idempotent; every other method throws
 * {@link dev.mnemo.api.StoreClosedException} after it. Vectors passed in are copied; the caller may
 * reuse its arrays.
 *
 * <h2>Errors</h2>
 * Bad input is an {@link dev.mnemo.api.InvalidInputException} in every backend: a vector of the
 * wrong length is its subclass {@link dev.mnemo.api.DimensionMismatchException}; a NaN or infinite
 * component (or a zero vector under {@link VectorMetric#COSINE}) is
 * {@link dev.mnemo.api.InvalidVectorException}; an id that is already present is
 * {@link DuplicateIdException}; {@code k < 1} or ids and vectors of different counts are
 * {@code InvalidInputException} itself. In each case the index is unchanged. See
 * {@link AbstractVectorIndex} for the checks every backend shares.
 */
public interface VectorIndex extends AutoCloseable {

    /** The provider name this index belongs to, e.g. {@code exact}. */
    String backend();

    /** What the index was created or loaded with: dimension, metric and backend options. */
    IndexSpec spec();

    /** Adds one vector; the same as {@link #addAll} with one id. */
    default void add(long id, float[] vector) {
        addAll(new long[] {id}, new float[][] {vector});
    }

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
     * Up to k present vectors near the query, closest first, found through the backend's
     * approximate structure. The result may hold fewer than k neighbours even when more are
     * allowed and present (a walk can end early); the caller decides what to do about that.
     *
     * @param query       a vector of the index's dimension with finite components
     * @param k           at least 1
     * @param filter      allowed ids, or {@code null} for all
     * @param visitBudget how many vectors the search may score before giving up (exact scoring
     *                    of the filter would cost {@code filter.size()}); {@link Long#MAX_VALUE}
     *                    for no limit. A backend that cannot bound its walk may ignore it.
     * @return the neighbours, and whether the search ended by itself rather than by exhausting
     *         its budget
     */
    ApproximateResult searchApproximate(float[] query, int k, IdFilter filter, long visitBudget);

    /**
     * The k best of the given ids by exact score, closest first; ids that are not present are
     * skipped. Returns {@code min(k, |ids ∩ present|)} neighbours.
     *
     * @param ids the ids to score, or {@code null} for every present vector
     */
    List<Neighbor> scoreExactly(float[] query, int k, IdFilter ids);

    /**
     * About how many vectors {@link #searchApproximate} scores to collect k of {@code allowed}
     * present ids: the planner scores a filter exactly when that costs less. An index whose
     * approximate search is a scan returns {@link #size()}.
     */
    long estimatedVisits(int k, int allowed);

    /**
     * Writes the index atomically (temporary file, fsync, rename): a reader sees the old file
     * or the new one, never a mix. The file records the backend, format version, dimension,
     * metric and the checkpoint (the store it belongs to, and how far it is).
     *
     * @param checkpoint what the caller wants to know about this file when it loads it again;
     *                   returned by {@link #checkpoint()} after loading the file
     */
    void save(Path file, IndexCheckpoint checkpoint);

    /** The checkpoint of the last {@link #save} or of the loaded file; {@link IndexCheckpoint#NONE} when never saved. */
    IndexCheckpoint checkpoint();

    /** What the index holds and how it is set up, for statistics. */
    IndexStats stats();

    /** Releases the index. Idempotent. */
    @Override
    void close();
}
