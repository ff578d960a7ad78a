package dev.mnemo.core.index;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.vector.ApproximateResult;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorIndex;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides how a k-nearest search is answered, for every backend (as Lucene's
 * {@code AbstractKnnVectorQuery} sits above every vector format):
 * <ol>
 * <li>A filter allowing few ids is scored exactly: at most {@code filter-exact-count} ids, or
 * no more than {@code filter-exact-factor} times the vectors the backend expects its approximate
 * search to score ({@link VectorIndex#estimatedVisits}).</li>
 * <li>Otherwise the approximate search runs with the filter and a visit budget of
 * {@code filter.size()}: once it has scored as many vectors as exact scoring would, walking on
 * cannot pay off.</li>
 * <li>A search that used up its budget or came back short (fewer than
 * {@code min(k, |allowed ∩ present|)}) is answered by exact scoring instead, so a filter never
 * loses results.</li>
 * </ol>
 *
 * <p>The options are read from the index's {@link IndexSpec#options()} (the
 * {@code mnemo.vector.<backend>.*} keys): {@value #EXACT_COUNT} (default
 * {@value #DEFAULT_EXACT_COUNT}) and {@value #EXACT_FACTOR} (default 1; 0 leaves only the count).
 * The FAISS backend's former {@code exact-min} is accepted as a deprecated alias of the count; its
 * former {@code exact-fraction} is ignored with a warning.
 *
 * <p>Thread-safe; counts how searches were answered ({@link #counts()}).
 */
public final class SearchPlanner {
    public static final String EXACT_COUNT = "filter-exact-count";
    public static final String EXACT_FACTOR = "filter-exact-factor";
    static final int DEFAULT_EXACT_COUNT = 1024;
    static final double DEFAULT_EXACT_FACTOR = 1.0;
    private static final String DEPRECATED_EXACT_COUNT = "exact-min";
    private static final String DROPPED_EXACT_FRACTION = "exact-fraction";

    private final int exactCount;
    private final double exactFactor;
    private final LongAdder approximate = new LongAdder();
    private final LongAdder exactFilters = new LongAdder();
    private final LongAdder exactFallbacks = new LongAdder();

    private SearchPlanner(int exactCount, double exactFactor) {
        if (exactCount < 0) {
            throw new InvalidInputException("option '" + EXACT_COUNT + "' must be at least 0, got " + exactCount);
        }
        if (!(exactFactor >= 0 && exactFactor <= 1_000)) {
            throw new InvalidInputException("option '" + EXACT_FACTOR + "' must be between 0 and 1000, got " + exactFactor);
        }
        this.exactCount = exactCount;
        this.exactFactor = exactFactor;
    }

    /** The planner for indexes created with this spec; a malformed option is an {@link InvalidInputException}. */
    public static SearchPlanner of(IndexSpec spec) {
        String countKey = EXACT_COUNT;
        if (!spec.options().containsKey(EXACT_COUNT) && spec.options().containsKey(DEPRECATED_EXACT_COUNT)) {
            LoggerFactory.getLogger(SearchPlanner.class).warn("vector index option '{}' is deprecated, use '{}'",
                    DEPRECATED_EXACT_COUNT, EXACT_COUNT);
            countKey = DEPRECATED_EXACT_COUNT;
        }
        if (spec.options().containsKey(DROPPED_EXACT_FRACTION)) {
            LoggerFactory.getLogger(SearchPlanner.class).warn("vector index option '{}' is no longer used: filters are"
                    + " scored exactly by '{}' and '{}'", DROPPED_EXACT_FRACTION, EXACT_COUNT, EXACT_FACTOR);
        }
        return new SearchPlanner(spec.intOption(countKey, DEFAULT_EXACT_COUNT),
                spec.doubleOption(EXACT_FACTOR, DEFAULT_EXACT_FACTOR));
    }

    /**
     * The k nearest present vectors, closest first. With a filter, only allowed ids come back, and
     * {@code min(k, |allowed ∩ present|)} of them.
     *
     * @param filter allowed ids, or {@code null} for all
     */
    public List<Neighbor> search(VectorIndex index, float[] query, int k, IdFilter filter) {
        if (k < 1) {
            throw new InvalidInputException("k must be at least 1, got " + k);
        }
        if (filter == null) {
            approximate.increment();
            ApproximateResult result = index.searchApproximate(query, k, null, Long.MAX_VALUE);
            List<Neighbor> found = result.neighbors();
            if (result.complete() && (found.size() >= k || found.size() >= index.size())) {
                return found;
            }
            exactFallbacks.increment();
            return index.scoreExactly(query, k, null);
        }
        if (filter.isEmpty()) {
            return List.of();
        }
        int allowed = filter.size();
        if (allowed <= exactCount || allowed <= exactFactor * index.estimatedVisits(k, allowed)) {
            exactFilters.increment();
            return index.scoreExactly(query, k, filter);
        }
        approximate.increment();
        ApproximateResult result = index.searchApproximate(query, k, filter, allowed);
        if (result.complete() && result.neighbors().size() >= k) {
            return result.neighbors();
        }
        // exhausted, or short: the walk may not reach an allowed region; exact scoring always does
        exactFallbacks.increment();
        return index.scoreExactly(query, k, filter);
    }

    /**
     * How searches were answered: {@code approximate-searches}, {@code exact-filter-searches} and
     * {@code exact-fallbacks} (approximate searches answered exactly after all; a growing share
     * means the walk is too short).
     */
    public Map<String, Long> counts() {
        return Map.of("approximate-searches", approximate.sum(), "exact-filter-searches", exactFilters.sum(),
                "exact-fallbacks", exactFallbacks.sum());
    }
}
