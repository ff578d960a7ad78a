package dev.mnemo.testkit;

import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorMetric;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;

/**
 * Ground truth for the contract suite, computed in the test itself (never by the backend under
 * test): scores every vector in double precision with the metric's documented score.
 */
public final class BruteForce {
    private BruteForce() {
    }

    /** The ids of the k best-scoring allowed vectors, best first. */
    public static long[] topK(long[] ids, float[][] vectors, float[] query, int k, VectorMetric metric,
                              LongPredicate allowed) {
        double[] scores = new double[ids.length];
        for (int i = 0; i < ids.length; i++) {
            scores[i] = score(metric, query, vectors[i]);
        }
        return IntStream.range(0, ids.length)
                .filter(i -> allowed.test(ids[i]))
                .boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]))
                .limit(k)
                .mapToLong(i -> ids[i])
                .toArray();
    }

    /** The score {@link Neighbor#score()} documents for this metric. */
    public static double score(VectorMetric metric, float[] a, float[] b) {
        double dot = 0;
        double aa = 0;
        double bb = 0;
        double sq = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
            double d = (double) a[i] - b[i];
            sq += d * d;
        }
        return switch (metric) {
            case COSINE -> dot / Math.sqrt(aa * bb);
            case DOT_PRODUCT -> dot;
            case EUCLIDEAN -> 1 / (1 + sq);
        };
    }

    /** Fraction of {@code truth} found in {@code found} (recall@|truth|); 1 when truth is empty. */
    public static double recall(long[] truth, long[] found) {
        if (truth.length == 0) {
            return 1;
        }
        long[] sorted = found.clone();
        Arrays.sort(sorted);
        long hits = Arrays.stream(truth).filter(id -> Arrays.binarySearch(sorted, id) >= 0).count();
        return (double) hits / truth.length;
    }
}
