package dev.mnemo.benchmarks;

import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.core.index.SearchPlanner;
import java.util.Arrays;
import java.util.List;

/** Recall@k: the share of the true k nearest neighbours that a search returned. */
public final class Recall {
    private Recall() {
    }

    /**
     * Recall of one query.
     *
     * @param found the ids returned (any order; only the first {@code k} count)
     * @param truth the true nearest ids, best first (only the first {@code k} count)
     * @param k     the cut-off
     * @return hits / min(k, |truth|), or 1 when the truth is empty
     */
    public static double of(long[] found, long[] truth, int k) {
        int expected = Math.min(k, truth.length);
        if (expected == 0) {
            return 1.0;
        }
        long[] wanted = Arrays.copyOf(truth, expected);
        Arrays.sort(wanted);
        int hits = 0;
        long[] seen = new long[Math.min(k, found.length)];
        int seenCount = 0;
        for (int i = 0; i < Math.min(k, found.length); i++) {
            long id = found[i];
            boolean duplicate = false;
            for (int j = 0; j < seenCount; j++) {
                if (seen[j] == id) {
                    duplicate = true;
                    break;
                }
            }
            if (duplicate) {
                continue; // a backend returning an id twice must not score it twice
            }
            seen[seenCount++] = id;
            if (Arrays.binarySearch(wanted, id) >= 0) {
                hits++;
            }
        }
        return (double) hits / expected;
    }

    /** Mean recall over queries: {@code found[q]} against {@code truth[q]}. */
    public static double mean(long[][] found, long[][] truth, int k) {
        if (found.length != truth.length) {
            throw new IllegalArgumentException(found.length + " results but " + truth.length + " truths");
        }
        if (found.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (int q = 0; q < found.length; q++) {
            sum += of(found[q], truth[q], k);
        }
        return sum / found.length;
    }

    /** The top-k ids the index returns for each query (with an optional filter), in query order. */
    public static long[][] search(VectorIndex index, float[][] queries, IdFilter filter) {
        SearchPlanner planner = SearchPlanner.of(index.spec());
        long[][] found = new long[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            found[q] = ids(planner.search(index, queries[q], BenchEnv.K, filter));
        }
        return found;
    }

    /** The ids of a search result, in order. */
    public static long[] ids(List<Neighbor> neighbors) {
        long[] out = new long[neighbors.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = neighbors.get(i).id();
        }
        return out;
    }
}
