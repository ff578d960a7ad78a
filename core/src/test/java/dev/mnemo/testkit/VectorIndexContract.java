package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.DimensionMismatchException;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.InvalidVectorException;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.api.vector.DuplicateIdException;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexCheckpoint;
import dev.mnemo.api.vector.IndexFileHeader;
import dev.mnemo.api.vector.IndexFiles;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorIndexProvider;
import dev.mnemo.api.vector.VectorMetric;
import dev.mnemo.core.index.SearchPlanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The behaviour every {@link VectorIndex} backend must show. A backend's test extends this class
 * and returns its provider (and, optionally, backend options such as a FAISS factory string).
 *
 * <p>All data comes from fixed seeds ({@link ClusteredVectors}), and ground truth is computed here
 * by {@link BruteForce}, never by the backend under test. Sizes are chosen for a 2-core CI machine
 * running the suite once per backend: one 20,000 x 384 recall test, one 20,000 x 64 index shared
 * by the filter tests, small indexes for everything else.
 *
 * <p>Searches go through {@link SearchPlanner}, as the store's do: the promises about filtered
 * result counts and recall are the planner's over each backend's approximate search and exact
 * scoring.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class VectorIndexContract {
    protected static final long SEED = 20_261_129L;
    protected static final int K = 10;
    protected static final double MIN_RECALL = 0.95;

    private static final int RECALL_COUNT = 20_000;
    private static final int RECALL_DIMENSION = 384;
    private static final int RECALL_QUERIES = 150;
    private static final int FILTER_COUNT = 20_000;
    private static final int FILTER_DIMENSION = 64;
    private static final int FILTER_QUERIES = 50;
    private static final int SMALL_COUNT = 2_000;
    private static final int SMALL_DIMENSION = 32;

    private FilterFixture filterFixture;

    /** The provider under test; called once per index the suite creates. */
    protected abstract VectorIndexProvider provider();

    /** Backend options for every index the suite creates (e.g. {@code factory=HNSW32}); none by default. */
    protected Map<String, String> options() {
        return Map.of();
    }

    protected final IndexSpec spec(int dimension, VectorMetric metric) {
        return new IndexSpec(dimension, metric, options());
    }

    @AfterAll
    void closeSharedIndexes() {
        if (filterFixture != null) {
            filterFixture.index.close();
        }
    }

    // ---------------------------------------------------------------- recall

    @Test
    void recallAt10AgainstExactSearchOnClusteredData() {
        ClusteredVectors gen = ClusteredVectors.forCount(SEED, RECALL_DIMENSION, RECALL_COUNT);
        float[][] data = gen.data(RECALL_COUNT);
        long[] ids = ClusteredVectors.sequentialIds(1, RECALL_COUNT);
        float[][] queries = gen.queriesNear(data, RECALL_QUERIES, SEED + 1);
        try (VectorIndex index = provider().create(spec(RECALL_DIMENSION, VectorMetric.COSINE))) {
            index.addAll(ids, data);
            assertThat(index.size()).isEqualTo(RECALL_COUNT);
            double recall = 0;
            for (float[] query : queries) {
                List<Neighbor> found = search(index, query, K, null);
                assertThat(found).hasSize(K);
                assertThat(found).extracting(Neighbor::score).isSortedAccordingTo(Comparator.reverseOrder());
                recall += BruteForce.recall(BruteForce.topK(ids, data, query, K, VectorMetric.COSINE, id -> true),
                        idsOf(found));
            }
            assertThat(recall / queries.length).as("mean recall@10 over %d queries", queries.length)
                    .isGreaterThanOrEqualTo(MIN_RECALL);
        }
    }

    // ---------------------------------------------------------------- removal

    @Test
    void removedIdsNeverComeBackBeforeOrAfterSaveAndLoad(@TempDir Path dir) {
        Small small = small(VectorMetric.COSINE);
        Set<Long> removed = new HashSet<>();
        List<float[]> removedVectors = new ArrayList<>();
        try (VectorIndex index = small.create()) {
            for (int i = 0; i < small.ids.length; i += 5) {
                assertThat(index.remove(small.ids[i])).isTrue();
                removed.add(small.ids[i]);
                removedVectors.add(small.data[i]);
            }
            assertNoneReturned(index, removed, removedVectors, small.ids.length - removed.size());
            Path file = dir.resolve("removed.index");
            index.save(file, checkpoint(7));
            try (VectorIndex loaded = provider().load(file, spec(SMALL_DIMENSION, VectorMetric.COSINE))) {
                assertNoneReturned(loaded, removed, removedVectors, small.ids.length - removed.size());
            }
        }
    }

    private void assertNoneReturned(VectorIndex index, Set<Long> removed, List<float[]> queries, int expectedSize) {
        assertThat(index.size()).isEqualTo(expectedSize);
        assertThat(index.ids()).hasSize(expectedSize);
        assertThat(Arrays.stream(index.ids()).boxed().toList()).doesNotContainAnyElementsOf(removed);
        removed.forEach(id -> assertThat(index.contains(id)).as("contains(%d)", id).isFalse());
        for (float[] query : queries) {
            List<Neighbor> found = search(index, query, K, null);
            assertThat(found).hasSize(K);
            assertThat(found).extracting(Neighbor::id).doesNotContainAnyElementsOf(removed);
        }
        long[] onlyRemoved = removed.stream().mapToLong(Long::longValue).toArray();
        assertThat(search(index, queries.get(0), K, IdFilter.of(onlyRemoved))).isEmpty();
    }

    // ---------------------------------------------------------------- filters

    @ParameterizedTest(name = "{0} of the ids allowed")
    @ValueSource(doubles = {0.001, 0.01, 0.1, 1.0})
    void filteredSearchReturnsOnlyAllowedIdsAndExactlyKOfThem(double fraction) {
        FilterFixture f = filterFixture();
        IdFilter filter = f.allowing(fraction);
        assertThat(filter.size()).isGreaterThanOrEqualTo(K);
        double recall = 0;
        for (float[] query : f.queries) {
            List<Neighbor> found = search(f.index, query, K, filter);
            assertThat(found).hasSize(K);
            assertThat(found).allSatisfy(n -> assertThat(filter.contains(n.id())).as("id %d allowed", n.id()).isTrue());
            assertThat(found).extracting(Neighbor::id).doesNotHaveDuplicates();
            recall += BruteForce.recall(
                    BruteForce.topK(f.ids, f.data, query, K, VectorMetric.COSINE, filter::contains), idsOf(found));
        }
        assertThat(recall / f.queries.length).as("mean filtered recall@10 at %s allowed", fraction)
                .isGreaterThanOrEqualTo(MIN_RECALL);
    }

    @Test
    void filterWithFewerThanKPresentIdsReturnsAllOfThem() {
        Small small = small(VectorMetric.COSINE);
        try (VectorIndex index = small.create()) {
            index.remove(small.ids[3]);
            long absent = small.ids[small.ids.length - 1] + 1_000;
            IdFilter filter = IdFilter.of(small.ids[1], small.ids[2], small.ids[3], small.ids[500], absent);
            List<Neighbor> found = search(index, small.data[0], K, filter);
            assertThat(found).extracting(Neighbor::id)
                    .containsExactlyInAnyOrder(small.ids[1], small.ids[2], small.ids[500]);
        }
    }

    @Test
    void emptyFilterReturnsNothing() {
        Small small = small(VectorMetric.COSINE);
        try (VectorIndex index = small.create()) {
            assertThat(search(index, small.data[0], K, IdFilter.of())).isEmpty();
        }
    }

    // ---------------------------------------------------------------- persistence

    @Test
    void saveThenLoadGivesIdenticalResultsAndCheckpoint(@TempDir Path dir) {
        Small small = small(VectorMetric.COSINE);
        float[][] queries = small.gen.queriesNear(small.data, 50, SEED + 2);
        try (VectorIndex index = small.create()) {
            assertThat(index.checkpoint()).isEqualTo(IndexCheckpoint.NONE);
            Path file = dir.resolve("roundtrip.index");
            index.save(file, checkpoint(42));
            assertThat(index.checkpoint()).isEqualTo(checkpoint(42));
            try (VectorIndex loaded = provider().load(file, spec(SMALL_DIMENSION, VectorMetric.COSINE))) {
                assertThat(loaded.backend()).isEqualTo(provider().name());
                assertThat(loaded.checkpoint()).isEqualTo(checkpoint(42));
                assertThat(loaded.size()).isEqualTo(index.size());
                assertThat(sorted(loaded.ids())).isEqualTo(sorted(index.ids()));
                for (float[] query : queries) {
                    List<Neighbor> before = search(index, query, K, null);
                    List<Neighbor> after = search(loaded, query, K, null);
                    assertThat(idsOf(after)).isEqualTo(idsOf(before));
                    for (int i = 0; i < before.size(); i++) {
                        assertThat(after.get(i).score()).isCloseTo(before.get(i).score(), within(1e-5f));
                    }
                }
            }
        }
    }

    @Test
    void truncatedFileIsReportedAsCorrupt(@TempDir Path dir) throws IOException {
        Path file = savedSmallIndex(dir);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length / 2));
        assertLoadFailsAsCorrupt(file, spec(16, VectorMetric.COSINE));
    }

    @Test
    void fileMissingOnlyItsLastBytesIsReportedAsCorrupt(@TempDir Path dir) throws IOException {
        Path file = savedSmallIndex(dir);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
        assertLoadFailsAsCorrupt(file, spec(16, VectorMetric.COSINE));
    }

    @Test
    void zeroFilledFileIsReportedAsCorrupt(@TempDir Path dir) throws IOException {
        Path file = savedSmallIndex(dir);
        Files.write(file, new byte[(int) Files.size(file)]);
        assertLoadFailsAsCorrupt(file, spec(16, VectorMetric.COSINE));
    }

    @Test
    void flippedPayloadByteIsReportedAsCorrupt(@TempDir Path dir) throws IOException {
        Path file = savedSmallIndex(dir);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        assertLoadFailsAsCorrupt(file, spec(16, VectorMetric.COSINE));
    }

    @Test
    void fileSavedWithAnotherDimensionIsReportedAsCorrupt(@TempDir Path dir) {
        Path file = savedSmallIndex(dir);
        assertLoadFailsAsCorrupt(file, spec(17, VectorMetric.COSINE));
    }

    @Test
    void fileSavedWithAnotherMetricIsReportedAsCorrupt(@TempDir Path dir) {
        Path file = savedSmallIndex(dir);
        assertLoadFailsAsCorrupt(file, spec(16, VectorMetric.EUCLIDEAN));
    }

    @Test
    void fileOfAnotherBackendIsReportedAsCorrupt(@TempDir Path dir) {
        Path file = dir.resolve("foreign.index");
        IndexFiles.write(file, new IndexFileHeader("not-" + provider().name(), 1, 16, VectorMetric.COSINE, checkpoint(1), 1),
                out -> out.writeLong(1));
        assertLoadFailsAsCorrupt(file, spec(16, VectorMetric.COSINE));
    }

    private Path savedSmallIndex(Path dir) {
        ClusteredVectors gen = ClusteredVectors.forCount(SEED + 3, 16, 300);
        Path file = dir.resolve("small.index");
        try (VectorIndex index = provider().create(spec(16, VectorMetric.COSINE))) {
            index.addAll(ClusteredVectors.sequentialIds(1, 300), gen.data(300));
            index.save(file, checkpoint(3));
        }
        return file;
    }

    private void assertLoadFailsAsCorrupt(Path file, IndexSpec spec) {
        assertThatThrownBy(() -> provider().load(file, spec).close())
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining(file.getFileName().toString());
    }

    // ---------------------------------------------------------------- invalid input

    @Test
    void wrongDimensionIsRejectedAndLeavesIndexUnchanged() {
        assertRejectedUnchanged(DimensionMismatchException.class, (index, next) -> index.add(next, new float[SMALL_DIMENSION + 1]));
        assertRejectedUnchanged(DimensionMismatchException.class,
                (index, next) -> index.addAll(new long[] {next, next + 1}, new float[][] {unit(SMALL_DIMENSION, 0), new float[3]}));
    }

    @Test
    void queryOfWrongDimensionIsRejected() {
        Small small = small(VectorMetric.COSINE);
        try (VectorIndex index = small.create()) {
            assertThatThrownBy(() -> search(index, new float[SMALL_DIMENSION - 1], K, null))
                    .isInstanceOf(DimensionMismatchException.class);
        }
    }

    @Test
    void nanIsRejectedAndLeavesIndexUnchanged() {
        assertRejectedUnchanged(InvalidVectorException.class, (index, next) -> index.add(next, withComponent(Float.NaN)));
        assertRejectedUnchanged(InvalidVectorException.class,
                (index, next) -> index.addAll(new long[] {next, next + 1}, new float[][] {unit(SMALL_DIMENSION, 1), withComponent(Float.NaN)}));
    }

    @Test
    void infinityIsRejectedAndLeavesIndexUnchanged() {
        assertRejectedUnchanged(InvalidVectorException.class, (index, next) -> index.add(next, withComponent(Float.POSITIVE_INFINITY)));
        assertRejectedUnchanged(InvalidVectorException.class, (index, next) -> index.add(next, withComponent(Float.NEGATIVE_INFINITY)));
    }

    @Test
    void zeroVectorUnderCosineIsRejectedAndLeavesIndexUnchanged() {
        assertRejectedUnchanged(InvalidVectorException.class, (index, next) -> index.add(next, new float[SMALL_DIMENSION]));
    }

    @Test
    void duplicateIdIsRejectedAndLeavesIndexUnchanged() {
        assertRejectedUnchanged(DuplicateIdException.class, (index, next) -> index.add(index.ids()[0], unit(SMALL_DIMENSION, 2)));
        assertRejectedUnchanged(DuplicateIdException.class,
                (index, next) -> index.addAll(new long[] {next, index.ids()[0]}, new float[][] {unit(SMALL_DIMENSION, 3), unit(SMALL_DIMENSION, 4)}));
        assertRejectedUnchanged(DuplicateIdException.class,
                (index, next) -> index.addAll(new long[] {next, next}, new float[][] {unit(SMALL_DIMENSION, 5), unit(SMALL_DIMENSION, 6)}));
    }

    @Test
    void badArgumentsAreInvalidInputInEveryBackend() {
        Small small = small(VectorMetric.COSINE);
        try (VectorIndex index = small.create()) {
            float[] q = small.data[0];
            assertThatThrownBy(() -> index.searchApproximate(q, 0, null, Long.MAX_VALUE))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("k");
            assertThatThrownBy(() -> index.scoreExactly(q, 0, IdFilter.of(small.ids[0])))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("k");
            assertThatThrownBy(() -> search(index, q, -1, null)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> index.scoreExactly(new float[3], K, null)).isInstanceOf(DimensionMismatchException.class);
        }
        assertRejectedUnchanged(InvalidInputException.class,
                (index, next) -> index.addAll(new long[] {next, next + 1}, new float[][] {unit(SMALL_DIMENSION, 1)}));
    }

    @Test
    void exactScoringReturnsTheTrueTopKOfTheGivenIds() {
        Small small = small(VectorMetric.COSINE);
        try (VectorIndex index = small.create()) {
            float[] query = small.data[17];
            long absent = small.ids[small.ids.length - 1] + 3;
            IdFilter some = IdFilter.of(Arrays.copyOfRange(small.ids, 0, 600));
            List<Neighbor> allowed = index.scoreExactly(query, K, some);
            assertThat(allowed).extracting(Neighbor::score).isSortedAccordingTo(Comparator.reverseOrder());
            assertThat(idsOf(allowed)).containsExactlyInAnyOrder(
                    BruteForce.topK(small.ids, small.data, query, K, VectorMetric.COSINE, some::contains));
            assertThat(idsOf(index.scoreExactly(query, K, null))).containsExactlyInAnyOrder(
                    BruteForce.topK(small.ids, small.data, query, K, VectorMetric.COSINE, id -> true));
            assertThat(idsOf(index.scoreExactly(query, K, IdFilter.of(small.ids[5], absent)))).containsExactly(small.ids[5]);
        }
    }

    private interface Mutation {
        void apply(VectorIndex index, long unusedId);
    }

    private void assertRejectedUnchanged(Class<? extends Throwable> expected, Mutation mutation) {
        ClusteredVectors gen = ClusteredVectors.forCount(SEED + 4, SMALL_DIMENSION, 200);
        float[][] data = gen.data(200);
        long[] ids = ClusteredVectors.sequentialIds(100, 200);
        try (VectorIndex index = provider().create(spec(SMALL_DIMENSION, VectorMetric.COSINE))) {
            index.addAll(ids, data);
            List<Neighbor> before = search(index, data[0], K, null);
            long next = ids[ids.length - 1] + 1;
            assertThatThrownBy(() -> mutation.apply(index, next)).isInstanceOf(expected);
            assertThat(index.size()).isEqualTo(ids.length);
            assertThat(sorted(index.ids())).isEqualTo(ids);
            assertThat(index.contains(next)).isFalse();
            assertThat(index.contains(next + 1)).isFalse();
            assertThat(idsOf(search(index, data[0], K, null))).isEqualTo(idsOf(before));
        }
    }

    // ---------------------------------------------------------------- edge cases

    @Test
    void removingAnUnknownIdReturnsFalse() {
        Small small = small(VectorMetric.COSINE);
        try (VectorIndex index = small.create()) {
            assertThat(index.remove(-5)).isFalse();
            assertThat(index.remove(small.ids[0])).isTrue();
            assertThat(index.remove(small.ids[0])).isFalse();
            assertThat(index.size()).isEqualTo(small.ids.length - 1);
        }
    }

    @Test
    void searchOnEmptyIndexReturnsNothing() {
        try (VectorIndex index = provider().create(spec(SMALL_DIMENSION, VectorMetric.COSINE))) {
            assertThat(index.size()).isZero();
            assertThat(index.ids()).isEmpty();
            assertThat(search(index, unit(SMALL_DIMENSION, 0), K, null)).isEmpty();
            assertThat(search(index, unit(SMALL_DIMENSION, 0), K, IdFilter.of(1, 2, 3))).isEmpty();
        }
    }

    @Test
    void searchAfterRemovingEverythingReturnsNothing() {
        try (VectorIndex index = provider().create(spec(SMALL_DIMENSION, VectorMetric.COSINE))) {
            index.add(1, unit(SMALL_DIMENSION, 0));
            index.add(2, unit(SMALL_DIMENSION, 1));
            index.remove(1);
            index.remove(2);
            assertThat(search(index, unit(SMALL_DIMENSION, 0), K, null)).isEmpty();
        }
    }

    @Test
    void kLargerThanSizeReturnsEveryVector() {
        ClusteredVectors gen = ClusteredVectors.forCount(SEED + 5, SMALL_DIMENSION, 7);
        try (VectorIndex index = provider().create(spec(SMALL_DIMENSION, VectorMetric.COSINE))) {
            long[] ids = {11, 22, 33, 44, 55, 66, 77};
            index.addAll(ids, gen.data(7));
            List<Neighbor> found = search(index, gen.data(1)[0], 50, null);
            assertThat(found).extracting(Neighbor::id).containsExactlyInAnyOrder(11L, 22L, 33L, 44L, 55L, 66L, 77L);
            assertThat(found.get(0).id()).isEqualTo(11);
        }
    }

    @Test
    void useAfterCloseThrowsAndCloseIsIdempotent(@TempDir Path dir) {
        VectorIndex index = provider().create(spec(SMALL_DIMENSION, VectorMetric.COSINE));
        index.add(1, unit(SMALL_DIMENSION, 0));
        index.close();
        index.close();
        float[] v = unit(SMALL_DIMENSION, 1);
        List<Consumer<VectorIndex>> calls = List.of(
                i -> i.add(2, v),
                i -> i.addAll(new long[] {3}, new float[][] {v}),
                i -> i.remove(1),
                i -> i.contains(1),
                i -> i.ids(),
                i -> i.size(),
                i -> i.searchApproximate(v, K, null, Long.MAX_VALUE),
                i -> i.searchApproximate(v, K, IdFilter.of(1), 10),
                i -> i.scoreExactly(v, K, null),
                i -> i.scoreExactly(v, K, IdFilter.of(1)),
                i -> i.stats(),
                i -> i.save(dir.resolve("closed.index"), checkpoint(1)));
        for (Consumer<VectorIndex> call : calls) {
            assertThatThrownBy(() -> call.accept(index)).isInstanceOf(StoreClosedException.class);
        }
        assertThat(dir.resolve("closed.index")).doesNotExist();
    }

    // ---------------------------------------------------------------- metrics

    @Test
    void dotProductFindsTheExactTopOne() {
        assertExactTopOne(VectorMetric.DOT_PRODUCT);
    }

    @Test
    void euclideanFindsTheStoredVectorItself() {
        assertExactTopOne(VectorMetric.EUCLIDEAN);
    }

    @Test
    void cosineIgnoresVectorLength() {
        Small small = small(VectorMetric.COSINE);
        try (VectorIndex index = provider().create(spec(SMALL_DIMENSION, VectorMetric.COSINE))) {
            for (int i = 0; i < small.ids.length; i++) {
                index.add(small.ids[i], ClusteredVectors.scaled(small.data[i], 0.5f + (i % 7)));
            }
            for (int i = 0; i < 20; i++) {
                Neighbor top = search(index, ClusteredVectors.scaled(small.data[i * 41], 3f), 1, null).get(0);
                assertThat(top.id()).isEqualTo(small.ids[i * 41]);
                assertThat(top.score()).isCloseTo(1f, within(1e-4f));
            }
        }
    }

    /** Vectors of varied length, so that dot product and cosine disagree; queries are stored vectors. */
    private void assertExactTopOne(VectorMetric metric) {
        ClusteredVectors gen = ClusteredVectors.forCount(SEED + 6, SMALL_DIMENSION, SMALL_COUNT);
        float[][] data = gen.data(SMALL_COUNT);
        Random random = new Random(SEED + 7);
        for (int i = 0; i < data.length; i++) {
            data[i] = ClusteredVectors.scaled(data[i], 0.5f + 1.5f * random.nextFloat());
        }
        Small small = new Small(this, gen, ClusteredVectors.sequentialIds(1_000, SMALL_COUNT), data, metric);
        try (VectorIndex index = small.create()) {
            for (int q = 0; q < 50; q++) {
                float[] query = data[q * 39];
                long[] truth = BruteForce.topK(small.ids, data, query, 1, metric, id -> true);
                Neighbor top = search(index, query, K, null).get(0);
                assertThat(top.id()).as("top-1 for stored vector %d", q * 39).isEqualTo(truth[0]);
                if (metric == VectorMetric.EUCLIDEAN) {
                    assertThat(top.id()).isEqualTo(small.ids[q * 39]);
                    assertThat(top.score()).isCloseTo(1f, within(1e-4f));
                }
                assertThat((double) top.score())
                        .isCloseTo(BruteForce.score(metric, query, data[(int) (truth[0] - 1_000)]), within(1e-3));
            }
        }
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void searchesWhileAnotherThreadAddsSeeOnlyAddedIds() throws InterruptedException {
        int initial = 1_000;
        int total = 4_000;
        ClusteredVectors gen = ClusteredVectors.forCount(SEED + 8, SMALL_DIMENSION, total);
        float[][] data = gen.data(total);
        long[] ids = ClusteredVectors.sequentialIds(1, total);
        Set<Long> submitted = ConcurrentHashMap.newKeySet();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        try (VectorIndex index = provider().create(spec(SMALL_DIMENSION, VectorMetric.COSINE))) {
            index.addAll(Arrays.copyOf(ids, initial), Arrays.copyOf(data, initial));
            for (int i = 0; i < initial; i++) {
                submitted.add(ids[i]);
            }
            int searchers = 3;
            CountDownLatch started = new CountDownLatch(searchers);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < searchers; t++) {
                int seed = t;
                threads.add(new Thread(() -> {
                    Random random = new Random(SEED + seed);
                    started.countDown();
                    try {
                        do {
                            float[] query = data[random.nextInt(total)];
                            IdFilter filter = random.nextBoolean() ? null : IdFilter.of(Arrays.copyOf(ids, 50 + random.nextInt(total)));
                            for (Neighbor n : search(index, query, K, filter)) {
                                if (!submitted.contains(n.id())) {
                                    throw new AssertionError("search returned id " + n.id() + " that was never added");
                                }
                            }
                        } while (writing.get());
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "contract-searcher-" + t));
            }
            threads.forEach(Thread::start);
            started.await();
            try {
                for (int i = initial; i < total; i += 25) {
                    int end = Math.min(total, i + 25);
                    for (int j = i; j < end; j++) {
                        submitted.add(ids[j]);
                    }
                    if ((i / 25) % 2 == 0) {
                        index.addAll(Arrays.copyOfRange(ids, i, end), Arrays.copyOfRange(data, i, end));
                    } else {
                        for (int j = i; j < end; j++) {
                            index.add(ids[j], data[j]);
                        }
                    }
                }
            } finally {
                writing.set(false);
                for (Thread thread : threads) {
                    thread.join();
                }
            }
            assertThat(failures).isEmpty();
            assertThat(index.size()).isEqualTo(total);
            assertThat(sorted(index.ids())).isEqualTo(ids);
            assertThat(search(index, data[total - 1], 1, null)).extracting(Neighbor::id).containsExactly(ids[total - 1]);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A 2,000 x 32 data set with ids 7, 10, 13, ... (sparse, to catch id/ordinal mix-ups). */
    private Small small(VectorMetric metric) {
        ClusteredVectors gen = ClusteredVectors.forCount(SEED + 9, SMALL_DIMENSION, SMALL_COUNT);
        long[] ids = new long[SMALL_COUNT];
        for (int i = 0; i < SMALL_COUNT; i++) {
            ids[i] = 7 + 3L * i;
        }
        return new Small(this, gen, ids, gen.data(SMALL_COUNT), metric);
    }

    private record Small(VectorIndexContract suite, ClusteredVectors gen, long[] ids, float[][] data, VectorMetric metric) {
        VectorIndex create() {
            VectorIndex index = suite.provider().create(suite.spec(data[0].length, metric));
            index.addAll(ids, data);
            return index;
        }
    }

    private FilterFixture filterFixture() {
        if (filterFixture == null) {
            ClusteredVectors gen = ClusteredVectors.forCount(SEED + 10, FILTER_DIMENSION, FILTER_COUNT);
            float[][] data = gen.data(FILTER_COUNT);
            long[] ids = ClusteredVectors.sequentialIds(1, FILTER_COUNT);
            VectorIndex index = provider().create(spec(FILTER_DIMENSION, VectorMetric.COSINE));
            index.addAll(ids, data);
            filterFixture = new FilterFixture(index, ids, data, gen.queriesNear(data, FILTER_QUERIES, SEED + 11));
        }
        return filterFixture;
    }

    private record FilterFixture(VectorIndex index, long[] ids, float[][] data, float[][] queries) {
        /** A random subset (fixed seed) of about {@code fraction} of the ids. */
        IdFilter allowing(double fraction) {
            if (fraction >= 1) {
                return IdFilter.of(ids);
            }
            long[] shuffled = ids.clone();
            Random random = new Random(SEED + Double.hashCode(fraction));
            for (int i = shuffled.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                long tmp = shuffled[i];
                shuffled[i] = shuffled[j];
                shuffled[j] = tmp;
            }
            return IdFilter.of(Arrays.copyOf(shuffled, (int) Math.round(fraction * ids.length)));
        }
    }

    /** A k-nearest search as the store runs it: the planner over the index's two kinds of search. */
    protected static List<Neighbor> search(VectorIndex index, float[] query, int k, IdFilter filter) {
        return SearchPlanner.of(index.spec()).search(index, query, k, filter);
    }

    protected static IndexCheckpoint checkpoint(long sequence) {
        return new IndexCheckpoint("contract-store", sequence);
    }

    protected static long[] idsOf(List<Neighbor> neighbors) {
        return neighbors.stream().mapToLong(Neighbor::id).toArray();
    }

    private static long[] sorted(long[] ids) {
        long[] copy = ids.clone();
        Arrays.sort(copy);
        return copy;
    }

    private static float[] unit(int dimension, int axis) {
        float[] v = new float[dimension];
        v[axis] = 1;
        return v;
    }

    private static float[] withComponent(float value) {
        float[] v = unit(SMALL_DIMENSION, 0);
        v[SMALL_DIMENSION / 2] = value;
        return v;
    }

}
