package dev.mnemo.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a run measures. {@code quick} (the default, under 15 minutes on 2 idle cores) covers 10k
 * vectors (384 dimensions with a parameter sweep, 1024 with defaults, and real-text embeddings); {@code full} adds 100k and 1024 dimensions everywhere, with two forks (hours: the 100k
 * HNSW builds alone take minutes each on this machine kind); {@code large} is 1M x 128 search,
 * build and open, off unless asked for.
 *
 * <p>Warm-up: 2-3 iterations reach steady state for these benchmarks because each search
 * iteration runs thousands of operations and C2 compiles the scan and graph loops within the
 * first second; single-shot builds and ingests need no warm-up beyond their own length (ingest
 * keeps one, since its first iteration also loads SQLite's native library and warms JDBC).
 *
 * @param name        profile name
 * @param plans       the JMH runs, in order
 * @param python      the Python FAISS reference: size, dimension and efSearch values, or null to skip
 * @param queries     queries per search benchmark
 * @param heap        fork heap size (fixed: {@code -Xms = -Xmx})
 */
public record Profile(String name, List<Plan> plans, PythonPlan python, int queries, String heap) {

    /**
     * The Python reference of a profile.
     *
     * @param size  vectors
     * @param dim   dimension
     * @param efs   efSearch values, matching the {@code faiss-hnsw@ef-search=} variants of the search plan
     * @param seconds timed seconds per efSearch value
     */
    public record PythonPlan(int size, int dim, List<Integer> efs, int seconds) {
    }

    private static final List<String> BACKENDS = List.of("exact", "faiss-flat", "faiss-hnsw", "jvector");
    private static final List<String> PRE_TOUCH = List.of("-XX:+AlwaysPreTouch");

    /** The named profile. */
    public static Profile named(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "quick" -> quick();
            case "full" -> full();
            case "large" -> large();
            case "smoke" -> smoke();
            case "footprint" -> footprint();
            case "metadata" -> metadata();
            default -> throw new IllegalArgumentException("unknown profile '" + name
                    + "'; known: quick, full, large, smoke, footprint, metadata");
        };
    }

    static Profile quick() {
        List<String> sweep = List.of("exact", "faiss-flat", "faiss-hnsw@ef-search=16", "faiss-hnsw@ef-search=32",
                "faiss-hnsw", "jvector@overquery=1", "jvector@overquery=2", "jvector");
        return new Profile("quick", List.of(
                new Plan("search", SearchBenchmark.class,
                        Map.of("variant", sweep, "size", List.of("10000"), "dim", List.of("384")),
                        2, 1, 3, 1, 1, List.of()),
                new Plan("search-1024", SearchBenchmark.class,
                        Map.of("variant", BACKENDS, "size", List.of("10000"), "dim", List.of("1024")),
                        2, 1, 3, 1, 1, List.of()),
                new Plan("text", SearchBenchmark.class,
                        Map.of("variant", List.of("exact", "faiss-hnsw", "jvector"), "size", List.of("10000"),
                                "dim", List.of("384"), "data", List.of(Workload.FORTUNES)),
                        2, 1, 3, 1, 1, List.of()),
                new Plan("filtered", FilteredSearchBenchmark.class,
                        Map.of("variant", BACKENDS, "size", List.of("10000"), "dim", List.of("384"),
                                "selectivity", List.of("0.001", "0.01", "0.1", "0.5")),
                        1, 1, 2, 1, 1, List.of()),
                new Plan("store", StoreSearchBenchmark.class,
                        Map.of("variant", BACKENDS, "size", List.of("10000"), "dim", List.of("384"),
                                "recency", List.of("0", "0.1"), "monitoring", List.of("on", "off")),
                        2, 1, 3, 1, 1, List.of()),
                new Plan("build", BuildBenchmark.class,
                        Map.of("variant", BACKENDS, "size", List.of("10000"), "dim", List.of("384")),
                        0, 0, 2, 0, 1, PRE_TOUCH),
                new Plan("ingest-one", IngestBenchmark.class,
                        Map.of("variant", List.of("exact", "faiss-hnsw", "jvector"), "dim", List.of("384"),
                                "mode", List.of("one"), "records", List.of("3000")),
                        1, 0, 2, 0, 1, List.of()),
                new Plan("ingest-batch", IngestBenchmark.class,
                        Map.of("variant", List.of("exact", "faiss-hnsw", "jvector"), "dim", List.of("384"),
                                "mode", List.of("batch"), "records", List.of("30000")),
                        1, 0, 2, 0, 1, List.of()),
                new Plan("open", OpenBenchmark.class,
                        Map.of("variant", List.of("exact", "faiss-hnsw", "jvector"), "size", List.of("100000"),
                                "dim", List.of("384"), "behind", List.of("0", "1000")),
                        1, 0, 5, 0, 1, List.of())),
                new PythonPlan(10_000, 384, List.of(16, 32, 64), 3), 1000, "2g");
    }

    static Profile full() {
        List<String> sweep = List.of("exact", "faiss-flat", "faiss-hnsw@ef-search=16", "faiss-hnsw@ef-search=32",
                "faiss-hnsw", "faiss-hnsw@ef-search=128", "jvector@overquery=1", "jvector@overquery=2", "jvector",
                "jvector@overquery=10");
        List<String> sizes = List.of("10000", "100000");
        List<String> dims = List.of("384", "1024");
        return new Profile("full", List.of(
                new Plan("search", SearchBenchmark.class, Map.of("variant", sweep, "size", sizes, "dim", dims),
                        3, 2, 5, 2, 2, List.of()),
                new Plan("text", SearchBenchmark.class,
                        Map.of("variant", sweep, "size", List.of("10000"), "dim", List.of("384"),
                                "data", List.of(Workload.FORTUNES)), 3, 2, 5, 2, 1, List.of()),
                new Plan("filtered", FilteredSearchBenchmark.class,
                        Map.of("variant", BACKENDS, "size", sizes, "dim", List.of("384"),
                                "selectivity", List.of("0.001", "0.01", "0.1", "0.5")),
                        3, 2, 5, 2, 1, List.of()),
                new Plan("store", StoreSearchBenchmark.class,
                        Map.of("variant", BACKENDS, "size", sizes, "dim", dims, "recency", List.of("0", "0.1"),
                                "monitoring", List.of("on", "off")),
                        3, 2, 5, 2, 1, List.of()),
                new Plan("build", BuildBenchmark.class, Map.of("variant", BACKENDS, "size", sizes, "dim", dims),
                        0, 0, 1, 0, 1, PRE_TOUCH),
                new Plan("ingest-one", IngestBenchmark.class,
                        Map.of("variant", List.of("exact", "faiss-hnsw", "jvector"), "dim", dims,
                                "mode", List.of("one"), "records", List.of("20000")),
                        1, 0, 3, 0, 1, List.of()),
                new Plan("ingest-batch", IngestBenchmark.class,
                        Map.of("variant", List.of("exact", "faiss-hnsw", "jvector"), "dim", dims,
                                "mode", List.of("batch"), "records", List.of("100000")),
                        1, 0, 3, 0, 1, List.of()),
                new Plan("open", OpenBenchmark.class,
                        Map.of("variant", List.of("exact", "faiss-hnsw", "jvector"), "size", List.of("100000"),
                                "dim", dims, "behind", List.of("0", "1000")),
                        1, 0, 5, 0, 1, List.of())),
                new PythonPlan(100_000, 384, List.of(16, 32, 64, 128), 10), 1000, "4g");
    }

    /** A one-minute pipeline check of every plan on tiny data; its figures mean nothing. */
    static Profile smoke() {
        List<String> variants = List.of("exact", "faiss-hnsw", "jvector");
        List<String> tiny = List.of("2000");
        List<String> dims = List.of("64");
        return new Profile("smoke", List.of(
                new Plan("search", SearchBenchmark.class,
                        Map.of("variant", List.of("exact", "faiss-hnsw@ef-search=16", "faiss-hnsw", "jvector"), "size", tiny,
                                "dim", dims), 1, 1, 1, 1, 1, List.of()),
                new Plan("filtered", FilteredSearchBenchmark.class,
                        Map.of("variant", variants, "size", tiny, "dim", dims, "selectivity", List.of("0.01", "0.5")),
                        1, 1, 1, 1, 1, List.of()),
                new Plan("store", StoreSearchBenchmark.class,
                        Map.of("variant", variants, "size", tiny, "dim", dims, "recency", List.of("0", "0.1")),
                        1, 1, 1, 1, 1, List.of()),
                new Plan("store-filter", StoreFilterBenchmark.class,
                        Map.of("variant", variants, "size", tiny, "dim", dims, "filter", List.of("type", "meta-long")),
                        1, 1, 1, 1, 1, List.of()),
                new Plan("build", BuildBenchmark.class, Map.of("variant", variants, "size", tiny, "dim", dims),
                        0, 0, 1, 0, 1, PRE_TOUCH),
                new Plan("ingest", IngestBenchmark.class,
                        Map.of("variant", variants, "dim", dims, "mode", List.of("one", "batch"), "records", List.of("500")),
                        0, 0, 1, 0, 1, List.of()),
                new Plan("open", OpenBenchmark.class,
                        Map.of("variant", variants, "size", tiny, "dim", dims, "behind", List.of("0", "100")),
                        0, 0, 1, 0, 1, List.of())),
                new PythonPlan(2000, 64, List.of(16, 64), 1), 100, "1g");
    }

    /**
     * Disk footprint of a store per record (about 10 min on 2 cores): 100k x 384 on every backend
     * with 4 KiB and 8 KiB pages, and 20k x 1024 (vectors larger than a 4 KiB page) on exact with
     * 4, 8 and 16 KiB pages.
     */
    static Profile footprint() {
        return new Profile("footprint", List.of(
                new Plan("footprint", FootprintBenchmark.class,
                        Map.of("variant", BACKENDS, "size", List.of("100000"), "dim", List.of("384"),
                                "pageSize", List.of("4096", "8192")),
                        0, 0, 1, 0, 1, List.of()),
                new Plan("footprint-1024", FootprintBenchmark.class,
                        Map.of("variant", List.of("exact"), "size", List.of("20000"), "dim", List.of("1024"),
                                "pageSize", List.of("4096", "8192", "16384")),
                        0, 0, 1, 0, 1, List.of())),
                null, 1000, "4g");
    }

    /**
     * Metadata filter against type filter on the same 10% of 100k records, every backend, two
     * forks each (about 15 min on 2 cores, most of it ingesting the HNSW stores once).
     */
    static Profile metadata() {
        return new Profile("metadata", List.of(
                new Plan("store-filter", StoreFilterBenchmark.class,
                        Map.of("variant", List.of("exact", "faiss-hnsw", "jvector"), "size", List.of("100000"),
                                "dim", List.of("384"), "filter", List.of("none", "type", "meta-long", "meta-string")),
                        2, 1, 4, 1, 2, List.of())),
                null, 1000, "4g");
    }

    static Profile large() {
        List<String> variants = List.of("exact", "faiss-hnsw", "jvector");
        return new Profile("large", List.of(
                new Plan("search", SearchBenchmark.class,
                        Map.of("variant", variants, "size", List.of("1000000"), "dim", List.of("128")),
                        3, 2, 5, 2, 1, List.of()),
                new Plan("build", BuildBenchmark.class,
                        Map.of("variant", variants, "size", List.of("1000000"), "dim", List.of("128")),
                        0, 0, 1, 0, 1, PRE_TOUCH),
                new Plan("open", OpenBenchmark.class,
                        Map.of("variant", List.of("exact", "jvector"), "size", List.of("1000000"), "dim", List.of("128"),
                                "behind", List.of("0", "1000")),
                        1, 0, 3, 0, 1, List.of())),
                null, 1000, "8g");
    }
}
