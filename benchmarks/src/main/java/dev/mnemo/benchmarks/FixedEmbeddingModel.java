package dev.mnemo.benchmarks;

import dev.mnemo.api.embedding.EmbeddingModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A trivial embedding model of a fixed dimension for stores fed precomputed vectors: the
 * benchmarks never embed (embedding time is excluded by design), but a store needs a model for
 * its name, dimension and the query-text path. Text maps to a seeded random unit vector.
 * Stateless and thread-safe.
 */
public final class FixedEmbeddingModel implements EmbeddingModel {
    private final int dimension;

    public FixedEmbeddingModel(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        this.dimension = dimension;
    }

    @Override
    public String name() {
        return "bench:fixed-" + dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            Random random = new Random(Arrays.hashCode(text.getBytes(StandardCharsets.UTF_8)));
            float[] v = new float[dimension];
            for (int i = 0; i < dimension; i++) {
                v[i] = (float) random.nextGaussian();
            }
            out.add(ClusteredData.normalise(v));
        }
        return out;
    }
}
