package dev.mnemo.backend.faiss;

import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorMetric;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Single-query latency of this binding on the HNSW32 index that {@code src/test/bench/hnsw_latency.py}
 * built and measured with python3-faiss (same file, same queries, k=10, efSearch 64, 1 OpenMP
 * thread). Not a test and not JMH (benchmarks live in their own module): a side-by-side check
 * that the JNI layer adds nothing measurable. Run by {@code src/test/bench/latency.sh}.
 *
 * <p>Prints {@code java p50_us=... mean_us=... agree=...}, where agree is the fraction of top-10
 * ids identical to Python's, then the p50 of filtered searches at 0.1, 1, 10 and 100% allowed.
 */
public final class FaissLatencyMain {
    private static final int D = 384;
    private static final int K = 10;

    private FaissLatencyMain() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        float[][] queries = readQueries(dir.resolve("queries.f32"));
        IndexSpec spec = IndexSpec.of(D, VectorMetric.COSINE).withOption("ef-search", "64").withOption("omp-threads", "1");
        try (VectorIndex index = new FaissIndexProvider().importFaissFile(dir.resolve("hnsw32.index"), spec)) {
            for (int i = 0; i < 200; i++) {
                FaissTestSupport.search(index, queries[i % queries.length], K, null);
            }
            long[] nanos = new long[queries.length];
            long[][] ids = new long[queries.length][];
            for (int i = 0; i < queries.length; i++) {
                long start = System.nanoTime();
                List<Neighbor> found = FaissTestSupport.search(index, queries[i], K, null);
                nanos[i] = System.nanoTime() - start;
                ids[i] = found.stream().mapToLong(Neighbor::id).toArray();
            }
            Arrays.sort(nanos);
            double mean = Arrays.stream(nanos).average().orElse(0) / 1000.0;
            System.out.printf("java p50_us=%.1f mean_us=%.1f agree=%.4f%n", nanos[nanos.length / 2] / 1000.0, mean,
                    agreement(dir.resolve("python_ids.i64"), ids));
            // filtered search (Java only: python3-faiss 1.7.3 cannot filter through the id map)
            long[] present = index.ids();
            Arrays.sort(present);
            StringBuilder line = new StringBuilder("java filtered p50_us:");
            for (double fraction : new double[] {0.001, 0.01, 0.1, 1.0}) {
                Random random = new Random(7);
                IdFilter filter = IdFilter.of(Arrays.stream(present).filter(id -> random.nextDouble() < fraction).toArray());
                long[] filtered = new long[queries.length];
                for (int i = 0; i < queries.length; i++) {
                    long start = System.nanoTime();
                    FaissTestSupport.search(index, queries[i], K, filter);
                    filtered[i] = System.nanoTime() - start;
                }
                Arrays.sort(filtered);
                line.append(String.format(" %s%%=%.1f", fraction * 100, filtered[filtered.length / 2] / 1000.0));
            }
            System.out.println(line);
        }
    }

    private static float[][] readQueries(Path file) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[][] out = new float[bytes.remaining() / (D * Float.BYTES)][D];
        for (float[] q : out) {
            bytes.asFloatBuffer().get(q);
            bytes.position(bytes.position() + D * Float.BYTES);
        }
        return out;
    }

    private static double agreement(Path pythonIds, long[][] ids) throws IOException {
        if (!Files.exists(pythonIds)) {
            return Double.NaN;
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(pythonIds)).order(ByteOrder.LITTLE_ENDIAN);
        long same = 0;
        for (long[] row : ids) {
            for (int j = 0; j < K; j++) {
                long expected = bytes.getLong();
                if (j < row.length && row[j] == expected) {
                    same++;
                }
            }
        }
        return (double) same / (ids.length * K);
    }
}
