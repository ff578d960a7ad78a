package dev.mnemo.core.index;

import org.slf4j.LoggerFactory;

/**
 * Dot products over slices of a flat {@code float[]}, the inner loop of exact search. Uses the
 * Vector API (SIMD) when the JVM runs with {@code --add-modules jdk.incubator.vector}, else a
 * scalar loop; the choice is made once, from what the running JVM can do, and logged.
 */
final class DotProduct {
    private static final Kernel KERNEL = choose();

    /** One implementation of the inner loop. */
    interface Kernel {
        float dot(float[] q, float[] data, int offset, int length);
    }

    private DotProduct() {
    }

    static float dot(float[] q, float[] data, int offset, int length) {
        return KERNEL.dot(q, data, offset, length);
    }

    /** Which kernel is in use: {@code simd} or {@code scalar}. */
    static String kernelName() {
        return KERNEL instanceof ScalarDot ? "scalar" : "simd";
    }

    private static Kernel choose() {
        try {
            Kernel simd = new SimdDot();
            float check = simd.dot(new float[] {1, 2, 3}, new float[] {0, 1, 1, 1}, 1, 3);
            if (check == 6f) {
                return simd;
            }
        } catch (LinkageError | RuntimeException notAvailable) {
            LoggerFactory.getLogger(DotProduct.class).debug("Vector API not available, exact search uses a scalar loop"
                    + " (run with --add-modules jdk.incubator.vector for SIMD): {}", notAvailable.toString());
        }
        return new ScalarDot();
    }
}
