package dev.mnemo.core.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorMetric;
import dev.mnemo.testkit.ClusteredVectors;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The planner's choices and options, on the exact backend (whose approximate search is a complete scan). */
class SearchPlannerTest {
    private static final int DIM = 16;
    private static final int COUNT = 3_000;

    private final ClusteredVectors gen = ClusteredVectors.forCount(77, DIM, COUNT);
    private final float[][] data = gen.data(COUNT);
    private final long[] ids = ClusteredVectors.sequentialIds(1, COUNT);

    /** Only the count decides: no cost estimate. */
    private static IndexSpec countOnly(int count) {
        return IndexSpec.of(DIM, VectorMetric.COSINE).withOption("filter-exact-count", String.valueOf(count))
                .withOption("filter-exact-factor", "0");
    }

    private VectorIndex filled(IndexSpec spec) {
        VectorIndex index = new ExactIndexProvider().create(spec);
        index.addAll(ids, data);
        return index;
    }

    @Test
    void filtersUpToTheExactCountAreScoredExactlyAndLargerOnesSearched() {
        IndexSpec spec = countOnly(100);
        SearchPlanner planner = SearchPlanner.of(spec);
        try (VectorIndex index = filled(spec)) {
            assertThat(planner.search(index, data[0], 10, IdFilter.of(Arrays.copyOf(ids, 100)))).hasSize(10);
            assertThat(planner.search(index, data[0], 10, IdFilter.of(Arrays.copyOf(ids, 101)))).hasSize(10);
            assertThat(planner.search(index, data[0], 10, null)).hasSize(10);
            assertThat(planner.search(index, data[0], 10, IdFilter.of())).isEmpty();
            assertThat(planner.counts()).containsEntry("exact-filter-searches", 1L)
                    .containsEntry("approximate-searches", 2L).containsEntry("exact-fallbacks", 0L);
        }
    }

    @Test
    void aFilterWithFewerPresentIdsThanKIsAnsweredInFull() {
        IndexSpec spec = countOnly(0);
        SearchPlanner planner = SearchPlanner.of(spec);
        try (VectorIndex index = filled(spec)) {
            long[] allowed = new long[200];
            for (int i = 0; i < allowed.length; i++) {
                allowed[i] = i < 3 ? ids[i * 50] : 1_000_000 + i; // three present, the rest unknown
            }
            assertThat(planner.search(index, data[0], 10, IdFilter.of(allowed))).hasSize(3);
        }
    }

    @Test
    void theFaissOptionNameIsAcceptedAsADeprecatedAliasOfTheCount() {
        IndexSpec old = IndexSpec.of(DIM, VectorMetric.COSINE).withOption("exact-min", "5")
                .withOption("filter-exact-factor", "0");
        SearchPlanner planner = SearchPlanner.of(old);
        try (VectorIndex index = filled(old)) {
            planner.search(index, data[0], 3, IdFilter.of(Arrays.copyOf(ids, 5)));
            planner.search(index, data[0], 3, IdFilter.of(Arrays.copyOf(ids, 6)));
            assertThat(planner.counts()).containsEntry("exact-filter-searches", 1L).containsEntry("approximate-searches", 1L);
        }
    }

    @Test
    void malformedOptionsAndKAreInvalidInputNamingTheProblem() {
        assertThatThrownBy(() -> SearchPlanner.of(IndexSpec.of(DIM, VectorMetric.COSINE).withOption("filter-exact-count", "-1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("filter-exact-count");
        assertThatThrownBy(() -> SearchPlanner.of(IndexSpec.of(DIM, VectorMetric.COSINE).withOption("filter-exact-factor", "x")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("filter-exact-factor");
        IndexSpec spec = IndexSpec.of(DIM, VectorMetric.COSINE);
        try (VectorIndex index = new ExactIndexProvider().create(spec)) {
            assertThatThrownBy(() -> SearchPlanner.of(spec).search(index, data[0], 0, null))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("k");
        }
    }
}
