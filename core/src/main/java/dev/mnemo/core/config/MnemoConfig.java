package dev.mnemo.core.config;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.StorageException;
import dev.mnemo.api.SearchMode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Immutable Mnemo configuration: a flat map of {@code mnemo.*} keys. Built from, in rising
 * precedence, the defaults, a properties file, environment variables and values set in code
 * (the CLI's {@code -D key=value}).
 *
 * <p>Environment variables name a key upper-cased with {@code .} and {@code -} turned into
 * {@code _}: {@code MNEMO_VECTOR_BACKEND} sets {@code mnemo.vector.backend}. Backend and
 * provider options ({@code mnemo.vector.<backend>.*}, {@code mnemo.embedding.<provider>.*}) are
 * read the same way, the remainder lower-cased with {@code _} as {@code -} and {@code __} as {@code .}
 * ({@code MNEMO_EMBEDDING_SILICONFLOW_RETRY__MAX_ATTEMPTS} sets
 * {@code mnemo.embedding.siliconflow.retry.max-attempts}).
 *
 * <p>Keys (a contract scripts rely on; defaults in brackets):
 * <ul>
 *   <li>{@code mnemo.data-dir} [{@code data}] root of {@code memory/<name>/} and {@code saves/<id>/}</li>
 *   <li>{@code mnemo.vector.backend} [{@code auto}] {@code auto}, {@code exact}, {@code faiss}, {@code jvector}</li>
 *   <li>{@code mnemo.vector.<backend>.*} index parameters passed to that backend</li>
 *   <li>{@code mnemo.embedding.provider} [{@code onnx}] embedding model provider</li>
 *   <li>{@code mnemo.embedding.<provider>.*} model options, e.g. {@code mnemo.embedding.siliconflow.base-url}</li>
 *   <li>{@code mnemo.embedding.cache.max-entries} [100000] embeddings kept per store so the same text is
 *       never embedded twice; 0 turns the cache off</li>
 *   <li>{@code mnemo.monitoring.history} [1000] recent timings kept per operation in each store's
 *       database for {@code mnemo stats}; 0 turns the operation log off</li>
 *   <li>{@code mnemo.store.max-text-chars} [20000] longest text a record may have</li>
 *   <li>{@code mnemo.metadata.max-entries} [64], {@code mnemo.metadata.max-bytes} [16384] most metadata
 *       entries and bytes (keys plus values, UTF-8; 8 per number or boolean) a record may carry</li>
 *   <li>{@code mnemo.index.save-every} [1000] changes between index saves (it is also saved on close)</li>
 *   <li>{@code mnemo.db.busy-timeout-ms} [10000] how long SQLite waits on a lock held by another connection</li>
 *   <li>{@code mnemo.db.pool-size} [8] pooled connections per store</li>
 *   <li>{@code mnemo.db.synchronous} [{@code NORMAL}] SQLite synchronous mode; NORMAL in WAL mode survives
 *       process crashes, {@code FULL} also power loss</li>
 *   <li>{@code mnemo.db.page-size} [4096] SQLite page size of a new store's database (an existing file
 *       keeps its own)</li>
 *   <li>{@code mnemo.db.max-size-mb} [0] most megabytes a store's database may grow to ({@code PRAGMA
 *       max_page_count}); beyond it writes fail as on a full disk; 0 = no limit</li>
 *   <li>{@code mnemo.search.recency-weight} [0.1], {@code mnemo.search.recency-half-life-days} [30]: ranking defaults</li>
 *   <li>{@code mnemo.search.mode} [{@code hybrid}] {@code hybrid}, {@code vector} or {@code keyword};
 *       {@code mnemo.search.rrf-k} [60] the reciprocal-rank-fusion constant</li>
 * </ul>
 */
public final class MnemoConfig {
    public static final String DATA_DIR = "mnemo.data-dir";
    public static final String VECTOR_BACKEND = "mnemo.vector.backend";
    public static final String EMBEDDING_PROVIDER = "mnemo.embedding.provider";
    public static final String EMBEDDING_CACHE_ENTRIES = "mnemo.embedding.cache.max-entries";
    public static final String MONITORING_HISTORY = "mnemo.monitoring.history";
    public static final String MAX_TEXT_CHARS = "mnemo.store.max-text-chars";
    public static final String METADATA_MAX_ENTRIES = "mnemo.metadata.max-entries";
    public static final String METADATA_MAX_BYTES = "mnemo.metadata.max-bytes";
    public static final String INDEX_SAVE_EVERY = "mnemo.index.save-every";
    public static final String DB_BUSY_TIMEOUT_MS = "mnemo.db.busy-timeout-ms";
    public static final String DB_POOL_SIZE = "mnemo.db.pool-size";
    public static final String DB_SYNCHRONOUS = "mnemo.db.synchronous";
    public static final String DB_PAGE_SIZE = "mnemo.db.page-size";
    public static final String DB_MAX_SIZE_MB = "mnemo.db.max-size-mb";
    public static final String RECENCY_WEIGHT = "mnemo.search.recency-weight";
    public static final String RECENCY_HALF_LIFE_DAYS = "mnemo.search.recency-half-life-days";
    public static final String SEARCH_MODE = "mnemo.search.mode";
    public static final String RRF_K = "mnemo.search.rrf-k";
    /** {@code sqlite} (default: one file per store) or another installed kind, such as {@code postgres}. */
    public static final String STORE_KIND = "mnemo.store.kind";

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry(DATA_DIR, "data"),
            Map.entry(VECTOR_BACKEND, "auto"),
            Map.entry(EMBEDDING_PROVIDER, "onnx"),
            Map.entry(EMBEDDING_CACHE_ENTRIES, "100000"),
            Map.entry(MAX_TEXT_CHARS, "20000"),
            Map.entry(METADATA_MAX_ENTRIES, "64"),
            Map.entry(METADATA_MAX_BYTES, "16384"),
            Map.entry(MONITORING_HISTORY, "1000"),
            Map.entry(INDEX_SAVE_EVERY, "1000"),
            Map.entry(DB_BUSY_TIMEOUT_MS, "10000"),
            Map.entry(DB_POOL_SIZE, "8"),
            Map.entry(DB_SYNCHRONOUS, "NORMAL"),
            Map.entry(DB_PAGE_SIZE, "4096"),
            Map.entry(DB_MAX_SIZE_MB, "0"),
            Map.entry(RECENCY_WEIGHT, "0.1"),
            Map.entry(RECENCY_HALF_LIFE_DAYS, "30"),
            Map.entry(SEARCH_MODE, "hybrid"),
            Map.entry(RRF_K, "60"),
            Map.entry(STORE_KIND, "sqlite"));

    private final Map<String, String> values;

    private MnemoConfig(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** The defaults only. */
    public static MnemoConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.values.putAll(values);
        return b;
    }

    /** The value of a key, or {@code null}. */
    public String get(String key) {
        return values.get(key);
    }

    public Path dataDir() {
        return Path.of(values.get(DATA_DIR));
    }

    public String vectorBackend() {
        return values.get(VECTOR_BACKEND).trim().toLowerCase(Locale.ROOT);
    }

    /** The store kind, lower case: {@code sqlite} unless configured otherwise. */
    public String storeKind() {
        return values.get(STORE_KIND).trim().toLowerCase(Locale.ROOT);
    }

    public String embeddingProvider() {
        return values.get(EMBEDDING_PROVIDER).trim().toLowerCase(Locale.ROOT);
    }

    public int embeddingCacheEntries() {
        return intValue(EMBEDDING_CACHE_ENTRIES, 0, Integer.MAX_VALUE);
    }

    public int monitoringHistory() {
        return intValue(MONITORING_HISTORY, 0, 1_000_000);
    }

    public int maxTextChars() {
        return intValue(MAX_TEXT_CHARS, 1, Integer.MAX_VALUE);
    }

    /** Most metadata entries per record ({@code mnemo.metadata.max-entries}). */
    public int metadataMaxEntries() {
        return intValue(METADATA_MAX_ENTRIES, 0, 1_000_000);
    }

    /** Most metadata bytes per record ({@code mnemo.metadata.max-bytes}). */
    public int metadataMaxBytes() {
        return intValue(METADATA_MAX_BYTES, 0, Integer.MAX_VALUE);
    }

    public int indexSaveEvery() {
        return intValue(INDEX_SAVE_EVERY, 1, Integer.MAX_VALUE);
    }

    public int busyTimeoutMillis() {
        return intValue(DB_BUSY_TIMEOUT_MS, 0, Integer.MAX_VALUE);
    }

    public int poolSize() {
        return intValue(DB_POOL_SIZE, 1, 256);
    }

    public String synchronousMode() {
        String mode = values.get(DB_SYNCHRONOUS).trim().toUpperCase(Locale.ROOT);
        if (!mode.matches("OFF|NORMAL|FULL|EXTRA")) {
            throw new InvalidInputException(DB_SYNCHRONOUS + " must be OFF, NORMAL, FULL or EXTRA, got '" + mode + "'");
        }
        return mode;
    }

    /** SQLite page size for new databases: a power of two from 512 to 65536. */
    public int pageSize() {
        int size = intValue(DB_PAGE_SIZE, 512, 65536);
        if (Integer.bitCount(size) != 1) {
            throw new InvalidInputException(DB_PAGE_SIZE + " must be a power of two from 512 to 65536, got " + size);
        }
        return size;
    }

    /** Most megabytes a store's database may hold; 0 = no limit. */
    public int maxDatabaseMegabytes() {
        return intValue(DB_MAX_SIZE_MB, 0, Integer.MAX_VALUE);
    }

    public double recencyWeight() {
        return doubleValue(RECENCY_WEIGHT, 0, 1);
    }

    public Duration recencyHalfLife() {
        double days = doubleValue(RECENCY_HALF_LIFE_DAYS, 1e-6, 1e6);
        return Duration.ofSeconds(Math.round(days * 86_400));
    }

    /** The default search mode ({@code mnemo.search.mode}). */
    public SearchMode searchMode() {
        try {
            return SearchMode.of(values.get(SEARCH_MODE));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(SEARCH_MODE + ": " + e.getMessage());
        }
    }

    /** The reciprocal-rank-fusion constant ({@code mnemo.search.rrf-k}). */
    public int rrfK() {
        return intValue(RRF_K, 1, 1_000_000);
    }

    /** The options under {@code prefix} with the prefix removed, e.g. {@code optionsUnder("mnemo.vector.jvector.")}. */
    public Map<String, String> optionsUnder(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix) && k.length() > prefix.length()) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    /** Options of a vector backend: {@code mnemo.vector.<name>.*}. */
    public Map<String, String> backendOptions(String backend) {
        return optionsUnder("mnemo.vector." + backend + ".");
    }

    /** Options of an embedding provider: {@code mnemo.embedding.<name>.*}. */
    public Map<String, String> embeddingOptions(String provider) {
        return optionsUnder("mnemo.embedding." + provider + ".");
    }

    /** Every key and value; values of keys that look secret are masked. */
    public Map<String, String> describe() {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> out.put(k, isSecret(k) ? "****" : v));
        return out;
    }

    @Override
    public String toString() {
        return "MnemoConfig" + describe();
    }

    private static boolean isSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("key") || k.contains("secret") || k.contains("token") || k.contains("password");
    }

    private int intValue(String key, int min, int max) {
        String raw = values.get(key);
        try {
            int v = Integer.parseInt(raw.trim());
            if (v < min || v > max) {
                throw new InvalidInputException(key + " must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key + " must be an integer, got '" + raw + "'");
        }
    }

    private double doubleValue(String key, double min, double max) {
        String raw = values.get(key);
        try {
            double v = Double.parseDouble(raw.trim());
            if (!(v >= min && v <= max)) {
                throw new InvalidInputException(key + " must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(key + " must be a number, got '" + raw + "'");
        }
    }

    /** Collects values; later sources override earlier ones. {@link #build()} validates. */
    public static final class Builder {
        private final Map<String, String> values = new TreeMap<>(DEFAULTS);

        private Builder() {
        }

        /** Sets one key (code wins over file and environment when called last). */
        public Builder set(String key, String value) {
            if (key == null || !key.startsWith("mnemo.")) {
                throw new InvalidInputException("configuration keys start with 'mnemo.', got '" + key + "'");
            }
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, value);
            }
            return this;
        }

        public Builder dataDir(Path dir) {
            return set(DATA_DIR, dir.toString());
        }

        /** Adds every {@code mnemo.*} key of a properties file (UTF-8). */
        public Builder propertiesFile(Path file) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                throw StorageException.of("cannot read configuration file " + file, e);
            }
            for (String name : p.stringPropertyNames()) {
                if (name.startsWith("mnemo.")) {
                    set(name, p.getProperty(name));
                }
            }
            return this;
        }

        /** Adds {@code MNEMO_*} environment variables (see the class javadoc for the mapping). */
        public Builder environment(Map<String, String> env) {
            env.forEach((name, value) -> {
                if (name.startsWith("MNEMO_")) {
                    set(keyForEnvironment(name), value);
                }
            });
            return this;
        }

        public MnemoConfig build() {
            MnemoConfig config = new MnemoConfig(values);
            // touch every typed value once so a malformed one fails here, not mid-operation
            config.maxTextChars();
            config.metadataMaxEntries();
            config.metadataMaxBytes();
            config.embeddingCacheEntries();
            config.monitoringHistory();
            config.indexSaveEvery();
            config.busyTimeoutMillis();
            config.poolSize();
            config.synchronousMode();
            config.recencyWeight();
            config.recencyHalfLife();
            return config;
        }

        private String keyForEnvironment(String name) {
            String lower = name.toLowerCase(Locale.ROOT);
            // known keys first, so MNEMO_DATA_DIR maps to mnemo.data-dir and not mnemo.data.dir
            for (String key : DEFAULTS.keySet()) {
                if (key.replace('.', '_').replace('-', '_').equals(lower)) {
                    return key;
                }
            }
            for (String group : new String[] {"mnemo_vector_", "mnemo_embedding_"}) {
                if (lower.startsWith(group)) {
                    String rest = lower.substring(group.length());
                    int cut = rest.indexOf('_');
                    if (cut > 0) {
                        // "__" stands for a dot inside an option name: RETRY__MAX_ATTEMPTS -> retry.max-attempts
                        String option = rest.substring(cut + 1).replace("__", ".").replace('_', '-');
                        return group.replace('_', '.') + rest.substring(0, cut) + "." + option;
                    }
                }
            }
            return lower.replace('_', '.');
        }
    }
}
