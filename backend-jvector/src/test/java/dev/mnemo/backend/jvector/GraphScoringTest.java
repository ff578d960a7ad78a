package dev.mnemo.backend.jvector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mnemo.api.vector.VectorMetric;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import org.junit.jupiter.api.Test;

class GraphScoringTest {
    private static final VectorTypeSupport VTS = VectorizationProvider.getInstance().getVectorTypeSupport();

    @Test
    void dotProductGraphScoresArePositiveRankLikeTheDotProductAndMapBack() {
        GraphScoring scoring = GraphScoring.of(VectorMetric.DOT_PRODUCT);
        float previous = 0;
        for (float dot = -1_000f; dot <= 1_000f; dot += 0.25f) {
            float graphScore = scoring.compare(vector(dot, 0), vector(1, 0));
            assertThat(graphScore).as("graph score of dot %s", dot).isGreaterThan(previous);
            assertThat(scoring.toMnemo(graphScore)).isCloseTo(dot, within(Math.max(1e-4f, Math.abs(dot) * 1e-4f)));
            previous = graphScore;
        }
    }

    @Test
    void cosineAndEuclideanKeepMnemosScale() {
        VectorFloat<?> x = vector(1, 0);
        assertThat(GraphScoring.of(VectorMetric.COSINE).toMnemo(GraphScoring.of(VectorMetric.COSINE).compare(x, vector(0, 1))))
                .isCloseTo(0f, within(1e-6f));
        assertThat(GraphScoring.of(VectorMetric.COSINE).toMnemo(GraphScoring.of(VectorMetric.COSINE).compare(x, vector(-1, 0))))
                .isCloseTo(-1f, within(1e-6f));
        assertThat(GraphScoring.of(VectorMetric.EUCLIDEAN).toMnemo(GraphScoring.of(VectorMetric.EUCLIDEAN).compare(x, vector(3, 0))))
                .isCloseTo(1f / 5, within(1e-6f));
    }

    private static VectorFloat<?> vector(float a, float b) {
        return VTS.createFloatVector(new float[] {a, b});
    }
}
