package dev.mnemo.core.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DotProductTest {
    @Test
    void simdIsInUseWhenTheModuleIsAddedAsInTheseTests() {
        assertThat(DotProduct.kernelName()).isEqualTo("simd");
    }

    @Test
    void simdAndScalarAgreeForOddLengthsAndOffsets() {
        Random random = new Random(3);
        ScalarDot scalar = new ScalarDot();
        SimdDot simd = new SimdDot();
        for (int length : new int[] {1, 3, 7, 8, 9, 31, 64, 383, 384, 1024, 1027}) {
            float[] q = new float[length];
            float[] data = new float[length * 3 + 5];
            for (int i = 0; i < q.length; i++) {
                q[i] = (float) random.nextGaussian();
            }
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) random.nextGaussian();
            }
            for (int offset : new int[] {0, 5, length + 2}) {
                double exact = 0;
                for (int i = 0; i < length; i++) {
                    exact += (double) q[i] * data[offset + i];
                }
                assertThat((double) scalar.dot(q, data, offset, length)).as("scalar %d", length)
                        .isCloseTo(exact, within(1e-3 * Math.sqrt(length)));
                assertThat((double) simd.dot(q, data, offset, length)).as("simd %d", length)
                        .isCloseTo(exact, within(1e-3 * Math.sqrt(length)));
            }
        }
    }
}
