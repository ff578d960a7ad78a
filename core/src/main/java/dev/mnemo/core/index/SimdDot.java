package dev.mnemo.core.index;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD inner loop over the incubating Vector API (present in JDK 17 and later, resolved only
 * with {@code --add-modules jdk.incubator.vector}). Loading this class without the module fails
 * with a {@link LinkageError}, which {@link DotProduct} catches to fall back to {@link ScalarDot}.
 */
final class SimdDot implements DotProduct.Kernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    @Override
    public float dot(float[] q, float[] v, int offset, int length) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int i = 0;
        int bound = SPECIES.loopBound(length);
        for (; i < bound; i += SPECIES.length()) {
            acc = FloatVector.fromArray(SPECIES, q, i).fma(FloatVector.fromArray(SPECIES, v, offset + i), acc);
        }
        float sum = acc.reduceLanes(VectorOperators.ADD);
        for (; i < length; i++) {
            sum += q[i] * v[offset + i];
        }
        return sum;
    }
}
