package dev.mnemo.core.store;

import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.embedding.EmbeddingResponseException;
import dev.mnemo.core.db.Database;
import dev.mnemo.core.db.EmbeddingCacheTable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Embeds texts through the store's persistent cache: a text embedded once by a model is never
 * sent to that model again while its entry lives. Entries are keyed by (model name, SHA-256 of
 * the text) and evicted least-recently-used beyond the configured bound. Thread-safe.
 */
final class CachingEmbedder {
    /** Evict at most every this many inserts, so eviction's COUNT(*) stays off the hot path. */
    private static final int EVICT_EVERY = 256;

    private final EmbeddingModel model;
    private final Database database;
    private final long maxEntries;
    private final Clock clock;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong insertsSinceEviction = new AtomicLong();
    private final BiConsumer<Integer, Integer> onLookup;

    /**
     * @param maxEntries cache bound; 0 disables the cache
     * @param onLookup   told (hits, misses) after every lookup
     */
    CachingEmbedder(EmbeddingModel model, Database database, long maxEntries, Clock clock,
                    BiConsumer<Integer, Integer> onLookup) {
        this.onLookup = onLookup;
        this.model = model;
        this.database = database;
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /**
     * Vectors for texts with what the cache still has to store.
     *
     * @param vectors one per text, in order
     * @param hashes  hashes of the texts the model was called for
     * @param fresh   their vectors, to be written with {@link #store}
     */
    record Embedded(List<float[]> vectors, List<byte[]> hashes, List<float[]> fresh) {
    }

    /** Writes the new entries of an {@link Embedded} in a transaction of their own (after the caller checked them). */
    void persist(Embedded embedded) {
        if (!embedded.fresh().isEmpty()) {
            database.write("writing the embedding cache", c -> {
                store(c, embedded);
                return null;
            });
        }
    }

    /**
     * Vectors for texts, from the cache or the model. Nothing is written: the caller checks the
     * vectors first (a bad answer must never be cached) and then passes the result to
     * {@link #store} inside its own write transaction or to {@link #persist}.
     */
    Embedded embedDeferred(List<String> texts) {
        if (maxEntries == 0) {
            misses.addAndGet(texts.size());
            onLookup.accept(0, texts.size());
            return new Embedded(callModel(texts), List.of(), List.of());
        }
        List<byte[]> hashes = texts.stream().map(CachingEmbedder::sha256).toList();
        Map<String, float[]> cached = database.read("reading the embedding cache",
                c -> EmbeddingCacheTable.find(c, model.name(), hashes));
        List<String> missingTexts = new ArrayList<>();
        List<byte[]> missingHashes = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!cached.containsKey(HexFormat.of().formatHex(hashes.get(i)))) {
                missingTexts.add(texts.get(i));
                missingHashes.add(hashes.get(i));
            }
        }
        hits.addAndGet(texts.size() - missingTexts.size());
        misses.addAndGet(missingTexts.size());
        onLookup.accept(texts.size() - missingTexts.size(), missingTexts.size());
        if (!missingTexts.isEmpty()) {
            List<float[]> fresh = callModel(missingTexts);
            for (int i = 0; i < fresh.size(); i++) {
                cached.put(HexFormat.of().formatHex(missingHashes.get(i)), fresh.get(i));
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (byte[] hash : hashes) {
            out.add(cached.get(HexFormat.of().formatHex(hash)));
        }
        List<float[]> fresh = new ArrayList<>(missingHashes.size());
        missingHashes.forEach(h -> fresh.add(cached.get(HexFormat.of().formatHex(h))));
        return new Embedded(out, missingHashes, fresh);
    }

    /** Writes the new entries of an {@link Embedded} on the caller's write transaction. */
    void store(Connection c, Embedded embedded) throws SQLException {
        if (embedded.fresh().isEmpty()) {
            return;
        }
        EmbeddingCacheTable.put(c, model.name(), embedded.hashes(), embedded.fresh(), clock.millis());
        if (insertsSinceEviction.addAndGet(embedded.fresh().size()) >= EVICT_EVERY) {
            insertsSinceEviction.set(0);
            EmbeddingCacheTable.evict(c, maxEntries);
        }
    }

    long hits() {
        return hits.get();
    }

    long misses() {
        return misses.get();
    }

    /** Entries in the cache, read on the caller's connection (borrowing a second one could starve the pool). */
    long entries(Connection c) throws SQLException {
        return maxEntries == 0 ? 0 : EmbeddingCacheTable.count(c);
    }

    private List<float[]> callModel(List<String> texts) {
        List<float[]> vectors = model.embed(texts);
        if (vectors.size() != texts.size()) {
            throw new EmbeddingResponseException("model " + model.name() + " returned " + vectors.size()
                    + " vectors for " + texts.size() + " texts");
        }
        return vectors;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
