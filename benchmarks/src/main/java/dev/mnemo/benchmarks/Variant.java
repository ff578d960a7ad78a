package dev.mnemo.benchmarks;

import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.VectorMetric;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One benchmarked index configuration, written as {@code name[@key=value,...]}: a base name
 * ({@code exact}, {@code faiss-flat}, {@code faiss-hnsw}, {@code jvector}) that fixes the backend
 * and its build options, then search-time options, e.g. {@code faiss-hnsw@ef-search=32} or
 * {@code jvector@overquery=2}. Options are the {@code mnemo.vector.<backend>.*} keys without the
 * prefix. Only build options decide whether a cached index can be reused.
 *
 * @param label         the text as written (a JMH parameter value)
 * @param base          the base name
 * @param backend       the provider name the base maps to
 * @param buildOptions  options fixed by the base name
 * @param searchOptions options after {@code @}
 */
public record Variant(String label, String base, String backend, Map<String, String> buildOptions,
                      Map<String, String> searchOptions) {

    /** The base names and their backend plus build options. */
    private static final Map<String, Map.Entry<String, Map<String, String>>> BASES = Map.of(
            "exact", Map.entry("exact", Map.of()),
            "faiss-flat", Map.entry("faiss", Map.of("factory", "Flat")),
            "faiss-hnsw", Map.entry("faiss", Map.of("factory", "HNSW32")),
            "jvector", Map.entry("jvector", Map.of()));

    public Variant {
        buildOptions = Map.copyOf(buildOptions);
        searchOptions = Map.copyOf(searchOptions);
    }

    /**
     * Parses a variant label.
     *
     * @throws IllegalArgumentException for an unknown base name or a malformed option, naming the known bases
     */
    public static Variant parse(String label) {
        String text = label.trim();
        int at = text.indexOf('@');
        String base = (at < 0 ? text : text.substring(0, at)).toLowerCase(Locale.ROOT);
        Map.Entry<String, Map<String, String>> known = BASES.get(base);
        if (known == null) {
            throw new IllegalArgumentException("unknown benchmark variant '" + base + "' in '" + label + "'; known: "
                    + new TreeMap<>(BASES).keySet());
        }
        Map<String, String> search = new TreeMap<>();
        if (at >= 0) {
            for (String pair : text.substring(at + 1).split(",")) {
                int eq = pair.indexOf('=');
                if (eq <= 0 || eq == pair.length() - 1) {
                    throw new IllegalArgumentException("option '" + pair + "' of variant '" + label + "' is not key=value");
                }
                search.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        return new Variant(text, base, known.getKey(), known.getValue(), search);
    }

    /** Build and search options together, as the backend receives them. */
    public Map<String, String> options() {
        Map<String, String> all = new TreeMap<>(buildOptions);
        all.putAll(searchOptions);
        return all;
    }

    /** The index spec for cosine vectors of a dimension. */
    public IndexSpec spec(int dimension) {
        return new IndexSpec(dimension, VectorMetric.COSINE, options());
    }

    /** A file-name-safe key of what the built index depends on. */
    public String buildKey() {
        StringBuilder key = new StringBuilder(base);
        new TreeMap<>(buildOptions).forEach((k, v) -> key.append('_').append(k).append('-').append(v));
        return key.toString().replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    @Override
    public String toString() {
        return label;
    }
}
