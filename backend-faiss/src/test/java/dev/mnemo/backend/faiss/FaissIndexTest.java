package dev.mnemo.backend.faiss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexCheckpoint;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorMetric;
import dev.mnemo.testkit.BruteForce;
import dev.mnemo.testkit.ClusteredVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** FAISS-specific behaviour beyond the shared contract: tombstones and purges, options, index types. */
class FaissIndexTest {
    private static final long SEED = 77;
    private static final int D = 32;

    private final FaissIndexProvider provider = FaissTestSupport.provider();

    private static IndexSpec spec(String factory, String... keyValues) {
        IndexSpec spec = IndexSpec.of(D, VectorMetric.COSINE).withOption("factory", factory);
        for (int i = 0; i < keyValues.length; i += 2) {
            spec = spec.withOption(keyValues[i], keyValues[i + 1]);
        }
        return spec;
    }

    @Test
    void availabilityNamesTheLoadedLibrary() {
        assertThat(provider.availability().available()).isTrue();
        assertThat(provider.availability().reason()).contains("libjniFaiss");
        assertThat(provider.name()).isEqualTo("faiss");
    }

    @Test
    void hnswRemovalsPastThePurgeFractionRebuildTheGraphAndKeepResultsRight(@TempDir Path dir) {
        ClusteredVectors gen = ClusteredVectors.forCount(SEED, D, 1_000);
        float[][] data = gen.data(1_000);
        long[] ids = ClusteredVectors.sequentialIds(1, 1_000);
        try (VectorIndex index = provider.create(spec("HNSW32", "purge-fraction", "0.2"))) {
            index.addAll(ids, data);
            Set<Long> removed = new HashSet<>();
            for (int i = 0; i < 150; i++) {
                assertThat(index.remove(ids[i])).isTrue();
                removed.add(ids[i]);
            }
            assertThat(index.stats().tombstones()).isEqualTo(150);
            assertThat(index.stats().parameters()).containsEntry("rows", 1_000L);
            for (int i = 150; i < 300; i++) {
                index.remove(ids[i]);
                removed.add(ids[i]);
            }
            // 201 dead rows of 1,000 crossed the fraction: the graph was rebuilt from the live vectors
            assertThat((long) index.stats().parameters().get("rows")).isLessThan(1_000L);
            assertThat(index.size()).isEqualTo(700);
            assertNoneReturned(index, removed, data);
            Path file = dir.resolve("hnsw.index");
            index.save(file, new IndexCheckpoint("test", 1));
            try (VectorIndex loaded = provider.load(file, spec("HNSW32"))) {
                assertThat(loaded.size()).isEqualTo(700);
                assertNoneReturned(loaded, removed, data);
            }
        }
    }

    @Test
    void aRemovedIdAddedAgainComesBackWithItsNewVectorAlsoAfterLoad(@TempDir Path dir) {
        ClusteredVectors gen = ClusteredVectors.forCount(SEED + 1, D, 300);
        float[][] data = gen.data(300);
        long[] ids = ClusteredVectors.sequentialIds(10, 300);
        // a fraction of 1 never purges, so the old row stays as a tombstone beside the new one
        try (VectorIndex index = provider.create(spec("HNSW32", "purge-fraction", "1"))) {
            index.addAll(ids, data);
            assertThat(index.remove(ids[0])).isTrue();
            index.add(ids[0], data[1]);
            assertThat(index.contains(ids[0])).isTrue();
            assertThat(index.size()).isEqualTo(300);
            assertThat(index.ids()).doesNotHaveDuplicates().hasSize(300);
            List<Neighbor> top = FaissTestSupport.search(index, data[1], 2, null);
            assertThat(top).extracting(Neighbor::id).containsExactlyInAnyOrder(ids[0], ids[1]);
            assertThat(FaissTestSupport.search(index, data[0], 1, IdFilter.of(ids[0])).get(0).score())
                    .isCloseTo((float) BruteForce.score(VectorMetric.COSINE, data[0], data[1]), within(1e-4f));
            Path file = dir.resolve("readded.index");
            index.save(file, new IndexCheckpoint("test", 2));
            try (VectorIndex loaded = provider.load(file, spec("HNSW32"))) {
                assertThat(loaded.ids()).doesNotHaveDuplicates().hasSize(300);
                assertThat(FaissTestSupport.search(loaded, data[1], 2, null)).extracting(Neighbor::id)
                        .containsExactlyInAnyOrder(ids[0], ids[1]);
                assertThat(loaded.remove(ids[0])).isTrue();
                assertThat(loaded.contains(ids[0])).isFalse();
                assertThat(FaissTestSupport.search(loaded, data[1], 5, null)).extracting(Neighbor::id).doesNotContain(ids[0]);
            }
        }
    }

    @Test
    void flatIndexDropsDeletedRowsInPlace() {
        ClusteredVectors gen = ClusteredVectors.forCount(SEED + 2, D, 500);
        float[][] data = gen.data(500);
        long[] ids = ClusteredVectors.sequentialIds(1, 500);
        try (VectorIndex index = provider.create(spec("Flat", "purge-fraction", "0.01"))) {
            index.addAll(ids, data);
            Set<Long> removed = new HashSet<>();
            for (int i = 0; i < 500; i += 3) {
                index.remove(ids[i]);
                removed.add(ids[i]);
            }
            assertThat((long) index.stats().parameters().get("rows")).isLessThan(500L);
            assertThat(index.size()).isEqualTo(500 - removed.size());
            assertNoneReturned(index, removed, data);
            for (int i = 1; i < 500; i += 3) {
                assertThat(FaissTestSupport.search(index, data[i], 1, null).get(0).id()).isEqualTo(ids[i]);
            }
        }
    }

    @Test
    void ivfIndexTrainsOnItsFirstBatchAndSearches() {
        ClusteredVectors gen = ClusteredVectors.forCount(SEED + 3, D, 2_000);
        float[][] data = gen.data(2_000);
        long[] ids = ClusteredVectors.sequentialIds(1, 2_000);
        try (VectorIndex index = provider.create(spec("IVF16,Flat"))) {
            index.addAll(ids, data);
            assertThat(index.stats().type()).isEqualTo("ivf");
            assertThat(FaissTestSupport.search(index, data[5], 1, null).get(0).id()).isEqualTo(ids[5]);
            assertThat(index.remove(ids[5])).isTrue();
            assertThat(FaissTestSupport.search(index, data[5], 10, null)).extracting(Neighbor::id).doesNotContain(ids[5]).hasSize(10);
            assertThat(FaissTestSupport.search(index, data[5], 10, IdFilter.of(ids[6], ids[7], ids[5])))
                    .extracting(Neighbor::id).containsExactlyInAnyOrder(ids[6], ids[7]);
        }
    }

    @ParameterizedTest(name = "{0} of the ids allowed")
    @ValueSource(doubles = {0.01, 0.1, 0.5})
    void filteredIndexSearchWithoutTheExactShortcutStillReturnsKAllowedIds(double fraction) {
        ClusteredVectors gen = ClusteredVectors.forCount(SEED + 4, D, 5_000);
        float[][] data = gen.data(5_000);
        long[] ids = ClusteredVectors.sequentialIds(1, 5_000);
        Random random = new Random(SEED);
        List<Long> allowedList = new ArrayList<>();
        for (long id : ids) {
            if (random.nextDouble() < fraction) {
                allowedList.add(id);
            }
        }
        IdFilter filter = IdFilter.of(allowedList.stream().mapToLong(Long::longValue).toArray());
        // filter-exact-count 0 and filter-exact-factor 0 make the planner take the HNSW path with its selector and over-fetch
        try (VectorIndex index = provider.create(spec("HNSW32", "filter-exact-count", "0", "filter-exact-factor", "0"))) {
            index.addAll(ids, data);
            double recall = 0;
            float[][] queries = gen.queriesNear(data, 30, SEED + 5);
            for (float[] query : queries) {
                List<Neighbor> found = FaissTestSupport.search(index, query, 10, filter);
                assertThat(found).hasSize(10).allSatisfy(n -> assertThat(filter.contains(n.id())).isTrue());
                recall += BruteForce.recall(BruteForce.topK(ids, data, query, 10, VectorMetric.COSINE, filter::contains),
                        found.stream().mapToLong(Neighbor::id).toArray());
            }
            assertThat(recall / queries.length).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void optionsReachTheIndex() {
        try (VectorIndex index = provider.create(spec("HNSW16", "ef-search", "128", "omp-threads", "2"))) {
            assertThat(index.stats().type()).isEqualTo("hnsw");
            assertThat(index.stats().parameters()).containsEntry("ef-search", 128)
                    .containsEntry("omp-threads", 2).containsEntry("factory", "HNSW16");
        }
        try (VectorIndex index = provider.create(IndexSpec.of(D, VectorMetric.EUCLIDEAN))) {
            assertThat(index.stats().parameters()).containsEntry("factory", "HNSW32").containsEntry("ef-search", 64)
                    .containsEntry("omp-threads", 1);
        }
    }

    @Test
    void aFactoryStringFaissRejectsIsInvalidInputWithFaissMessage() {
        assertThatThrownBy(() -> provider.create(spec("NoSuchIndex42")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("NoSuchIndex42")
                .hasMessageContaining("could not parse");
        assertThatThrownBy(() -> provider.create(spec("IDMap2,Flat")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("id map");
        assertThatThrownBy(() -> provider.create(spec("Flat", "omp-threads", "0")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("omp-threads");
        assertThatThrownBy(() -> provider.create(spec("Flat", "ef-search", "many")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("ef-search");
    }

    @Test
    void faissErrorsBecomeMnemoExceptionsWithFaissMessage() {
        // IVF64 needs at least 64 training vectors: FAISS refuses, the index stays empty and usable
        ClusteredVectors gen = ClusteredVectors.forCount(SEED + 6, D, 100);
        float[][] data = gen.data(100);
        try (VectorIndex index = provider.create(spec("IVF64,Flat"))) {
            assertThatThrownBy(() -> index.addAll(ClusteredVectors.sequentialIds(1, 10), Arrays.copyOf(data, 10)))
                    .isInstanceOf(FaissException.class)
                    .hasMessageContaining("FAISS could not add 10 vectors")
                    .hasMessageContaining("training");
            assertThat(index.size()).isZero();
            index.addAll(ClusteredVectors.sequentialIds(1, 100), data);
            assertThat(index.size()).isEqualTo(100);
        }
    }

    @Test
    void negativeIdsAndNonPositiveKAreRejectedBeforeNativeCode() {
        try (VectorIndex index = provider.create(spec("Flat"))) {
            float[] v = new float[D];
            v[0] = 1;
            assertThatThrownBy(() -> index.add(-1, v)).isInstanceOf(InvalidInputException.class).hasMessageContaining("-1");
            index.add(1, v);
            assertThatThrownBy(() -> FaissTestSupport.search(index, v, 0, null)).isInstanceOf(InvalidInputException.class);
            assertThat(FaissTestSupport.search(index, v, Integer.MAX_VALUE, null)).hasSize(1);
        }
    }

    private static void assertNoneReturned(VectorIndex index, Set<Long> removed, float[][] data) {
        assertThat(Arrays.stream(index.ids()).boxed().toList()).doesNotContainAnyElementsOf(removed);
        for (int i = 0; i < 300; i += 7) {
            List<Neighbor> found = FaissTestSupport.search(index, data[i], 10, null);
            assertThat(found).hasSize(10).extracting(Neighbor::id).doesNotContainAnyElementsOf(removed);
        }
        long[] onlyRemoved = removed.stream().mapToLong(Long::longValue).toArray();
        assertThat(FaissTestSupport.search(index, data[0], 10, IdFilter.of(onlyRemoved))).isEmpty();
        removed.forEach(id -> assertThat(index.contains(id)).isFalse());
    }
}
