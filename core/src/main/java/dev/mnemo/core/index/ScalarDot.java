package dev.mnemo.core.index;

/**
 * The portable inner loop: eight independent accumulators let the JIT pipeline the
 * multiply-adds (one running sum would be one long dependency chain, and C2 does not vectorise
 * float reductions by itself).
 */
final class ScalarDot implements DotProduct.Kernel {
    @Override
    public float dot(float[] q, float[] v, int offset, int length) {
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        int i = 0;
        for (; i + 7 < length; i += 8) {
            int o = offset + i;
            s0 += q[i] * v[o];
            s1 += q[i + 1] * v[o + 1];
            s2 += q[i + 2] * v[o + 2];
            s3 += q[i + 3] * v[o + 3];
            s4 += q[i + 4] * v[o + 4];
            s5 += q[i + 5] * v[o + 5];
            s6 += q[i + 6] * v[o + 6];
            s7 += q[i + 7] * v[o + 7];
        }
        for (; i < length; i++) {
            s0 += q[i] * v[offset + i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }
}
