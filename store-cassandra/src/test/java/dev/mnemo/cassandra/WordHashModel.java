package dev.mnemo.cassandra;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.embedding.EmbeddingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Test embedding model: each lower-cased word adds ±1 to a bucket chosen by its hash. Texts
 * sharing words are near, a text is nearest to itself; deterministic and instant.
 */
final class WordHashModel implements EmbeddingModel {
    private final String name;
    private final int dimension;

    WordHashModel(String name, int dimension) {
        this.name = name;
        this.dimension = dimension;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            if (text == null || text.isBlank()) {
                throw new InvalidInputException("cannot embed an empty text");
            }
            out.add(vector(text));
        }
        return out;
    }

    private float[] vector(String text) {
        float[] v = new float[dimension];
        for (String word : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!word.isEmpty()) {
                int h = word.hashCode() * 0x9E3779B1;
                v[Math.floorMod(h, dimension)] += h < 0 ? -1 : 1;
            }
        }
        v[dimension - 1] += 0.01f; // never all zeros (a text of punctuation only)
        return v;
    }
}
