package dev.mnemo.core.store;

import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.embedding.EmbeddingResponseException;
import dev.mnemo.core.spi.EmbeddingCacheSql;
import dev.mnemo.core.spi.StoreDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Embeds texts through the store's persistent cache: a text embedded once by a model is never
 * sent to that model again while its entry lives. Entries are keyed by (model name, SHA-256 of
 * the text) and evicted least-recently-used beyond the configured bound.
 *
 * <p>What is cached is the caller's choice: search queries are ({@link #persist}); the texts of
 * stored records are not, because their vectors already live in {@code memory_vector} and a
 * second copy doubled the store's size. A lookup still answers a record's text from the cache
 * when it was searched for before, unless the model embeds queries differently (then query
 * entries are hashed apart).
 *
 * <p>Least-recently-used without a write per hit: a hit is remembered in memory and the
 * remembered uses are written in batches ({@value #TOUCH_BATCH} at a time, on any cache write,
 * on {@link #flushTouches} and on close), so a search that hits the cache opens no write
 * transaction. Uses not yet written when the process dies are lost, which only makes the
 * eviction order slightly less exact.
 *
 * <p>Thread-safe.
 */
final class CachingEmbedder {
    /** Evict at most every this many inserts, so eviction's COUNT(*) stays off the hot path. */
    static final int EVICT_EVERY = 256;
    /** Remembered uses written together. */
    static final int TOUCH_BATCH = 256;
    /** Put before a query's text when hashing it, for models that embed queries differently. */
    private static final String QUERY_SALT = "\u0000query\u0000";

    private final EmbeddingModel model;
    private final StoreDatabase database;
    private final EmbeddingCacheSql table;
    private final long maxEntries;
    private final Clock clock;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong insertsSinceEviction = new AtomicLong();
    /** Uses of cached entries not yet written: hex of the text hash -> when last used. */
    private final Map<String, Long> touches = new ConcurrentHashMap<>();
    private final BiConsumer<Integer, Integer> onLookup;

    /**
     * @param maxEntries cache bound; 0 disables the cache
     * @param onLookup   told (hits, misses) after every lookup
     */
    CachingEmbedder(EmbeddingModel model, StoreDatabase database, long maxEntries, Clock clock,
                    BiConsumer<Integer, Integer> onLookup) {
        this.onLookup = onLookup;
        this.model = model;
        this.database = database;
        this.table = database.embeddingCache();
        this.maxEntries = maxEntries;
        this.clock = clock;
    }

    /**
     * Vectors for texts with what the cache still has to store.
     *
     * @param vectors one per text, in order
     * @param hashes  hashes of the texts the model was called for
     * @param fresh   their vectors, to be written with {@link #store} or {@link #persist}
     */
    /** {@code embeddedAt} is when the model answered: a queued entry is as recently used as that, not as its write. */
    record Embedded(List<float[]> vectors, List<byte[]> hashes, List<float[]> fresh, long embeddedAt) {
    }

    /**
     * Writes the new entries of an {@link Embedded} (and the remembered uses, when a batch is due)
     * in a transaction of their own, after the caller checked them. For texts that are not stored
     * elsewhere: search queries. Opens no transaction when there is nothing to write.
     */
    void persist(Embedded embedded) {
        if (!embedded.fresh().isEmpty() || touches.size() >= TOUCH_BATCH) {
            database.write("writing the embedding cache", c -> {
                store(c, embedded);
                return null;
            });
        }
    }

    /**
     * Vectors for texts, from the cache or the model. Nothing is written: the caller checks the
     * vectors first (a bad answer must never be cached) and then passes the result to
     * {@link #store} inside its own write transaction or to {@link #persist}, or drops it when
     * the texts are stored with their vectors anyway.
     */
    Embedded embedDeferred(List<String> texts) {
        return embedDeferred(texts, false);
    }

    /** A search query's vector, as {@link #embedDeferred(List)} but through {@link EmbeddingModel#embedQueries}. */
    Embedded embedQueryDeferred(String query) {
        return embedDeferred(List.of(query), true);
    }

    private Embedded embedDeferred(List<String> texts, boolean queries) {
        if (maxEntries == 0) {
            misses.addAndGet(texts.size());
            onLookup.accept(0, texts.size());
            return new Embedded(callModel(texts, queries), List.of(), List.of(), clock.millis());
        }
        // a model with its own query form keeps query entries apart from stored texts' entries
        String salt = queries && model.embedsQueriesDifferently() ? QUERY_SALT : "";
        List<byte[]> hashes = texts.stream().map(t -> sha256(salt + t)).toList();
        Map<String, float[]> cached = new HashMap<>(database.read("reading the embedding cache",
                c -> table.find(c, model.name(), hashes)));
        long now = clock.millis();
        cached.keySet().forEach(hex -> touches.put(hex, now));
        List<String> missingTexts = new ArrayList<>();
        List<byte[]> missingHashes = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            if (!cached.containsKey(hex(hashes.get(i)))) {
                missingTexts.add(texts.get(i));
                missingHashes.add(hashes.get(i));
            }
        }
        hits.addAndGet(texts.size() - missingTexts.size());
        misses.addAndGet(missingTexts.size());
        onLookup.accept(texts.size() - missingTexts.size(), missingTexts.size());
        if (!missingTexts.isEmpty()) {
            List<float[]> fresh = callModel(missingTexts, queries);
            for (int i = 0; i < fresh.size(); i++) {
                cached.put(hex(missingHashes.get(i)), fresh.get(i));
            }
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (byte[] hash : hashes) {
            out.add(cached.get(hex(hash)));
        }
        List<float[]> fresh = new ArrayList<>(missingHashes.size());
        missingHashes.forEach(h -> fresh.add(cached.get(hex(h))));
        return new Embedded(out, missingHashes, fresh, clock.millis());
    }

    /**
     * Writes the new entries of an {@link Embedded} and the remembered uses on the caller's write
     * transaction, then evicts beyond the bound when enough was inserted since the last eviction.
     */
    void store(Connection c, Embedded embedded) throws SQLException {
        flushTouches(c);
        if (embedded.fresh().isEmpty()) {
            return;
        }
        table.put(c, model.name(), embedded.hashes(), embedded.fresh(), embedded.embeddedAt());
        if (insertsSinceEviction.addAndGet(embedded.fresh().size()) >= EVICT_EVERY) {
            insertsSinceEviction.set(0);
            table.evict(c, maxEntries);
        }
    }

    /** Counts a query answered from a vector not yet written to the cache as a cache hit. */
    void countPendingHit() {
        hits.incrementAndGet();
        onLookup.accept(1, 0);
    }

    /**
     * Writes the remembered uses on the caller's write transaction (cheap to add to any write
     * the store makes anyway). If that transaction rolls back, those uses are lost.
     */
    void flushTouches(Connection c) throws SQLException {
        if (touches.isEmpty()) {
            return;
        }
        Map<byte[], Long> batch = new HashMap<>();
        for (String hex : List.copyOf(touches.keySet())) {
            Long at = touches.remove(hex);
            if (at != null) {
                batch.put(HexFormat.of().parseHex(hex), at);
            }
        }
        table.touch(c, model.name(), batch);
    }

    /** Writes the remembered uses in a transaction of their own (on close). */
    void flushTouches() {
        if (!touches.isEmpty()) {
            database.write("writing embedding cache uses", c -> {
                flushTouches(c);
                return null;
            });
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
        return maxEntries == 0 ? 0 : table.count(c);
    }

    private List<float[]> callModel(List<String> texts, boolean queries) {
        List<float[]> vectors = queries ? model.embedQueries(texts) : model.embed(texts);
        if (vectors.size() != texts.size()) {
            throw new EmbeddingResponseException("model " + model.name() + " returned " + vectors.size()
                    + " vectors for " + texts.size() + " texts");
        }
        return vectors;
    }

    private static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
