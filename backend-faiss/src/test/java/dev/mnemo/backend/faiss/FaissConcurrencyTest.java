package dev.mnemo.backend.faiss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorMetric;
import dev.mnemo.testkit.ClusteredVectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Searches racing removals, including the purges and HNSW rebuilds that swap the native index. */
class FaissConcurrencyTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"HNSW32", "Flat"})
    void anIdRemovedBeforeASearchStartsIsNeverReturned(String factory) throws InterruptedException {
        int count = 3_000;
        int d = 32;
        ClusteredVectors gen = ClusteredVectors.forCount(3, d, count);
        float[][] data = gen.data(count);
        long[] ids = ClusteredVectors.sequentialIds(1, count);
        Set<Long> removed = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean removing = new AtomicBoolean(true);
        IndexSpec spec = IndexSpec.of(d, VectorMetric.COSINE).withOption("factory", factory)
                .withOption("purge-fraction", "0.1");
        try (VectorIndex index = FaissTestSupport.provider().create(spec)) {
            index.addAll(ids, data);
            List<Thread> searchers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                int seed = t;
                searchers.add(new Thread(() -> {
                    Random random = new Random(seed);
                    try {
                        while (removing.get()) {
                            Set<Long> before = Set.copyOf(removed);
                            IdFilter filter = random.nextBoolean() ? null : IdFilter.of(ids);
                            for (Neighbor n : FaissTestSupport.search(index, data[random.nextInt(count)], 10, filter)) {
                                if (before.contains(n.id())) {
                                    throw new AssertionError("id " + n.id() + " returned after its removal");
                                }
                            }
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "searcher-" + t));
            }
            searchers.forEach(Thread::start);
            try {
                for (int i = 0; i < count; i += 3) {
                    assertThat(index.remove(ids[i])).isTrue();
                    removed.add(ids[i]);
                }
            } finally {
                removing.set(false);
                for (Thread searcher : searchers) {
                    searcher.join();
                }
            }
            assertThat(failures).isEmpty();
            assertThat(index.size()).isEqualTo(count - removed.size());
            assertThat(index.stats().tombstones()).isLessThan(removed.size());
        }
    }
}
