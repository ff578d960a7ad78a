package dev.mnemo.core.store;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.StorageException;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexCheckpoint;
import dev.mnemo.api.vector.IndexFiles;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.IndexStats;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorIndexProvider;
import dev.mnemo.core.index.SearchPlanner;
import dev.mnemo.core.spi.StoreDatabase;
import dev.mnemo.core.spi.VectorChange;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a store's vector index in line with its database, which is the source of truth.
 *
 * <p>The index remembers the last change-feed position it applied (its checkpoint, saved in the
 * index file). Catching up replays later changes; when the feed no longer reaches back that far,
 * or the file is missing or unreadable, the index is reconciled in full against the ids in the
 * database. Replaying is idempotent, so replaying a change twice is harmless.
 *
 * <p>Thread-safe: catch-up, saves and rebuilds are serialised by one lock. Searches take no lock:
 * they read the current index through an atomic reference and hold a use count on it, so a
 * {@link #rebuild()} can publish a new index while searches run and the old one is closed only
 * when the last search using it has finished. Searches go through the {@link SearchPlanner}.
 */
final class IndexKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexKeeper.class);
    private static final int REPLAY_BATCH = 10_000;
    private final StoreDatabase database;
    private final VectorIndexProvider provider;
    private final IndexSpec spec;
    private final Path file;
    private final int saveEvery;
    private final SearchPlanner planner;
    private final ReentrantLock lock = new ReentrantLock();
    /** The index searches use; replaced by {@link #rebuild()}, null once closed. */
    private final AtomicReference<SharedIndex> current = new AtomicReference<>();
    private volatile long appliedSeq;
    private long savedSeq;
    private String openNote;
    private long openNanos;
    private String storeId;
    private Runnable unsubscribe = () -> { };

    IndexKeeper(StoreDatabase database, VectorIndexProvider provider, IndexSpec spec, Path file, int saveEvery) {
        this.database = database;
        this.provider = provider;
        this.spec = spec;
        this.file = file;
        this.saveEvery = saveEvery;
        this.planner = SearchPlanner.of(spec);
        open();
        unsubscribe = database.subscribe(this::catchUpQuietly);
    }

    /** Catches up when another process said it committed; a failure waits for the next search to catch up. */
    private void catchUpQuietly() {
        try {
            if (current.get() != null) {
                catchUp();
            }
        } catch (RuntimeException e) {
            LOG.debug("background catch-up of {} failed, the next search catches up: {}", file.getFileName(),
                    e.getMessage());
        }
    }

    private void open() {
        long start = System.nanoTime();
        storeId = database.write("reading the store identity", c -> StoreIdentity.id(database.meta(), c));
        VectorIndex index = null;
        if (Files.exists(file)) {
            try {
                index = provider.load(file, spec);
                IndexCheckpoint checkpoint = index.checkpoint();
                if (checkpoint.sequence() < 0 || !checkpoint.storeId().equals(storeId)) {
                    index.close();
                    index = null;
                    openNote = "rebuilt from the database: " + file.getFileName() + " belongs to another store";
                    LOG.warn("index file {} was written for another store, rebuilding it from the database", file);
                } else {
                    appliedSeq = checkpoint.sequence();
                    savedSeq = appliedSeq;
                    openNote = "loaded " + file.getFileName() + " at change " + appliedSeq;
                }
            } catch (CorruptFileException e) {
                openNote = "rebuilt from the database: " + e.getMessage() + moveAsideIfForeign();
                LOG.warn("index file {} is unusable, rebuilding it from the database: {}", file, openNote);
            }
        } else {
            openNote = "built from the database (no index file yet)";
        }
        if (index == null) {
            index = provider.create(spec);
            appliedSeq = 0;
            savedSeq = -1;
        }
        SharedIndex shared = new SharedIndex(index);
        current.set(shared);
        try {
            catchUp();
            if (appliedSeq != savedSeq) {
                // rebuilt or replayed: keep the result, and let the backend's save tidy what a run of
                // changes may have left (a graph backend links nodes that lost every incoming edge)
                save();
            }
        } catch (RuntimeException e) {
            current.set(null);
            shared.release();
            throw e;
        }
        openNanos = System.nanoTime() - start;
    }

    /** How long loading and reconciling the index took when the store opened. */
    long openNanos() {
        return openNanos;
    }

    /**
     * A file without our magic is not ours to overwrite (the legacy Python store wrote its FAISS
     * index under the same name): keep it beside the store under another name.
     */
    private String moveAsideIfForeign() {
        if (IndexFiles.hasMnemoMagic(file)) {
            return "";
        }
        Path aside = file.resolveSibling(file.getFileName() + ".foreign-" + System.currentTimeMillis());
        try {
            Files.move(file, aside);
        } catch (IOException e) {
            throw new StorageException("moving the foreign file " + file + " aside (it is not a Mnemo index)", null, e);
        }
        return " (not a Mnemo index file; kept as " + aside.getFileName() + ")";
    }

    /** Applies every change committed since the index last caught up (by this or another process). */
    void catchUp() {
        lock.lock();
        try {
            database.read("catching up the vector index", c -> {
                long last = database.changes().position(c);
                if (last == appliedSeq && !database.changes().hasMore(c, appliedSeq)) {
                    return null;
                }
                if (!database.changes().canReplay(c, appliedSeq, last)) {
                    reconcileFully(c, last);
                    return null;
                }
                database.changes().replay(c, appliedSeq, last, REPLAY_BATCH, this::apply);
                appliedSeq = last;
                return null;
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Cheap check used before searches: catch up only when the feed moved since, or when it has
     * changes ahead of its position ({@code more}, from {@link dev.mnemo.core.spi.ChangeFeed#hasMore}).
     */
    void catchUpIfBehind(long lastSeq, boolean more) {
        if (lastSeq != appliedSeq || more) {
            catchUp();
        }
    }

    long appliedSeq() {
        return appliedSeq;
    }

    /**
     * Applies changes in feed order. Additions are collected and added in one {@code addAll} (graph
     * backends insert a batch in parallel); a deletion takes effect at once, and drops a pending
     * addition of the same id, so every id ends as its last change says.
     */
    private void apply(List<VectorChange> changes) {
        VectorIndex index = index();
        Map<Long, float[]> pending = new LinkedHashMap<>();
        for (VectorChange change : changes) {
            long id = change.recordId();
            if (change.added()) {
                // replay is idempotent: a vector the index already holds (or one deleted since) is skipped
                if (change.vector() != null && !index.contains(id)) {
                    pending.put(id, change.vector());
                }
            } else if (pending.remove(id) == null) {
                index.remove(id);
            }
        }
        if (!pending.isEmpty()) {
            long[] ids = pending.keySet().stream().mapToLong(Long::longValue).toArray();
            index.addAll(ids, pending.values().toArray(new float[0][]));
        }
    }

    private void reconcileFully(Connection c, long lastSeq) throws SQLException {
        reconcile(index(), c);
        appliedSeq = lastSeq;
    }

    /** Makes the index hold exactly the database's vectors. The caller holds {@link #lock}. */
    private void reconcile(VectorIndex index, Connection c) throws SQLException {
        // the caller read the log position first: anything committed after it is replayed later, idempotently
        long[] dbIds = database.records().vectorIds(c);
        Set<Long> inDb = new HashSet<>(dbIds.length * 2);
        for (long id : dbIds) {
            inDb.add(id);
        }
        int removed = 0;
        for (long id : index.ids()) {
            if (!inDb.contains(id)) {
                index.remove(id);
                removed++;
            }
        }
        long[] missing = Arrays.stream(dbIds).filter(id -> !index.contains(id)).toArray();
        for (int from = 0; from < missing.length; from += REPLAY_BATCH) {
            long[] chunk = Arrays.copyOfRange(missing, from, Math.min(missing.length, from + REPLAY_BATCH));
            Map<Long, float[]> vectors = database.records().vectors(c, chunk);
            long[] ids = vectors.keySet().stream().mapToLong(Long::longValue).toArray();
            float[][] vs = new float[ids.length][];
            for (int i = 0; i < ids.length; i++) {
                vs[i] = vectors.get(ids[i]);
            }
            index.addAll(ids, vs);
        }
        LOG.info("reconciled index {} with the database: {} added, {} removed", file.getFileName(), missing.length, removed);
    }

    /**
     * Saves the index when enough changes have accumulated since the last save: at least
     * {@code saveEvery}, and at least half the index, so that a growing index is rewritten at most
     * about twice its final size in all (a smaller share made saving a large part of bulk-ingest time).
     * Unsaved changes are safe in the database's change feed and replayed on the next open.
     */
    void saveIfDue() {
        long pending = appliedSeq - savedSeq;
        if (pending >= saveEvery && pending >= read(VectorIndex::size) / 2) {
            try {
                save();
            } catch (StorageException e) {
                // the write that made the save due is committed and its changes are in the log:
                // failing it would invite a duplicate retry. The next save (at the latest on close) reports it
                LOG.warn("could not save index file {}, will retry: {}", file, e.getMessage());
            }
        }
    }

    /** Writes the index file atomically with the current checkpoint, then trims the change feed. */
    void save() {
        lock.lock();
        try {
            long seq = appliedSeq;
            index().save(file, new IndexCheckpoint(storeId, seq));
            savedSeq = seq;
            database.write("trimming the change feed", c -> {
                database.changes().trim(c, seq);
                return null;
            });
        } finally {
            lock.unlock();
        }
    }

    /**
     * Rebuilds the index from the database (after a restore or on request) beside the current one,
     * which keeps answering searches until the new one is published; the old one is closed when
     * the last search using it ends.
     */
    void rebuild() {
        lock.lock();
        try {
            SharedIndex old = current.get();
            if (old == null) {
                throw new StoreClosedException("vector index " + file.getFileName());
            }
            VectorIndex fresh = provider.create(spec);
            long lastSeq;
            try {
                // a restore may bring another identity
                storeId = database.write("reading the store identity", c -> StoreIdentity.id(database.meta(), c));
                lastSeq = database.read("rebuilding the vector index", c -> {
                    long last = database.changes().position(c);
                    reconcile(fresh, c);
                    return last;
                });
            } catch (RuntimeException e) {
                fresh.close();
                throw e;
            }
            current.set(new SharedIndex(fresh));
            appliedSeq = lastSeq;
            savedSeq = -1;
            old.release();
            save();
        } finally {
            lock.unlock();
        }
    }

    List<Neighbor> search(float[] query, int k, IdFilter filter) {
        return read(index -> planner.search(index, query, k, filter));
    }

    /** Ids in the index (for verification). */
    long[] ids() {
        return read(VectorIndex::ids);
    }

    int size() {
        return read(VectorIndex::size);
    }

    String backend() {
        return provider.name();
    }

    /** What the index reports about itself, with the planner's counts among its parameters. */
    IndexStats stats() {
        IndexStats stats = read(VectorIndex::stats);
        Map<String, Object> parameters = new LinkedHashMap<>(stats.parameters());
        parameters.putAll(planner.counts());
        return new IndexStats(stats.type(), stats.size(), stats.tombstones(), parameters);
    }

    String openNote() {
        return openNote;
    }

    Path file() {
        return file;
    }

    long fileBytes() {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            throw new StorageException("reading the size of " + file, null, e);
        }
    }

    @Override
    public void close() {
        unsubscribe.run();
        lock.lock();
        try {
            SharedIndex shared = current.get();
            if (shared == null) {
                return;
            }
            try {
                if (savedSeq != appliedSeq) {
                    save();
                }
            } finally {
                current.set(null);
                shared.release(); // closes it now, or when the last running search ends
            }
        } finally {
            lock.unlock();
        }
    }

    /** The current index, for the holder of {@link #lock} (whose reference keeps it open). */
    private VectorIndex index() {
        SharedIndex shared = current.get();
        if (shared == null) {
            throw new StoreClosedException("vector index " + file.getFileName());
        }
        return shared.index;
    }

    /** Runs a read on the current index, keeping it open until the read is done. */
    private <T> T read(Function<VectorIndex, T> action) {
        while (true) {
            SharedIndex shared = current.get();
            if (shared == null) {
                throw new StoreClosedException("vector index " + file.getFileName());
            }
            if (shared.acquire()) {
                try {
                    return action.apply(shared.index);
                } finally {
                    shared.release();
                }
            }
            // retired between the read of `current` and acquire(): its successor is published already
        }
    }

    /** An index and its users: the keeper's own reference, plus one per running read. */
    private static final class SharedIndex {
        private final VectorIndex index;
        private final AtomicInteger users = new AtomicInteger(1);

        SharedIndex(VectorIndex index) {
            this.index = index;
        }

        /** Counts one more user; false once the index is closed or closing. */
        boolean acquire() {
            while (true) {
                int n = users.get();
                if (n == 0) {
                    return false;
                }
                if (users.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
        }

        /** Ends one use; the last one closes the index. */
        void release() {
            if (users.decrementAndGet() == 0) {
                index.close();
            }
        }
    }
}
