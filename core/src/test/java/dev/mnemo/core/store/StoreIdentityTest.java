package dev.mnemo.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StoreIdentityTest {
    @Test
    void checkpointsArePositiveAndRoundTripForEveryTagWidth() {
        for (int tag : new int[] {1, 2, (1 << 18) + 7, (1 << 19) - 1}) {
            for (long seq : new long[] {0, 1, 123_456_789L, (1L << 44) - 1}) {
                long checkpoint = StoreIdentity.checkpoint(tag, seq);
                assertThat(checkpoint).isNotNegative();
                assertThat(StoreIdentity.tagOf(checkpoint)).isEqualTo(tag);
                assertThat(StoreIdentity.seqOf(checkpoint)).isEqualTo(seq);
            }
        }
    }
}
