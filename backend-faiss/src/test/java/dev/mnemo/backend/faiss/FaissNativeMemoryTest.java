package dev.mnemo.backend.faiss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorMetric;
import dev.mnemo.testkit.ClusteredVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Native memory is freed by close(): opening and closing many indexes does not grow the process. */
class FaissNativeMemoryTest {
    private static final int ROUNDS = 10_000;
    private static final int D = 32;
    private static final int VECTORS = 50;

    @Test
    void tenThousandIndexesOpenedAndClosedDoNotGrowResidentMemory() throws IOException {
        FaissIndexProvider provider = FaissTestSupport.provider();
        float[][] data = ClusteredVectors.forCount(5, D, VECTORS).data(VECTORS);
        long[] ids = ClusteredVectors.sequentialIds(1, VECTORS);
        // each round holds 50 x 32 floats plus the HNSW graph, about 20 KB: leaking every index would
        // add ~200 MB. The module's surefire JVM has a fixed, pre-touched heap (see pom.xml), so RSS
        // growth is native memory (plus JIT code), and allocator arenas stay far below the bound.
        long bound = 64L << 20;
        IndexSpec spec = IndexSpec.of(D, VectorMetric.COSINE).withOption("factory", "HNSW32");
        runRounds(provider, spec, ids, data, 500);
        long before = residentBytes();
        runRounds(provider, spec, ids, data, ROUNDS);
        long after = residentBytes();
        assertThat(after - before).as("RSS growth over %d indexes (before %d KB, after %d KB)", ROUNDS,
                before >> 10, after >> 10).isLessThan(bound);
    }

    private static void runRounds(FaissIndexProvider provider, IndexSpec spec, long[] ids, float[][] data, int rounds) {
        for (int i = 0; i < rounds; i++) {
            VectorIndex index = provider.create(spec);
            index.addAll(ids, data);
            assertThat(FaissTestSupport.search(index, data[i % data.length], 1, null).get(0).id()).isEqualTo(ids[i % data.length]);
            index.close();
            index.close();
        }
    }

    private static long residentBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
