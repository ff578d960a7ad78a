package dev.mnemo.testkit;

import java.util.Random;

/**
 * Deterministic test vectors shaped like sentence embeddings: Gaussian clusters around random
 * unit centres, every vector L2-normalised. The same seed always gives the same centres, data
 * and queries, so a failing contract test can be replayed exactly.
 *
 * <p>Each vector is {@code normalise(centre + noise)} where the noise has expected length
 * {@code spread}; {@code spread = 0.6} puts a member at cosine ~0.85 from its centre, like
 * embeddings of texts on one topic.
 */
public final class ClusteredVectors {
    private final long seed;
    private final int dimension;
    private final float spread;
    private final float[][] centres;

    /**
     * @param seed      fixes centres, data and queries
     * @param dimension vector length
     * @param clusters  number of centres
     * @param spread    expected length of the noise added to a centre (before normalising)
     */
    public ClusteredVectors(long seed, int dimension, int clusters, float spread) {
        if (dimension < 1 || clusters < 1 || !(spread >= 0)) {
            throw new IllegalArgumentException("dimension " + dimension + ", clusters " + clusters + ", spread " + spread);
        }
        this.seed = seed;
        this.dimension = dimension;
        this.spread = spread;
        Random random = new Random(seed);
        this.centres = new float[clusters][];
        for (int c = 0; c < clusters; c++) {
            centres[c] = normalise(gaussian(random, dimension, 1f));
        }
    }

    /** About one centre per hundred vectors, spread 0.6: what the suite uses unless it says otherwise. */
    public static ClusteredVectors forCount(long seed, int dimension, int count) {
        return new ClusteredVectors(seed, dimension, Math.max(1, count / 100), 0.6f);
    }

    public int dimension() {
        return dimension;
    }

    /** The first {@code count} data vectors (the same prefix for every count). */
    public float[][] data(int count) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + 1);
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            float[] centre = centres[random.nextInt(centres.length)];
            out[i] = normalise(add(centre, gaussian(random, dimension, spread)));
        }
        return out;
    }

    /**
     * Queries near the data: each is a randomly chosen data vector moved by noise of half the
     * cluster spread, so it has a clear nearest neighbour and a neighbourhood inside its cluster.
     */
    public float[][] queriesNear(float[][] data, int count, long querySeed) {
        Random random = new Random(querySeed);
        float[][] out = new float[count][];
        for (int i = 0; i < count; i++) {
            float[] base = data[random.nextInt(data.length)];
            out[i] = normalise(add(base, gaussian(random, dimension, spread / 2)));
        }
        return out;
    }

    /** Ids {@code first, first+1, ...} for {@code count} vectors. */
    public static long[] sequentialIds(long first, int count) {
        long[] ids = new long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = first + i;
        }
        return ids;
    }

    /** A copy of {@code v} multiplied by {@code factor}. */
    public static float[] scaled(float[] v, float factor) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * factor;
        }
        return out;
    }

    // per-component sigma of length/sqrt(d) gives a noise vector of expected length `length`
    private static float[] gaussian(Random random, int dimension, float length) {
        float sigma = (float) (length / Math.sqrt(dimension));
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian() * sigma;
        }
        return v;
    }

    private static float[] add(float[] a, float[] b) {
        float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    static float[] normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        float inv = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }
}
