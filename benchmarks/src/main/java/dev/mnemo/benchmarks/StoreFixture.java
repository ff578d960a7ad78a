package dev.mnemo.benchmarks;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real {@link MemoryStore} (SQLite file, index file, {@link MemoryService}) for one variant,
 * with a {@link FixedEmbeddingModel} because every vector is precomputed. Records carry
 * conversation-sized texts and timestamps spread over a year before a fixed clock, so that
 * fetching rows and recency ranking cost what they cost in use. Owns the service; close it.
 */
public final class StoreFixture implements AutoCloseable {
    /** The character name of every benchmark store. */
    public static final String NAME = "bench";
    /** Ingest batch size, as in the task: one transaction per thousand records. */
    public static final int BATCH = 1000;
    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    static final Duration SPAN = Duration.ofDays(365);
    /** How many tag groups a {@link #cachedTagged tagged store} spreads its records over. */
    public static final int TAG_GROUPS = 10;
    private static final String COMPLETE = "complete.txt";

    private final MemoryService service;
    private final MemoryStore store;

    private StoreFixture(MemoryService service) {
        this.service = service;
        this.store = service.character(NAME);
    }

    /** An empty store of the variant in {@code dataDir}, with the default configuration. */
    public static StoreFixture open(Variant variant, int dimension, Path dataDir) {
        return open(variant, dimension, dataDir, true);
    }

    /**
     * A store of the variant in {@code dataDir}.
     *
     * @param monitoring false sets {@code mnemo.monitoring.history} to 0 (no persisted operation log), to
     *                   show what monitoring costs a search
     */
    public static StoreFixture open(Variant variant, int dimension, Path dataDir, boolean monitoring) {
        return open(variant, dimension, dataDir, monitoring ? Map.of() : Map.of(MnemoConfig.MONITORING_HISTORY, "0"));
    }

    /** A store of the variant in {@code dataDir} with these configuration keys set. */
    public static StoreFixture open(Variant variant, int dimension, Path dataDir, Map<String, String> settings) {
        MnemoConfig.Builder config = MnemoConfig.builder().dataDir(dataDir).set(MnemoConfig.VECTOR_BACKEND, variant.backend());
        settings.forEach(config::set);
        variant.options().forEach((k, v) -> config.set("mnemo.vector." + variant.backend() + "." + k, v));
        MemoryService service = MemoryService.builder(config.build())
                .embeddingModel(new FixedEmbeddingModel(dimension))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build();
        try {
            return new StoreFixture(service);
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
    }

    /**
     * A store holding every workload vector (record {@code i} = row {@code i}), ingested once per
     * run in batches of {@value #BATCH} and reopened from disk afterwards, as a restarted
     * application would.
     */
    public static StoreFixture cached(Variant variant, Workload workload, Path cacheDir, boolean monitoring) {
        return cached(variant, workload, cacheDir.resolve("store"), monitoring, StoreFixture::draft);
    }

    /**
     * Like {@link #cached}, with records of {@link #taggedDraft tagged drafts}: a type and
     * metadata that split them into {@value #TAG_GROUPS} equal groups.
     */
    public static StoreFixture cachedTagged(Variant variant, Workload workload, Path cacheDir) {
        return cached(variant, workload, cacheDir.resolve("store-tagged"), true, StoreFixture::taggedDraft);
    }

    private static StoreFixture cached(Variant variant, Workload workload, Path storesDir, boolean monitoring,
                                       Drafts drafts) {
        Path dir = storesDir.resolve(variant.buildKey() + "-" + workload.key());
        if (!Files.exists(dir.resolve(COMPLETE))) {
            deleteTree(dir);
            try (StoreFixture fresh = open(variant, workload.dimension(), dir)) {
                fresh.ingest(workload.vectors(), 0, workload.size(), BATCH, drafts);
            }
            try {
                Files.writeString(dir.resolve(COMPLETE), "records " + workload.size() + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return open(variant, workload.dimension(), dir, monitoring);
    }

    public MemoryStore store() {
        return store;
    }

    /**
     * Adds rows {@code from..to-1} in batches; checks that record ids follow the rows (id = row + 1),
     * which is what lets searches be scored against the exact ground truth.
     */
    public void ingest(float[][] vectors, int from, int to, int batch) {
        ingest(vectors, from, to, batch, StoreFixture::draft);
    }

    private void ingest(float[][] vectors, int from, int to, int batch, Drafts draftOfRow) {
        for (int start = from; start < to; start += batch) {
            int end = Math.min(to, start + batch);
            List<MemoryDraft> drafts = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                drafts.add(draftOfRow.draft(i, vectors.length));
            }
            List<MemoryRecord> stored = store.addAllWithVectors(drafts, Arrays.asList(vectors).subList(start, end), null);
            long expected = start + 1L;
            if (stored.get(0).id() != expected) {
                throw new IllegalStateException("record ids do not follow rows: row " + start + " got id "
                        + stored.get(0).id() + ", expected " + expected + " (was the store folder reused?)");
            }
        }
    }

    /** The data rows of every query's hits through the store, for recall against a row-space ground truth. */
    public long[][] searchRows(float[][] queries, SearchRequest request) {
        long[][] found = new long[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            found[q] = store.search(queries[q], request).stream().mapToLong(h -> row(h.record().id())).toArray();
        }
        return found;
    }

    /** The data row of a record id. */
    public static long row(long recordId) {
        return recordId - 1;
    }

    /** The conversation stored for row {@code i} of {@code n}: ~200 characters, a timestamp within the last year. */
    public static MemoryDraft draft(int i, int n) {
        Instant timestamp = NOW.minus(SPAN).plusMillis(SPAN.toMillis() * i / Math.max(1, n));
        return MemoryDraft.conversation(
                "Do you remember what we talked about on day " + (i % 365) + ", message number " + i
                        + "? It was about the garden and the old lighthouse by the sea.",
                "Yes, I remember it well: entry " + i + ". You told me about the roses, the storm that night"
                        + " and the keeper's daughter who painted boats.",
                timestamp);
    }

    /**
     * The record of row {@code i} in a tagged store: {@link #draft}'s text and time, type
     * {@code t<g>} and metadata {@code group = g} (long), {@code label = "g<g>"}, where
     * {@code g = i % }{@value #TAG_GROUPS}.
     */
    public static MemoryDraft taggedDraft(int i, int n) {
        MemoryDraft plain = draft(i, n);
        int group = i % TAG_GROUPS;
        return MemoryDraft.of(RecordType.of("t" + group), plain.text(), plain.timestamp())
                .withMetadata(Map.of("group", (long) group, "label", "g" + group));
    }

    /** How a fixture makes the record of a data row. */
    @FunctionalInterface
    private interface Drafts {
        MemoryDraft draft(int row, int rows);
    }

    /** Closes the service, which saves the index and closes the store. */
    @Override
    public void close() {
        service.close();
    }

    /** Deletes a folder and everything in it (no-op when absent). */
    public static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
