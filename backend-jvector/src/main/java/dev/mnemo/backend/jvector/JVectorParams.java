package dev.mnemo.backend.jvector;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.vector.IndexSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Graph and search parameters of a JVector index, read from {@link IndexSpec#options()} (the
 * {@code mnemo.vector.jvector.*} keys) and validated once.
 *
 * @param maxDegree           {@code max-degree}: edges per node (JVector's M)
 * @param beamWidth           {@code beam-width}: candidate list size while inserting
 * @param overquery           {@code overquery}: search beam as a multiple of k
 * @param minSearchBeam       {@code search-beam-min}: the search beam is never narrower than this
 *                            (a beam of k * overquery alone is too narrow for small k)
 * @param alpha               {@code alpha}: diversity pruning; above 1 keeps longer edges
 * @param neighborOverflow    {@code neighbor-overflow}: temporary extra edges allowed during inserts
 * @param hierarchy           {@code hierarchy}: add HNSW-style upper layers above the Vamana graph
 * @param cleanupRatio        {@code cleanup-ratio}: purge deleted nodes from the graph once they
 *                            exceed this fraction of the live ones
 */
record JVectorParams(int maxDegree, int beamWidth, double overquery, int minSearchBeam, float alpha, float neighborOverflow,
                     boolean hierarchy, double cleanupRatio) {

    static final int DEFAULT_MAX_DEGREE = 32;
    static final int DEFAULT_BEAM_WIDTH = 100;
    static final double DEFAULT_OVERQUERY = 5.0;
    static final int DEFAULT_MIN_SEARCH_BEAM = 32;
    static final float DEFAULT_ALPHA = 1.2f;
    static final float DEFAULT_NEIGHBOR_OVERFLOW = 1.2f;
    static final double DEFAULT_CLEANUP_RATIO = 0.1;

    JVectorParams {
        require(maxDegree >= 2 && maxDegree <= 512, "max-degree", "between 2 and 512", maxDegree);
        require(beamWidth >= 1 && beamWidth <= 10_000, "beam-width", "between 1 and 10000", beamWidth);
        require(overquery >= 1 && overquery <= 1_000, "overquery", "between 1 and 1000", overquery);
        require(minSearchBeam >= 1 && minSearchBeam <= 100_000, "search-beam-min", "between 1 and 100000", minSearchBeam);
        require(alpha >= 0.5f && alpha <= 4f, "alpha", "between 0.5 and 4", alpha);
        require(neighborOverflow >= 1f && neighborOverflow <= 4f, "neighbor-overflow", "between 1 and 4", neighborOverflow);
        require(cleanupRatio > 0 && cleanupRatio <= 10, "cleanup-ratio", "above 0 and at most 10", cleanupRatio);
    }

    static JVectorParams from(IndexSpec spec) {
        return new JVectorParams(
                spec.intOption("max-degree", DEFAULT_MAX_DEGREE),
                spec.intOption("beam-width", DEFAULT_BEAM_WIDTH),
                spec.doubleOption("overquery", DEFAULT_OVERQUERY),
                spec.intOption("search-beam-min", DEFAULT_MIN_SEARCH_BEAM),
                (float) spec.doubleOption("alpha", DEFAULT_ALPHA),
                (float) spec.doubleOption("neighbor-overflow", DEFAULT_NEIGHBOR_OVERFLOW),
                parseBoolean(spec.option("hierarchy", "true")),
                spec.doubleOption("cleanup-ratio", DEFAULT_CLEANUP_RATIO));
    }

    /** The search beam (JVector's rerankK) for k results. */
    int searchBeam(int k) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(Math.max(k, minSearchBeam), (long) Math.ceil(k * overquery)));
    }

    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("max-degree", maxDegree);
        out.put("beam-width", beamWidth);
        out.put("overquery", overquery);
        out.put("search-beam-min", minSearchBeam);
        out.put("alpha", alpha);
        out.put("neighbor-overflow", neighborOverflow);
        out.put("hierarchy", hierarchy);
        out.put("cleanup-ratio", cleanupRatio);
        return out;
    }

    private static boolean parseBoolean(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new InvalidInputException("option 'hierarchy' must be true or false, got '" + value + "'");
        };
    }

    private static void require(boolean ok, String key, String range, Object value) {
        if (!ok) {
            throw new InvalidInputException("option '" + key + "' must be " + range + ", got " + value);
        }
    }
}
