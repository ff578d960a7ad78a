package dev.mnemo.benchmarks;

import java.nio.file.Path;

/**
 * Settings the runner hands to every forked benchmark JVM as system properties. Read once per
 * fork; a missing property falls back to a default usable from an IDE.
 *
 * @param cacheDir where built indexes, stores and ground truth are kept between forks
 * @param factsFile the JSON-lines file recall, memory and skip notes are appended to, or null
 * @param queries  how many queries each search benchmark cycles through (recall is computed on them)
 */
public record BenchEnv(Path cacheDir, Path factsFile, int queries) {
    public static final String CACHE_PROPERTY = "mnemo.bench.cache";
    public static final String FACTS_PROPERTY = "mnemo.bench.facts";
    public static final String QUERIES_PROPERTY = "mnemo.bench.queries";
    public static final int DEFAULT_QUERIES = 1000;
    /** Every benchmark searches for the 10 nearest neighbours, as the performance targets do. */
    public static final int K = 10;

    /** The settings of this JVM. */
    public static BenchEnv current() {
        String cache = System.getProperty(CACHE_PROPERTY);
        String facts = System.getProperty(FACTS_PROPERTY);
        int queries = Integer.getInteger(QUERIES_PROPERTY, DEFAULT_QUERIES);
        if (queries < 1) {
            throw new IllegalArgumentException(QUERIES_PROPERTY + " must be positive, got " + queries);
        }
        return new BenchEnv(
                cache != null ? Path.of(cache) : Path.of(System.getProperty("java.io.tmpdir"), "mnemo-bench-cache"),
                facts != null ? Path.of(facts) : null,
                queries);
    }

    public Facts facts() {
        return new Facts(factsFile);
    }
}
