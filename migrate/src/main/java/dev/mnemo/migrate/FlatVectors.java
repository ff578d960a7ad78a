package dev.mnemo.migrate;

import java.util.Objects;

/**
 * The vectors of a legacy FAISS flat index, in position order, exactly as stored.
 *
 * @param dimension    components per vector
 * @param innerProduct {@code true} for {@code IndexFlatIP} ({@code IxFI}), {@code false} for
 *                     {@code IndexFlatL2} ({@code IxF2})
 */
public record FlatVectors(int dimension, boolean innerProduct, float[][] vectors) {
    public FlatVectors {
        Objects.requireNonNull(vectors, "vectors");
    }

    /** How many vectors the index holds ({@code ntotal}). */
    public int count() {
        return vectors.length;
    }

    /** A copy of the vector at a position. */
    public float[] vector(int position) {
        return vectors[position].clone();
    }

    /** The vectors themselves, without copying; callers must not change them. */
    @Override
    public float[][] vectors() {
        return vectors;
    }
}
