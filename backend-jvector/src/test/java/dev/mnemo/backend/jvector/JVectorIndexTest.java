package dev.mnemo.backend.jvector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.vector.ApproximateResult;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexCheckpoint;
import dev.mnemo.api.vector.IndexFiles;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.IndexStats;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorIndexProvider;
import dev.mnemo.api.vector.VectorMetric;
import dev.mnemo.core.index.SearchPlanner;
import dev.mnemo.testkit.BruteForce;
import dev.mnemo.testkit.ClusteredVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JVector-specific behaviour beyond the shared contract: options, delete purging, the search paths. */
class JVectorIndexTest {
    private static final int DIM = 32;
    private static final int COUNT = 2_000;
    private static final long SEED = 4242;

    private final JVectorIndexProvider provider = new JVectorIndexProvider();
    private final ClusteredVectors gen = ClusteredVectors.forCount(SEED, DIM, COUNT);
    private final float[][] data = gen.data(COUNT);
    private final long[] ids = ClusteredVectors.sequentialIds(1, COUNT);

    @Test
    void providerIsFoundByServiceLoaderUnderItsNameAndAvailable() {
        List<String> names = new ArrayList<>();
        ServiceLoader.load(VectorIndexProvider.class).forEach(p -> names.add(p.name()));
        assertThat(names).contains("jvector");
        assertThat(provider.availability().available()).isTrue();
        assertThat(provider.availability().reason()).contains("VectorizationProvider");
    }

    @Test
    void optionsAreAppliedAndReportedInStats() {
        IndexSpec spec = IndexSpec.of(DIM, VectorMetric.COSINE)
                .withOption("max-degree", "16").withOption("beam-width", "60")
                .withOption("overquery", "3").withOption("alpha", "1.4").withOption("hierarchy", "false");
        try (VectorIndex index = provider.create(spec)) {
            assertThat(index.stats().parameters()).containsEntry("max-degree", 16).containsEntry("beam-width", 60)
                    .containsEntry("overquery", 3.0).containsEntry("alpha", 1.4f).containsEntry("hierarchy", false)
                    .containsEntry("metric", "cosine");
        }
    }

    @Test
    void malformedOrOutOfRangeOptionIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> provider.create(IndexSpec.of(DIM, VectorMetric.COSINE).withOption("max-degree", "many")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("max-degree");
        assertThatThrownBy(() -> provider.create(IndexSpec.of(DIM, VectorMetric.COSINE).withOption("overquery", "0.5")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("overquery");
        assertThatThrownBy(() -> provider.create(IndexSpec.of(DIM, VectorMetric.COSINE).withOption("hierarchy", "maybe")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("hierarchy");
    }

    @Test
    void unfilteredSearchesAreAnsweredByTheGraphWalkAndSelectiveFiltersExactly() {
        IndexSpec spec = IndexSpec.of(DIM, VectorMetric.COSINE);
        SearchPlanner planner = SearchPlanner.of(spec);
        try (VectorIndex index = provider.create(spec)) {
            index.addAll(ids, data);
            IdFilter fewIds = IdFilter.of(Arrays.copyOf(ids, 50));
            for (float[] q : gen.queriesNear(data, 40, SEED + 1)) {
                assertThat(planner.search(index, q, 10, null)).hasSize(10);
                assertThat(planner.search(index, q, 10, fewIds)).hasSize(10);
            }
            assertThat(planner.counts()).containsEntry("approximate-searches", 40L)
                    .containsEntry("exact-filter-searches", 40L).containsEntry("exact-fallbacks", 0L);
        }
    }

    @Test
    void walkThatUsesUpItsVisitBudgetSaysSoAndThePlannerScoresExactlyInstead() {
        IndexSpec walkOnly = IndexSpec.of(DIM, VectorMetric.COSINE)
                .withOption("filter-exact-count", "0").withOption("filter-exact-factor", "0");
        SearchPlanner planner = SearchPlanner.of(walkOnly);
        try (VectorIndex index = provider.create(walkOnly)) {
            index.addAll(ids, data);
            IdFilter rare = IdFilter.of(Arrays.copyOf(ids, 20));
            float[] q = data[COUNT - 1];
            assertThat(index.searchApproximate(q, 10, rare, 20).complete()).isFalse();
            assertThat(index.searchApproximate(q, 10, null, Long.MAX_VALUE).complete()).isTrue();
            assertThat(planner.search(index, q, 10, rare)).isEqualTo(index.scoreExactly(q, 10, rare));
            assertThat(planner.counts()).containsEntry("approximate-searches", 1L).containsEntry("exact-fallbacks", 1L);
        }
    }

    @Test
    void dotProductOfLongVectorsIsAnsweredByTheGraphWalk() {
        // lengths up to 6 put about a quarter of the dot products below -1, where JVector's own DOT_PRODUCT score,
        // (1 + dot) / 2, turns negative and its walk discards it (no entry point, or an AssertionError)
        Random random = new Random(SEED + 5);
        float[][] varied = new float[COUNT][];
        for (int i = 0; i < COUNT; i++) {
            varied[i] = ClusteredVectors.scaled(data[i], 0.5f + 5.5f * random.nextFloat());
        }
        try (VectorIndex index = provider.create(IndexSpec.of(DIM, VectorMetric.DOT_PRODUCT))) {
            index.addAll(ids, varied);
            float[][] queries = gen.queriesNear(data, 40, SEED + 6);
            double recall = 0;
            int belowMinusOne = 0;
            for (float[] q : queries) {
                float[] query = ClusteredVectors.scaled(q, 3f);
                ApproximateResult walk = index.searchApproximate(query, 10, null, Long.MAX_VALUE);
                assertThat(walk.complete()).isTrue();
                List<Neighbor> found = walk.neighbors();
                long[] truth = BruteForce.topK(ids, varied, query, 10, VectorMetric.DOT_PRODUCT, id -> true);
                assertThat(found).hasSize(10);
                assertThat((double) found.get(0).score()).isCloseTo(
                        BruteForce.score(VectorMetric.DOT_PRODUCT, query, varied[(int) truth[0] - 1]), within(1e-3));
                recall += BruteForce.recall(truth, found.stream().mapToLong(Neighbor::id).toArray());
                for (float[] v : varied) {
                    belowMinusOne += BruteForce.score(VectorMetric.DOT_PRODUCT, query, v) < -1 ? 1 : 0;
                }
            }
            assertThat(belowMinusOne).as("dot products below -1").isGreaterThan(COUNT * queries.length / 5);
            assertThat(recall / queries.length).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void filterPassedIntoTheWalkKeepsRecallAndCount() {
        // the walk itself, without a budget: every filtered search goes through JVector's Bits
        try (VectorIndex index = provider.create(IndexSpec.of(DIM, VectorMetric.COSINE))) {
            index.addAll(ids, data);
            float[][] queries = gen.queriesNear(data, 40, SEED + 3);
            for (int allowedCount : new int[] {20, 200, 1000}) {
                IdFilter filter = IdFilter.of(Arrays.copyOf(ids, allowedCount));
                double recall = 0;
                for (float[] q : queries) {
                    ApproximateResult walk = index.searchApproximate(q, 10, filter, Long.MAX_VALUE);
                    assertThat(walk.complete()).isTrue();
                    List<Neighbor> found = walk.neighbors();
                    assertThat(found).hasSize(10).allSatisfy(n -> assertThat(filter.contains(n.id())).isTrue());
                    recall += BruteForce.recall(BruteForce.topK(ids, data, q, 10, VectorMetric.COSINE, filter::contains),
                            found.stream().mapToLong(Neighbor::id).toArray());
                }
                assertThat(recall / queries.length).as("recall with %d allowed", allowedCount).isGreaterThanOrEqualTo(0.95);
            }
        }
    }

    @Test
    void deletesArePurgedFromTheGraphOnPolicyAndSearchStaysExactEnough() {
        try (VectorIndex index = provider.create(IndexSpec.of(DIM, VectorMetric.COSINE))) {
            index.addAll(ids, data);
            Set<Long> removed = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < COUNT; i += 3) {
                index.remove(ids[i]);
                removed.add(ids[i]);
            }
            IndexStats stats = index.stats();
            assertThat((Long) stats.parameters().get("purges")).isPositive();
            assertThat(stats.tombstones()).isLessThan(COUNT / 10);
            assertThat(stats.parameters().get("graph-nodes")).isEqualTo((int) (COUNT - removed.size() + stats.tombstones()));
            double recall = 0;
            float[][] queries = gen.queriesNear(data, 50, SEED + 2);
            for (float[] q : queries) {
                List<Neighbor> found = search(index, q, 10, null);
                assertThat(found).hasSize(10).extracting(Neighbor::id).doesNotContainAnyElementsOf(removed);
                recall += BruteForce.recall(BruteForce.topK(ids, data, q, 10, VectorMetric.COSINE, id -> !removed.contains(id)),
                        found.stream().mapToLong(Neighbor::id).toArray());
            }
            assertThat(recall / queries.length).isGreaterThanOrEqualTo(0.95);
        }
    }

    @Test
    void addsInterleavedWithRemovesStayFindable() {
        // small graphs, where the upper levels hold a node or two: before the fix an insert after
        // such a node was removed found no neighbours, and ~5% of live vectors became unreachable
        Random random = new Random(SEED + 7);
        int checks = 0;
        List<String> lost = new ArrayList<>();
        for (int trial = 0; trial < 100; trial++) {
            try (VectorIndex index = provider.create(IndexSpec.of(DIM, VectorMetric.COSINE))) {
                Map<Long, float[]> live = new LinkedHashMap<>();
                int next = 0;
                int ops = 20 + random.nextInt(150);
                for (int op = 0; op < ops; op++) {
                    if (random.nextInt(10) < 7 || live.isEmpty()) {
                        index.add(ids[next], data[next]);
                        live.put(ids[next], data[next]);
                        next++;
                    } else {
                        Long victim = new ArrayList<>(live.keySet()).get(random.nextInt(live.size()));
                        index.remove(victim);
                        live.remove(victim);
                    }
                }
                for (var e : live.entrySet()) {
                    checks++;
                    if (search(index, e.getValue(), 10, null).stream().noneMatch(n -> n.id() == e.getKey())) {
                        lost.add("trial " + trial + " id " + e.getKey());
                    }
                }
            }
        }
        assertThat(checks).isGreaterThan(2_000);
        assertThat(lost).as("live vectors not found by their own vector").isEmpty();
    }

    @Test
    void removingEverythingThenAddingAgainRebuildsAWorkingGraph() {
        try (VectorIndex index = provider.create(IndexSpec.of(DIM, VectorMetric.COSINE))) {
            index.addAll(Arrays.copyOf(ids, 500), Arrays.copyOf(data, 500));
            for (int i = 0; i < 500; i++) {
                index.remove(ids[i]);
            }
            assertThat(index.size()).isZero();
            assertThat(search(index, data[0], 5, null)).isEmpty();
            long[] fresh = ClusteredVectors.sequentialIds(10_000, 500);
            index.addAll(fresh, Arrays.copyOfRange(data, 500, 1000));
            for (int i = 0; i < 500; i += 25) {
                assertThat(search(index, data[500 + i], 1, null)).extracting(Neighbor::id).containsExactly(fresh[i]);
            }
        }
    }

    @Test
    void loadedIndexKeepsAcceptingAddsAndRemoves(@TempDir Path dir) {
        IndexSpec spec = IndexSpec.of(DIM, VectorMetric.EUCLIDEAN);
        Path file = dir.resolve("g_jvector.index");
        try (VectorIndex index = provider.create(spec)) {
            index.addAll(Arrays.copyOf(ids, 1000), Arrays.copyOf(data, 1000));
            for (int i = 0; i < 1000; i += 4) {
                index.remove(ids[i]);
            }
            index.save(file, new IndexCheckpoint("test", 11));
            assertThat(IndexFiles.readHeader(file).count()).isEqualTo(750);
        }
        try (VectorIndex loaded = provider.load(file, spec)) {
            assertThat(loaded.size()).isEqualTo(750);
            loaded.addAll(Arrays.copyOfRange(ids, 1000, COUNT), Arrays.copyOfRange(data, 1000, COUNT));
            for (int i = 1; i < COUNT; i += 100) { // i % 4 == 1: never one of the removed ids
                assertThat(search(loaded, data[i], 1, null)).extracting(Neighbor::id).containsExactly(ids[i]);
            }
            assertThat(loaded.remove(ids[1])).isTrue();
            loaded.save(file, new IndexCheckpoint("test", 12));
        }
        try (VectorIndex again = provider.load(file, spec)) {
            assertThat(again.size()).isEqualTo(750 + COUNT - 1000 - 1);
            assertThat(again.checkpoint()).isEqualTo(new IndexCheckpoint("test", 12));
            assertThat(again.contains(ids[1])).isFalse();
            assertThat(search(again, data[5], 1, null)).extracting(Neighbor::id).containsExactly(ids[5]);
        }
    }

    @Test
    void searchesDuringPurgesNeverSeeIdsRemovedBeforeTheyStarted() throws InterruptedException {
        try (VectorIndex index = provider.create(IndexSpec.of(DIM, VectorMetric.COSINE).withOption("cleanup-ratio", "0.02"))) {
            index.addAll(ids, data);
            Set<Long> removed = ConcurrentHashMap.newKeySet();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread searcher = new Thread(() -> {
                int i = 0;
                try {
                    while (running.get()) {
                        Set<Long> removedBefore = Set.copyOf(removed);
                        for (Neighbor n : search(index, data[(i++ * 31) % COUNT], 10, null)) {
                            if (removedBefore.contains(n.id())) {
                                throw new AssertionError("removed id " + n.id() + " returned");
                            }
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            searcher.start();
            try {
                for (int i = 0; i < COUNT; i += 2) {
                    index.remove(ids[i]);
                    removed.add(ids[i]);
                }
            } finally {
                running.set(false);
                searcher.join();
            }
            assertThat(failures).isEmpty();
            assertThat((Long) index.stats().parameters().get("purges")).isGreaterThan(1);
            assertThat(index.size()).isEqualTo(COUNT / 2);
        }
    }

    private static List<Neighbor> search(VectorIndex index, float[] query, int k, IdFilter filter) {
        return SearchPlanner.of(index.spec()).search(index, query, k, filter);
    }
}
