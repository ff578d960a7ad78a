package dev.mnemo.backend.faiss;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.vector.IndexSpec;
import java.util.Locale;

/**
 * The {@code mnemo.vector.faiss.*} options, validated once when an index is created or loaded.
 *
 * @param factory           FAISS factory string of the index under the id map ({@code factory}, default
 *                          {@value #DEFAULT_FACTORY}; e.g. {@code Flat}, {@code HNSW32}, {@code IVF256,Flat})
 * @param efSearch          HNSW search breadth ({@code ef-search}, default {@value #DEFAULT_EF_SEARCH})
 * @param efConstruction    HNSW build breadth ({@code ef-construction}, default {@value #DEFAULT_EF_CONSTRUCTION})
 * @param ompThreads        OpenMP threads per calling thread ({@code omp-threads}, default 1: one per query
 *                          thread serves best, see the FAISS notes)
 * @param exactMin          a filter allowing at most this many ids is scored exactly ({@code exact-min},
 *                          default {@value #DEFAULT_EXACT_MIN})
 * @param exactFraction     ... and so is one allowing at most this fraction of the present vectors
 *                          ({@code exact-fraction}, default {@value #DEFAULT_EXACT_FRACTION})
 * @param purgeFraction     deleted rows are purged once they exceed this fraction of the rows
 *                          ({@code purge-fraction}; default 0.05 for flat indexes, where purging is a cheap
 *                          in-place removal, and 0.25 for the others, which are rebuilt), or a negative value for
 *                          the per-type default
 */
record FaissOptions(String factory, int efSearch, int efConstruction, int ompThreads, int exactMin,
                    double exactFraction, double purgeFraction) {
    static final String DEFAULT_FACTORY = "HNSW32";
    static final int DEFAULT_EF_SEARCH = 64;
    static final int DEFAULT_EF_CONSTRUCTION = 40;
    static final int DEFAULT_EXACT_MIN = 2048;
    static final double DEFAULT_EXACT_FRACTION = 0.05;
    static final double FLAT_PURGE_FRACTION = 0.05;
    static final double REBUILD_PURGE_FRACTION = 0.25;

    static FaissOptions from(IndexSpec spec) {
        String factory = spec.option("factory", DEFAULT_FACTORY).trim();
        if (factory.isEmpty() || !factory.matches("[A-Za-z0-9_,.=+\\-]+")) {
            throw new InvalidInputException("option 'factory' is not a FAISS factory string: '" + factory + "'");
        }
        if (factory.toUpperCase(Locale.ROOT).startsWith("IDMAP")) {
            throw new InvalidInputException("option 'factory' must not include the id map (the backend adds IDMap2): '"
                    + factory + "'");
        }
        return new FaissOptions(factory,
                positive("ef-search", spec.intOption("ef-search", DEFAULT_EF_SEARCH)),
                positive("ef-construction", spec.intOption("ef-construction", DEFAULT_EF_CONSTRUCTION)),
                positive("omp-threads", spec.intOption("omp-threads", 1)),
                nonNegative("exact-min", spec.intOption("exact-min", DEFAULT_EXACT_MIN)),
                fraction("exact-fraction", spec.doubleOption("exact-fraction", DEFAULT_EXACT_FRACTION)),
                spec.options().containsKey("purge-fraction")
                        ? fraction("purge-fraction", spec.doubleOption("purge-fraction", 0)) : -1);
    }

    /** The same options with another factory (a loaded file keeps the factory it was built with). */
    FaissOptions withFactory(String newFactory) {
        return new FaissOptions(newFactory, efSearch, efConstruction, ompThreads, exactMin, exactFraction, purgeFraction);
    }

    double purgeFractionFor(String kind) {
        if (purgeFraction >= 0) {
            return purgeFraction;
        }
        return "flat".equals(kind) ? FLAT_PURGE_FRACTION : REBUILD_PURGE_FRACTION;
    }

    private static int positive(String key, int value) {
        if (value < 1 || value > 1 << 16) {
            throw new InvalidInputException("option '" + key + "' must be between 1 and 65536, got " + value);
        }
        return value;
    }

    private static int nonNegative(String key, int value) {
        if (value < 0) {
            throw new InvalidInputException("option '" + key + "' must not be negative, got " + value);
        }
        return value;
    }

    private static double fraction(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidInputException("option '" + key + "' must be between 0 and 1, got " + value);
        }
        return value;
    }
}
