package dev.mnemo.api.vector;

import dev.mnemo.api.DimensionMismatchException;
import dev.mnemo.api.InvalidVectorException;

/** Checks and arithmetic on {@code float[]} vectors that every backend needs. */
public final class Vectors {
    private Vectors() {
    }

    /**
     * Rejects a vector of the wrong length or with a non-finite component.
     *
     * @param what names the vector in the message (e.g. "vector for id 42")
     */
    public static void check(float[] vector, int dimension, String what) {
        if (vector == null) {
            throw new InvalidVectorException(what + " is null");
        }
        if (vector.length != dimension) {
            throw new DimensionMismatchException(what, dimension, vector.length);
        }
        for (int i = 0; i < vector.length; i++) {
            if (!Float.isFinite(vector[i])) {
                throw new InvalidVectorException(what + " has a non-finite component " + vector[i] + " at " + i);
            }
        }
    }

    /**
     * Checks a vector and returns the copy an index stores or queries with: unit length under
     * {@link VectorMetric#COSINE}, else an exact copy (the caller may reuse its array).
     */
    public static float[] prepare(float[] vector, int dimension, VectorMetric metric, String what) {
        check(vector, dimension, what);
        return metric == VectorMetric.COSINE ? normalized(vector, what) : vector.clone();
    }

    /** A unit-length copy; a zero vector (or one too small or large to scale) cannot be normalised and is rejected. */
    public static float[] normalized(float[] vector, String what) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        double norm = Math.sqrt(sum);
        if (norm == 0 || !Double.isFinite(norm)) {
            throw new InvalidVectorException(what + " has zero (or overflowing) length and cannot be normalised");
        }
        // divide in double: 1/norm in float overflows for vectors of subnormal components
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = (float) (vector[i] / norm);
        }
        return out;
    }

    /**
     * The cosine of two vectors of one length, computed in double so that components near
     * {@code Float.MAX_VALUE} cannot overflow; NaN when either has zero length.
     */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double normA = 0;
        double normB = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            normA += (double) a[i] * a[i];
            normB += (double) b[i] * b[i];
        }
        return normA == 0 || normB == 0 ? Double.NaN : dot / (Math.sqrt(normA) * Math.sqrt(normB));
    }

    public static float dot(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    public static float squaredDistance(float[] a, float[] b) {
        float sum = 0;
        for (int i = 0; i < a.length; i++) {
            float d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }
}
