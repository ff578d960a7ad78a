package dev.mnemo.backend.jvector;

import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorMetric;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.graph.similarity.ScoreFunction;
import io.github.jbellis.jvector.graph.similarity.SearchScoreProvider;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorUtil;
import io.github.jbellis.jvector.vector.types.VectorFloat;

/**
 * How one metric is scored inside the JVector graph (building and searching alike), and how those
 * graph scores map back to Mnemo's scale.
 *
 * <p>Cosine (vectors normalised on the way in) and Euclidean use JVector's own functions. A raw dot
 * product cannot: JVector's {@code DOT_PRODUCT} reports {@code (1 + dot) / 2}, which is negative
 * whenever {@code dot < -1}, and JVector's search discards scores below its threshold of 0 (its
 * descent through the upper layers then ends with no entry point; with assertions on it throws).
 * Dot products are therefore scored as {@code dot + 1} when non-negative and {@code 1 / (1 - dot)}
 * below zero: always positive, and increasing in {@code dot}, so it ranks exactly as the dot product.
 */
abstract class GraphScoring {

    static GraphScoring of(VectorMetric metric) {
        return switch (metric) {
            case COSINE -> new Builtin(VectorSimilarityFunction.DOT_PRODUCT) {
                @Override
                float toMnemo(float graphScore) {
                    return 2 * graphScore - 1; // JVector reports (1 + cos) / 2
                }
            };
            case EUCLIDEAN -> new Builtin(VectorSimilarityFunction.EUCLIDEAN) {
                @Override
                float toMnemo(float graphScore) {
                    return graphScore; // 1 / (1 + d²), Mnemo's own scale
                }
            };
            case DOT_PRODUCT -> new InnerProduct();
        };
    }

    /** The graph score of two vectors: higher is closer, never negative. */
    abstract float compare(VectorFloat<?> a, VectorFloat<?> b);

    /** A graph score on Mnemo's scale for this metric (see {@link Neighbor}). */
    abstract float toMnemo(float graphScore);

    /** What the graph builder scores inserts and neighbour pruning with. */
    abstract BuildScoreProvider buildScores(VectorStore vectors);

    /** What a search scores the nodes it visits with. */
    abstract SearchScoreProvider searchScores(VectorFloat<?> query, VectorStore vectors);

    private abstract static class Builtin extends GraphScoring {
        private final VectorSimilarityFunction function;

        Builtin(VectorSimilarityFunction function) {
            this.function = function;
        }

        @Override
        float compare(VectorFloat<?> a, VectorFloat<?> b) {
            return function.compare(a, b);
        }

        @Override
        BuildScoreProvider buildScores(VectorStore vectors) {
            return BuildScoreProvider.randomAccessScoreProvider(vectors, function);
        }

        @Override
        SearchScoreProvider searchScores(VectorFloat<?> query, VectorStore vectors) {
            return DefaultSearchScoreProvider.exact(query, function, vectors);
        }
    }

    private static final class InnerProduct extends GraphScoring {
        @Override
        float compare(VectorFloat<?> a, VectorFloat<?> b) {
            float dot = VectorUtil.dotProduct(a, b);
            return dot >= 0 ? dot + 1 : 1 / (1 - dot);
        }

        @Override
        float toMnemo(float graphScore) {
            return graphScore >= 1 ? graphScore - 1 : 1 - 1 / graphScore;
        }

        @Override
        SearchScoreProvider searchScores(VectorFloat<?> query, VectorStore vectors) {
            ScoreFunction.ExactScoreFunction score = node -> compare(query, vectors.getVector(node));
            return new DefaultSearchScoreProvider(score);
        }

        @Override
        BuildScoreProvider buildScores(VectorStore vectors) {
            return new BuildScoreProvider() {
                @Override
                public boolean isExact() {
                    return true;
                }

                @Override
                public VectorFloat<?> approximateCentroid() {
                    VectorFloat<?> sum = vts.createFloatVector(vectors.dimension());
                    int count = 0;
                    for (int ordinal = 0; ordinal < vectors.size(); ordinal++) {
                        VectorFloat<?> v = vectors.getVector(ordinal);
                        if (v != null) { // purged ordinals have none
                            VectorUtil.addInPlace(sum, v);
                            count++;
                        }
                    }
                    if (count > 0) {
                        VectorUtil.scale(sum, 1f / count);
                    }
                    return sum;
                }

                @Override
                public SearchScoreProvider searchProviderFor(VectorFloat<?> vector) {
                    return searchScores(vector, vectors);
                }

                @Override
                public SearchScoreProvider searchProviderFor(int node) {
                    return searchScores(vectors.getVector(node), vectors);
                }

                @Override
                public SearchScoreProvider diversityProviderFor(int node) {
                    return searchScores(vectors.getVector(node), vectors);
                }
            };
        }
    }
}
