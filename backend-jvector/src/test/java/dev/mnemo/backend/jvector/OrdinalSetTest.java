package dev.mnemo.backend.jvector;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OrdinalSetTest {
    @Test
    void holdsExactlyTheAddedOrdinalsAcrossGrowth() {
        OrdinalSet set = new OrdinalSet();
        set.add(0);
        set.add(63);
        set.add(64);
        set.add(100_000);
        assertThat(set.contains(0)).isTrue();
        assertThat(set.contains(63)).isTrue();
        assertThat(set.contains(64)).isTrue();
        assertThat(set.contains(100_000)).isTrue();
        assertThat(set.contains(1)).isFalse();
        assertThat(set.contains(65)).isFalse();
        assertThat(set.contains(99_999)).isFalse();
        assertThat(set.contains(5_000_000)).isFalse();
    }
}
