package dev.mnemo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ClusteredDataTest {

    @Test
    void sameSeedGivesTheSameVectorsAndQueries() {
        ClusteredData a = new ClusteredData(7, 16, 20, 0.6f);
        ClusteredData b = new ClusteredData(7, 16, 20, 0.6f);
        assertThat(a.vectors(50)).isDeepEqualTo(b.vectors(50));
        assertThat(a.queries(10)).isDeepEqualTo(b.queries(10));
    }

    @Test
    void otherSeedGivesOtherVectors() {
        assertThat(new ClusteredData(7, 16, 20, 0.6f).vectors(5)[0])
                .isNotEqualTo(new ClusteredData(8, 16, 20, 0.6f).vectors(5)[0]);
    }

    @Test
    void smallerCountsArePrefixesOfLargerOnes() {
        ClusteredData data = ClusteredData.standard(8);
        float[][] many = data.vectors(100);
        float[][] few = data.vectors(10);
        for (int i = 0; i < few.length; i++) {
            assertThat(few[i]).containsExactly(many[i]);
        }
    }

    @Test
    void vectorsAreUnitLengthAndQueriesAreNotDataVectors() {
        ClusteredData data = ClusteredData.standard(32);
        float[][] vectors = data.vectors(200);
        for (float[] v : vectors) {
            double sum = 0;
            for (float x : v) {
                sum += x * x;
            }
            assertThat(sum).isCloseTo(1.0, Offset.offset(1e-5));
        }
        assertThat(data.queries(1)[0]).isNotEqualTo(vectors[0]);
    }

    @Test
    void vectorsClusterAroundTheirCentres() {
        // with spread 0.6 a member sits at cosine ~0.85 from its centre, so members of one cluster are
        // far closer to each other than random unit vectors in 256 dimensions (cosine ~0)
        ClusteredData data = new ClusteredData(3, 256, 1, 0.6f);
        float[][] v = data.vectors(2);
        assertThat(dot(v[0], v[1])).isGreaterThan(0.6f);
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> new ClusteredData(1, 0, 1, 0.6f)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusteredData.standard(4).vectors(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
