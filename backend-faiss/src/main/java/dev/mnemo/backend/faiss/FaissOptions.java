package dev.mnemo.backend.faiss;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.vector.IndexSpec;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code mnemo.vector.faiss.*} options, validated once when an index is created or loaded.
 *
 * @param factory           FAISS factory string of the index under the id map ({@code factory}, default
 *                          {@value #DEFAULT_FACTORY}; e.g. {@code Flat}, {@code HNSW32}, {@code IVF256,Flat})
 * @param efSearch          HNSW search breadth ({@code ef-search}, default {@value #DEFAULT_EF_SEARCH})
 * @param efConstruction    HNSW build breadth ({@code ef-construction}, default {@value #DEFAULT_EF_CONSTRUCTION})
 * @param ompThreads        OpenMP threads per calling thread ({@code omp-threads}, default 1: one per query
 *                          thread serves best, see the FAISS notes)
 * @param purgeFraction     deleted rows are purged once they exceed this fraction of the rows
 *                          ({@code purge-fraction}; default 0.05 for flat indexes, where purging is a cheap
 *                          in-place removal, and 0.25 for the others, which are rebuilt), or a negative value for
 *                          the per-type default
 */
record FaissOptions(String factory, int efSearch, int efConstruction, int ompThreads, double purgeFraction) {
    static final String DEFAULT_FACTORY = "HNSW32";
    static final int DEFAULT_EF_SEARCH = 64;
    static final int DEFAULT_EF_CONSTRUCTION = 40;
    private static final Pattern HNSW_M = Pattern.compile("HNSW(\\d+)");
    private static final int DEFAULT_HNSW_M = 32;
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
                spec.options().containsKey("purge-fraction")
                        ? fraction("purge-fraction", spec.doubleOption("purge-fraction", 0)) : -1);
    }

    /** The same options with another factory (a loaded file keeps the factory it was built with). */
    FaissOptions withFactory(String newFactory) {
        return new FaissOptions(newFactory, efSearch, efConstruction, ompThreads, purgeFraction);
    }

    /** HNSW's M (links per node above level 0; twice that on level 0), from the factory string. */
    int hnswNeighbours() {
        Matcher m = HNSW_M.matcher(factory.toUpperCase(Locale.ROOT));
        return m.find() ? Integer.parseInt(m.group(1)) : DEFAULT_HNSW_M;
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

    private static double fraction(String key, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new InvalidInputException("option '" + key + "' must be between 0 and 1, got " + value);
        }
        return value;
    }
}
