package dev.mnemo.api.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class VectorsTest {
    @Test
    void cosineIsFiniteForComponentsNearTheFloatMaximum() {
        float[] huge = {Float.MAX_VALUE, Float.MAX_VALUE, 0};
        float[] unit = {1, 0, 0};
        assertThat(Vectors.dot(huge, huge)).isInfinite(); // what a plain float dot product does
        assertThat(Vectors.cosine(huge, unit)).isCloseTo(Math.sqrt(0.5), within(1e-9));
        assertThat(Vectors.cosine(huge, huge)).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void cosineOfAZeroVectorIsNaN() {
        assertThat(Vectors.cosine(new float[] {0, 0}, new float[] {1, 0})).isNaN();
    }
}
