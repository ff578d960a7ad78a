package dev.mnemo.testkit;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.embedding.EmbeddingModel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test-only embedding model: hashed character 1- to 3-grams, L2-normalised. Deterministic, fast,
 * and texts sharing words land near each other, which is all store tests need. Never registered
 * as a product provider.
 */
public final class HashingEmbeddingModel implements EmbeddingModel {
    private final int dimension;
    private final String name;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong texts = new AtomicLong();

    public HashingEmbeddingModel(int dimension) {
        this("test-hashing", dimension);
    }

    public HashingEmbeddingModel(String name, int dimension) {
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
    public List<float[]> embed(List<String> inputs) {
        calls.incrementAndGet();
        texts.addAndGet(inputs.size());
        List<float[]> out = new ArrayList<>(inputs.size());
        for (String text : inputs) {
            if (text == null || text.isBlank()) {
                throw new InvalidInputException("cannot embed an empty text");
            }
            out.add(vector(text));
        }
        return out;
    }

    /** The vector of one text (same as {@link #embed}). */
    public float[] vector(String text) {
        float[] v = new float[dimension];
        String s = text.toLowerCase(Locale.ROOT);
        int[] cps = s.codePoints().toArray();
        for (int n = 1; n <= 3; n++) {
            for (int i = 0; i + n <= cps.length; i++) {
                int h = hash(new String(cps, i, n));
                int bucket = Math.floorMod(h, dimension);
                v[bucket] += (h & 0x40000000) != 0 ? 1f : -1f;
            }
        }
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        if (norm == 0) {
            v[0] = 1;
            return v;
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /** How many embed calls were made. */
    public long calls() {
        return calls.get();
    }

    /** How many texts were embedded. */
    public long textsEmbedded() {
        return texts.get();
    }

    private static int hash(String gram) {
        int h = 0x811c9dc5;
        for (byte b : gram.getBytes(StandardCharsets.UTF_8)) {
            h ^= b;
            h *= 0x01000193;
        }
        return h;
    }
}
