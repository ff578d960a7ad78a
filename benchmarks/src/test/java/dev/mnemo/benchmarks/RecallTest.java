package dev.mnemo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.vector.Neighbor;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecallTest {

    @Test
    void countsTheShareOfTrueNeighboursFoundInAnyOrder() {
        assertThat(Recall.of(new long[] {3, 2, 1}, new long[] {1, 2, 3}, 3)).isEqualTo(1.0);
        assertThat(Recall.of(new long[] {1, 9, 8, 2}, new long[] {1, 2, 3, 4}, 4)).isEqualTo(0.5);
    }

    @Test
    void onlyTheFirstKOfEitherListCount() {
        // the true neighbour 3 is returned at rank 3, beyond k = 2
        assertThat(Recall.of(new long[] {1, 7, 3}, new long[] {1, 3, 5}, 2)).isEqualTo(0.5);
    }

    @Test
    void aDuplicatedIdCountsOnce() {
        assertThat(Recall.of(new long[] {1, 1}, new long[] {1, 2}, 2)).isEqualTo(0.5);
    }

    @Test
    void fewerTrueNeighboursThanKAreTheDenominator() {
        assertThat(Recall.of(new long[] {4, 5}, new long[] {4, 5}, 10)).isEqualTo(1.0);
        assertThat(Recall.of(new long[] {}, new long[] {}, 10)).isEqualTo(1.0);
        assertThat(Recall.of(new long[] {}, new long[] {4}, 10)).isEqualTo(0.0);
    }

    @Test
    void meanAveragesQueries() {
        long[][] found = {{1, 2}, {3, 9}};
        long[][] truth = {{1, 2}, {3, 4}};
        assertThat(Recall.mean(found, truth, 2)).isEqualTo(0.75);
        assertThatThrownBy(() -> Recall.mean(found, new long[1][], 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void idsKeepTheResultOrder() {
        assertThat(Recall.ids(List.of(new Neighbor(5, 0.9f), new Neighbor(2, 0.8f)))).containsExactly(5, 2);
    }
}
