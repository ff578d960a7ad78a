package dev.mnemo.benchmarks;

import java.util.Random;

/**
 * Deterministic benchmark vectors shaped like sentence embeddings: Gaussian clusters around
 * random unit centres, every vector L2-normalised. The same seed gives the same centres, data and
 * queries on every JDK ({@link Random#nextGaussian()} is specified exactly), so forks, cached
 * indexes and the Python reference all see identical vectors.
 *
 * <p>A vector is {@code normalise(centre + noise)}, the noise having expected length
 * {@code spread}; 0.6 puts a member at cosine ~0.85 from its centre, like texts on one topic.
 * Queries come from the same distribution through another random stream, so they are near the
 * data but never in it.
 */
public final class ClusteredData {
    /** The seed every benchmark uses unless told otherwise. */
    public static final long DEFAULT_SEED = 20_261_129L;
    /** About a thousand topics, as in the measurements of the performance notes. */
    public static final int DEFAULT_CENTRES = 1000;
    public static final float DEFAULT_SPREAD = 0.6f;

    private final long seed;
    private final int dimension;
    private final float spread;
    private final float[][] centres;

    /**
     * @param seed      fixes centres, data and queries
     * @param dimension vector length, at least 1
     * @param centres   number of cluster centres, at least 1
     * @param spread    expected length of the noise added to a centre, not negative
     */
    public ClusteredData(long seed, int dimension, int centres, float spread) {
        if (dimension < 1 || centres < 1 || !(spread >= 0)) {
            throw new IllegalArgumentException("dimension " + dimension + ", centres " + centres + ", spread " + spread);
        }
        this.seed = seed;
        this.dimension = dimension;
        this.spread = spread;
        Random random = new Random(seed);
        this.centres = new float[centres][];
        for (int c = 0; c < centres; c++) {
            this.centres[c] = normalise(gaussian(random, 1f));
        }
    }

    /** The standard benchmark data of a dimension: {@link #DEFAULT_SEED}, 1,000 centres, spread 0.6. */
    public static ClusteredData standard(int dimension) {
        return new ClusteredData(DEFAULT_SEED, dimension, DEFAULT_CENTRES, DEFAULT_SPREAD);
    }

    public int dimension() {
        return dimension;
    }

    public long seed() {
        return seed;
    }

    /** The first {@code count} data vectors; every count shares the same prefix. */
    public float[][] vectors(int count) {
        return draw(new Random(seed * 0x9E3779B97F4A7C15L + 1), count);
    }

    /** The first {@code count} query vectors, drawn independently of the data. */
    public float[][] queries(int count) {
        return draw(new Random(seed * 0x9E3779B97F4A7C15L + 2), count);
    }

    private float[][] draw(Random random, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, got " + count);
        }
        float[][] out = new float[count][];
        float sigma = (float) (spread / Math.sqrt(dimension));
        for (int i = 0; i < count; i++) {
            float[] centre = centres[random.nextInt(centres.length)];
            float[] v = gaussian(random, sigma);
            for (int j = 0; j < dimension; j++) {
                v[j] += centre[j];
            }
            out[i] = normalise(v);
        }
        return out;
    }

    private float[] gaussian(Random random, float sigma) {
        float[] v = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            v[j] = (float) (random.nextGaussian() * sigma);
        }
        return v;
    }

    static float[] normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += (double) x * x;
        }
        if (sum == 0) {
            v[0] = 1; // practically unreachable; keeps every vector a valid cosine input
            return v;
        }
        float inv = (float) (1 / Math.sqrt(sum));
        for (int j = 0; j < v.length; j++) {
            v[j] *= inv;
        }
        return v;
    }
}
