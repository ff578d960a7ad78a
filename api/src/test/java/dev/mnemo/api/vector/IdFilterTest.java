package dev.mnemo.api.vector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdFilterTest {
    @Test
    void keepsEachIdOnceInAscendingOrder() {
        IdFilter filter = IdFilter.of(7, 3, 7, 1, 3);
        assertThat(filter.toArray()).containsExactly(1, 3, 7);
        assertThat(filter.size()).isEqualTo(3);
        List<Long> visited = new ArrayList<>();
        filter.forEach(visited::add);
        assertThat(visited).containsExactly(1L, 3L, 7L);
    }

    @Test
    void anEmptyFilterAllowsNothing() {
        IdFilter filter = IdFilter.of();
        assertThat(filter.isEmpty()).isTrue();
        assertThat(filter.size()).isZero();
        assertThat(filter.contains(0)).isFalse();
        assertThat(filter.contains(Long.MIN_VALUE)).isFalse();
        assertThat(filter.toArray()).isEmpty();
    }

    @Test
    void isNotChangedByItsInputOrOutputArrays() {
        long[] ids = {4, 5, 6};
        IdFilter filter = IdFilter.of(ids);
        ids[0] = 40;
        filter.toArray()[1] = 50;
        assertThat(filter.toArray()).containsExactly(4, 5, 6);
        assertThat(filter.contains(4)).isTrue();
        assertThat(filter.contains(40)).isFalse();
    }

    @Test
    void denseIdsAtWordBoundariesAndJustOutsideTheRange() {
        IdFilter filter = IdFilter.of(63, 64, 127, 128, 1000);
        for (long id : new long[] {63, 64, 127, 128, 1000}) {
            assertThat(filter.contains(id)).as("id %d", id).isTrue();
        }
        for (long id : new long[] {62, 65, 126, 129, 999, 1001, 1024, 0, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            assertThat(filter.contains(id)).as("id %d", id).isFalse();
        }
    }

    @Test
    void sparseIdsAcrossTheWholeLongRange() {
        IdFilter filter = IdFilter.of(Long.MIN_VALUE, -5, 0, 1L << 40, Long.MAX_VALUE);
        for (long id : new long[] {Long.MIN_VALUE, -5, 0, 1L << 40, Long.MAX_VALUE}) {
            assertThat(filter.contains(id)).as("id %d", id).isTrue();
        }
        for (long id : new long[] {Long.MIN_VALUE + 1, -4, 1, (1L << 40) - 1, Long.MAX_VALUE - 1}) {
            assertThat(filter.contains(id)).as("id %d", id).isFalse();
        }
    }

    /** Dense spans take the bitmap, wide ones the sorted array: both must agree with a plain set. */
    @ParameterizedTest
    @ValueSource(longs = {100, 10_000, 1L << 20, 1L << 40})
    void agreesWithASetForRandomIds(long span) {
        Random random = new Random(span);
        Set<Long> expected = new HashSet<>();
        long[] ids = new long[500];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 1_000 + Math.floorMod(random.nextLong(), span);
            expected.add(ids[i]);
        }
        IdFilter filter = IdFilter.of(ids);
        assertThat(filter.size()).isEqualTo(expected.size());
        for (int i = 0; i < 5_000; i++) {
            long probe = 1_000 - 10 + Math.floorMod(random.nextLong(), span + 20);
            assertThat(filter.contains(probe)).as("id %d", probe).isEqualTo(expected.contains(probe));
        }
        for (long id : ids) {
            assertThat(filter.contains(id)).isTrue();
        }
    }
}
