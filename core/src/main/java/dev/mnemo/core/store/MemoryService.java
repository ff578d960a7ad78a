package dev.mnemo.core.store;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MnemoException;
import dev.mnemo.api.ModelMismatchException;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.VectorMetric;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.internal.db.Database;
import dev.mnemo.core.internal.db.StoreMeta;
import dev.mnemo.core.monitor.MicrometerMonitor;
import dev.mnemo.core.monitor.ModelMeters;
import dev.mnemo.core.monitor.OperationLog;
import dev.mnemo.core.monitor.StoreMonitor;
import dev.mnemo.core.provider.EmbeddingProviders;
import dev.mnemo.core.provider.StoreKinds;
import dev.mnemo.core.provider.VectorBackends;
import dev.mnemo.core.spi.MetaSql;
import dev.mnemo.core.spi.StoreAddress;
import dev.mnemo.core.spi.StoreCluster;
import dev.mnemo.core.spi.StoreDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongConsumer;

/**
 * Entry point: opens a data directory and hands out one {@link MemoryStore} per character
 * ({@code <data>/memory/<name>/<name>_memory.db}) or story ({@code <data>/saves/<id>/<id>_memory.db}).
 * With {@code mnemo.store.kind} set to another installed kind (e.g. {@code postgres}) the records
 * live in that kind's database instead, and the data directory keeps only each store's index file.
 *
 * <p>Thread-safe. Owns the stores it opened and, unless it was given one, the embedding model;
 * {@link #close()} closes them all (idempotent).
 */
public final class MemoryService implements AutoCloseable {
    private static final String MEMORY = "memory";
    private static final String SAVES = "saves";

    private final MnemoConfig config;
    private final EmbeddingModel model;
    private final boolean ownsModel;
    private final VectorBackends.Choice backend;
    private final Clock clock;
    private final MeterRegistry meterRegistry;
    private final ProgressListener progress;
    private final AutoCloseable modelMeters;
    private final StoreCluster cluster;
    private final Map<Path, MemoryStore> stores = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private MemoryService(Builder b) {
        this.config = b.config;
        this.clock = b.clock;
        this.meterRegistry = b.meterRegistry;
        this.progress = b.progress;
        VectorBackends backends = b.backends != null ? b.backends : VectorBackends.discover();
        this.backend = backends.choose(config.vectorBackend());
        if (b.model != null) {
            this.model = b.model;
            this.ownsModel = false;
        } else {
            EmbeddingProviders providers = EmbeddingProviders.discover();
            String provider = config.embeddingProvider();
            this.model = providers.create(provider, config.embeddingOptions(provider));
            this.ownsModel = true;
        }
        this.modelMeters = meterRegistry == null ? null : new ModelMeters(meterRegistry, model);
        try {
            this.cluster = connect(config);
        } catch (RuntimeException e) {
            closeOwnedModel(e);
            throw e;
        }
    }

    private static StoreCluster connect(MnemoConfig config) {
        String kind = config.storeKind();
        return StoreKinds.SQLITE.equals(kind) ? new SqliteStores(config)
                : StoreKinds.discover().provider(kind).connect(config);
    }

    private void closeOwnedModel(RuntimeException failure) {
        try {
            if (modelMeters != null) {
                modelMeters.close();
            }
            if (ownsModel) {
                model.close();
            }
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    /** A service for the configuration, with backends and embedding model discovered by name. */
    public static MemoryService open(MnemoConfig config) {
        return builder(config).build();
    }

    public static Builder builder(MnemoConfig config) {
        return new Builder(config);
    }

    /** The store of a character, created on first use. */
    public MemoryStore character(String name) {
        return store(MEMORY, "character", name);
    }

    /** The store of a story save, created on first use. */
    public MemoryStore story(String id) {
        return store(SAVES, "story", id);
    }

    /** Names of the characters with a store. */
    public List<String> characters() {
        ensureOpen();
        return cluster.names(MEMORY);
    }

    /** Ids of the stories with a store. */
    public List<String> stories() {
        ensureOpen();
        return cluster.names(SAVES);
    }

    /** The store kind in use ({@code mnemo.store.kind}), e.g. {@code sqlite}. */
    public String storeKind() {
        return cluster.kind();
    }

    /** The embedding model every store of this service uses. */
    public EmbeddingModel model() {
        return model;
    }

    /** The vector backend in use and why it was chosen. */
    public VectorBackends.Choice backend() {
        return backend;
    }

    public MnemoConfig config() {
        return config;
    }

    private MemoryStore store(String group, String kind, String name) {
        ensureOpen();
        Path folder = StoreNames.folder(config.dataDir(), group, kind, name);
        MemoryStore existing = stores.get(folder);
        if (existing != null && !existing.isClosed()) {
            return existing;
        }
        synchronized (stores) {
            existing = stores.get(folder);
            if (existing != null && !existing.isClosed()) {
                return existing;
            }
            MemoryStore store = openStore(new StoreAddress(group, kind, name, folder));
            stores.put(folder, store);
            return store;
        }
    }

    /** Page size and size limit of a store's database file (the limit in pages of the configured size). */
    static Database.Layout layout(MnemoConfig config) {
        long maxBytes = (long) config.maxDatabaseMegabytes() << 20;
        return new Database.Layout(config.pageSize(), maxBytes == 0 ? 0 : Math.max(1, maxBytes / config.pageSize()));
    }

    private MemoryStore openStore(StoreAddress address) {
        String name = address.name();
        String kind = address.kind();
        Path folder = address.folder();
        StoreDatabase database = cluster.open(address);
        try {
            recordOrCheckModel(database);
            String backendName = backend.provider().name();
            IndexSpec spec = new IndexSpec(model.dimension(), VectorMetric.COSINE, config.backendOptions(backendName));
            Path indexFile = folder.resolve(StoreNames.indexFileName(name, backendName));
            IndexKeeper keeper = new IndexKeeper(database, backend.provider(), spec, indexFile,
                    config.indexSaveEvery());
            SearchRequest defaults = SearchRequest.builder().recencyWeight(config.recencyWeight())
                    .recencyHalfLife(config.recencyHalfLife()).mode(config.searchMode()).rrfK(config.rrfK()).build();
            StoreGauges gauges = new StoreGauges(database, keeper);
            OperationLog operationLog = config.monitoringHistory() > 0
                    ? new OperationLog(database, config.monitoringHistory(), clock) : null;
            MemoryStore store = new MemoryStore(name, database, keeper, model, config.embeddingCacheEntries(),
                    new TextRules(config.maxTextChars()),
                    new MetadataRules(config.metadataMaxEntries(), config.metadataMaxBytes()), defaults, backend.note(),
                    clock, monitors(name, kind, keeper.backend(), operationLog, gauges), operationLog, gauges, progress);
            try {
                store.completeKeywordIndex();
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
            return store;
        } catch (RuntimeException e) {
            try {
                database.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** The store's monitors: its persisted operation log and, when the application gave a registry, Micrometer meters. */
    private StoreMonitor monitors(String name, String kind, String backendName, OperationLog operationLog,
                                  StoreGauges gauges) {
        List<StoreMonitor> monitors = new ArrayList<>();
        if (operationLog != null) {
            monitors.add(operationLog);
        }
        if (meterRegistry != null) {
            monitors.add(new MicrometerMonitor(meterRegistry, name, kind, backendName, gauges));
        }
        return StoreMonitor.of(monitors);
    }

    private void recordOrCheckModel(StoreDatabase database) {
        MetaSql meta = database.meta();
        database.write("recording the embedding model", c -> {
            String name = meta.get(c, StoreMeta.EMBEDDING_MODEL).orElse(null);
            String stored = name == null ? null
                    : name + " (" + meta.get(c, StoreMeta.DIMENSION).orElse("?") + " dims)"; // as StoreMeta.model
            if (stored == null) {
                meta.put(c, StoreMeta.EMBEDDING_MODEL, model.name());
                meta.put(c, StoreMeta.DIMENSION, String.valueOf(model.dimension()));
                meta.put(c, StoreMeta.METRIC, VectorMetric.COSINE.name());
            } else if (!stored.equals(StoreMeta.describe(model))) {
                throw new ModelMismatchException("store " + database.location() + " was built with embedding model " + stored
                        + " but is opened with " + StoreMeta.describe(model) + "; configure mnemo.embedding.provider"
                        + " to match, or re-embed it into a new store with 'mnemo reindex --reembed'");
            }
            return null;
        });
    }

    /**
     * Re-embeds a character's store with this service's model (e.g. after switching models) into
     * a new store beside it, then swaps the folders; see {@link Reembedder}.
     */
    public Reembedder.Result reembedCharacter(String name, LongConsumer progress) {
        return reembed(MEMORY, "character", name, progress);
    }

    /** Re-embeds a story's store; see {@link #reembedCharacter}. */
    public Reembedder.Result reembedStory(String id, LongConsumer progress) {
        return reembed(SAVES, "story", id, progress);
    }

    private Reembedder.Result reembed(String group, String kind, String name, LongConsumer progress) {
        ensureOpen();
        if (!cluster.supportsReembedding()) {
            throw new InvalidInputException("re-embedding is not available for " + cluster.kind()
                    + " stores yet; export the store and import it into a store of the new model");
        }
        Path folder = StoreNames.folder(config.dataDir(), group, kind, name);
        synchronized (stores) {
            MemoryStore open = stores.remove(folder);
            if (open != null) {
                open.close();
            }
            Path staging = folder.resolveSibling("." + name + ".reembed");
            return new Reembedder(model, config).run(folder, staging, name,
                    () -> openStore(new StoreAddress(group, kind, name, staging)), progress);
        }
    }

    /** Closes every store (saving its index), then the model if this service created it. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        MnemoException failure = null;
        synchronized (stores) {
            for (MemoryStore store : stores.values()) {
                try {
                    store.close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = new MnemoException("closing memory stores failed", e);
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            stores.clear();
        }
        try {
            cluster.close();
        } catch (RuntimeException e) {
            if (failure == null) {
                failure = new MnemoException("closing the store database failed", e);
            } else {
                failure.addSuppressed(e);
            }
        }
        if (modelMeters != null) {
            try {
                modelMeters.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new MnemoException("removing embedding meters failed", e);
                }
            }
        }
        if (ownsModel) {
            model.close();
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StoreClosedException("memory service");
        }
    }

    /** Options for a service; {@link #build()} resolves the backend and model. */
    public static final class Builder {
        private final MnemoConfig config;
        private EmbeddingModel model;
        private VectorBackends backends;
        private Clock clock = Clock.systemUTC();
        private MeterRegistry meterRegistry;
        private ProgressListener progress = ProgressListener.NONE;

        private Builder(MnemoConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Uses this model instead of the configured provider; the caller keeps ownership of it. */
        public Builder embeddingModel(EmbeddingModel value) {
            this.model = value;
            return this;
        }

        /** Uses exactly these backends instead of discovering them. */
        public Builder backends(VectorBackends value) {
            this.backends = value;
            return this;
        }

        /** The clock for "now" (timestamps, recency, retention); tests pass a fixed one. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /**
         * Publishes every store's timers, counters and gauges to this registry (Micrometer must be
         * on the class path; it is an optional dependency of core). Nothing is registered globally.
         */
        public Builder meterRegistry(MeterRegistry value) {
            this.meterRegistry = value;
            return this;
        }

        /**
         * Told the progress of long store maintenance: filling the keyword leg of a store created
         * before it existed (when the store opens) and rebuilding it (reindex, restore).
         */
        public Builder progress(ProgressListener value) {
            this.progress = Objects.requireNonNull(value, "progress");
            return this;
        }

        public MemoryService build() {
            return new MemoryService(this);
        }
    }
}
