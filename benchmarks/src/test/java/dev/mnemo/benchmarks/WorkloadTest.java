package dev.mnemo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.vector.IdFilter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadTest {
    @TempDir
    Path cache;

    @Test
    void filterHoldsTheRequestedShareAndIsTheSameEachTime() {
        Workload w = Workload.standard(2000, 8, 5);
        IdFilter f = w.filter(0.01);
        assertThat(f.size()).isEqualTo(20);
        assertThat(w.filter(0.01).toArray()).containsExactly(f.toArray());
        assertThat(Arrays.stream(f.toArray()).allMatch(id -> id >= 0 && id < 2000)).isTrue();
        assertThat(w.filter(0.0001).size()).isEqualTo(1);
    }

    @Test
    void truthIsTheBruteForceTopKAndIsCached() {
        Workload w = Workload.standard(500, 12, 7);
        IdFilter filter = w.filter(0.1);
        long[][] truth = w.truth(Backends.discover(), cache, filter, "sel0.1");
        for (int q = 0; q < 7; q++) {
            assertThat(truth[q]).containsExactly(bruteForce(w, q, filter));
        }
        assertThat(w.truth(Backends.discover(), cache, filter, "sel0.1")).isDeepEqualTo(truth);
        assertThat(cache.resolve("truth")).isDirectoryContaining("glob:**sel0.1.bin");
    }

    private static long[] bruteForce(Workload w, int q, IdFilter filter) {
        float[] query = w.queries()[q];
        return IntStream.range(0, w.size()).filter(filter::contains).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -dot(query, w.vectors()[i])))
                .limit(BenchEnv.K).mapToLong(Integer::longValue).toArray();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void idsAreRows() {
        assertThat(Workload.standard(4, 3, 1).ids()).containsExactly(0, 1, 2, 3);
        assertThat(Arrays.stream(Workload.standard(3, 5, 2).queries()).allMatch(v -> v.length == 5)).isTrue();
    }
}
