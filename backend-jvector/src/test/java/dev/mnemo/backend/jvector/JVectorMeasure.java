package dev.mnemo.backend.jvector;

import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexCheckpoint;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorIndexProvider;
import dev.mnemo.api.vector.VectorMetric;
import dev.mnemo.core.index.ExactIndexProvider;
import dev.mnemo.core.index.SearchPlanner;
import dev.mnemo.testkit.BruteForce;
import dev.mnemo.testkit.ClusteredVectors;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A quick side-by-side of jvector and exact on the contract suite's 20,000 x 384 clustered data:
 * build time, recall@10 against brute force and mean single-query latency, unfiltered and with
 * filters. A printout for the report, not a benchmark (the JMH module owns those).
 *
 * <p>Arguments: {@code [count] [queries] [key=value jvector options ...]}.
 */
public final class JVectorMeasure {
    private JVectorMeasure() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int queryCount = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        IndexSpec spec = IndexSpec.of(384, VectorMetric.COSINE);
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            spec = spec.withOption(kv[0], kv[1]);
        }
        ClusteredVectors gen = ClusteredVectors.forCount(20_261_129L, 384, count);
        float[][] data = gen.data(count);
        long[] ids = ClusteredVectors.sequentialIds(1, count);
        float[][] queries = gen.queriesNear(data, queryCount, 20_261_130L);
        out.printf("JDK %s, %d x 384 clustered, %d queries, k=10, options %s%n",
                Runtime.version(), count, queryCount, spec.options());
        for (VectorIndexProvider provider : new VectorIndexProvider[] {new ExactIndexProvider(), new JVectorIndexProvider()}) {
            try (VectorIndex index = provider.create(provider.name().equals("exact") ? IndexSpec.of(384, VectorMetric.COSINE) : spec)) {
                long t0 = System.nanoTime();
                index.addAll(ids, data);
                out.printf("%-7s build %.1f s  %s%n", provider.name(), (System.nanoTime() - t0) / 1e9, provider.availability().reason());
                for (double fraction : new double[] {1.0, 0.1, 0.01, 0.001}) {
                    IdFilter filter = fraction >= 1 ? null : randomFilter(ids, fraction);
                    measure(out, provider.name(), index, ids, data, queries, filter, fraction);
                }
                out.println("  " + index.stats());
                measureSaveLoad(out, provider, index, spec.dimension() == 384 && !provider.name().equals("exact") ? spec
                        : IndexSpec.of(384, VectorMetric.COSINE), queries);
            }
        }
    }

    private static void measure(PrintStream out, String name, VectorIndex index, long[] ids, float[][] data,
                                float[][] queries, IdFilter filter, double fraction) {
        // warm up the JIT on the same path before timing
        for (int rep = 0; rep < 3; rep++) {
            for (float[] q : queries) {
                search(index, q, 10, filter);
            }
        }
        // best of three timed passes: the build machine is shared, the minimum is the least disturbed
        long[][] found = new long[queries.length][];
        double meanMs = Double.MAX_VALUE;
        for (int pass = 0; pass < 3; pass++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < queries.length; i++) {
                found[i] = search(index, queries[i], 10, filter).stream().mapToLong(n -> n.id()).toArray();
            }
            meanMs = Math.min(meanMs, (System.nanoTime() - t0) / 1e6 / queries.length);
        }
        double recall = 0;
        for (int i = 0; i < queries.length; i++) {
            long[] truth = BruteForce.topK(ids, data, queries[i], 10, VectorMetric.COSINE,
                    filter == null ? id -> true : filter::contains);
            recall += BruteForce.recall(truth, found[i]);
        }
        out.printf("  %-7s allowed %6.1f%%  recall@10 %.4f  mean latency %.3f ms (best of 3 passes)%n",
                name, fraction * 100, recall / queries.length, meanMs);
    }

    private static void measureSaveLoad(PrintStream out, VectorIndexProvider provider, VectorIndex index, IndexSpec spec,
                                        float[][] queries) {
        try {
            Path file = Files.createTempFile("measure", ".index");
            try {
                long t0 = System.nanoTime();
                index.save(file, new IndexCheckpoint("measure", 1));
                long t1 = System.nanoTime();
                try (VectorIndex loaded = provider.load(file, spec)) {
                    long t2 = System.nanoTime();
                    int same = 0;
                    for (float[] q : queries) {
                        if (search(loaded, q, 10, null).equals(search(index, q, 10, null))) {
                            same++;
                        }
                    }
                    out.printf("  %-7s save %.2f s, load %.2f s, file %.1f MB, identical results for %d of %d queries%n",
                            provider.name(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, Files.size(file) / 1e6,
                            same, queries.length);
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static IdFilter randomFilter(long[] ids, double fraction) {
        long[] shuffled = ids.clone();
        Random random = new Random(7);
        for (int i = shuffled.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long tmp = shuffled[i];
            shuffled[i] = shuffled[j];
            shuffled[j] = tmp;
        }
        return IdFilter.of(Arrays.copyOf(shuffled, (int) Math.round(fraction * ids.length)));
    }

    private static List<Neighbor> search(VectorIndex index, float[] query, int k, IdFilter filter) {
        return SearchPlanner.of(index.spec()).search(index, query, k, filter);
    }
}
