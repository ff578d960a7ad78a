package dev.mnemo.core.store;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.StorageException;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexFiles;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorIndexProvider;
import dev.mnemo.core.db.ChangeLog;
import dev.mnemo.core.db.Database;
import dev.mnemo.core.db.RecordRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a store's vector index in line with its database, which is the source of truth.
 *
 * <p>The index remembers the last change-log sequence it applied (its checkpoint, saved in the
 * index file). Catching up replays later changes; when the log no longer reaches back that far,
 * or the file is missing or unreadable, the index is reconciled in full against the ids in the
 * database. Replaying is idempotent, so replaying a change twice is harmless.
 *
 * <p>Thread-safe: searches go straight to the (thread-safe) index; catch-up and saves are
 * serialised by one lock.
 */
final class IndexKeeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(IndexKeeper.class);
    private static final int REPLAY_BATCH = 10_000;
    /** Changes kept after a save so that other processes behind us can still replay. */
    private static final long LOG_RETENTION = 100_000;

    private final Database database;
    private final RecordRepository records;
    private final VectorIndexProvider provider;
    private final IndexSpec spec;
    private final Path file;
    private final int saveEvery;
    private final ReentrantLock lock = new ReentrantLock();
    private VectorIndex index;
    private volatile long appliedSeq;
    private long savedSeq;
    private String openNote;
    private long openNanos;
    private int storeTag;

    IndexKeeper(Database database, RecordRepository records, VectorIndexProvider provider, IndexSpec spec, Path file,
                int saveEvery) {
        this.database = database;
        this.records = records;
        this.provider = provider;
        this.spec = spec;
        this.file = file;
        this.saveEvery = saveEvery;
        open();
    }

    private void open() {
        long start = System.nanoTime();
        storeTag = database.write("reading the store identity", StoreIdentity::tag);
        if (Files.exists(file)) {
            try {
                index = provider.load(file, spec);
                long checkpoint = index.checkpoint();
                if (checkpoint < 0 || StoreIdentity.tagOf(checkpoint) != storeTag) {
                    index.close();
                    index = null;
                    openNote = "rebuilt from the database: " + file.getFileName() + " belongs to another store";
                    LOG.warn("index file {} was written for another store, rebuilding it from the database", file);
                } else {
                    appliedSeq = StoreIdentity.seqOf(checkpoint);
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
        try {
            catchUp();
            if (appliedSeq != savedSeq) {
                index.repair(); // only changes since the file was saved can need it
            }
            if (savedSeq < 0) {
                save(); // rebuilt from the database: worth keeping
            } else {
                saveIfDue(); // a short replay is cheaper to repeat than rewriting a large file
            }
        } catch (RuntimeException e) {
            index.close();
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
            throw new UncheckedIOException("cannot move foreign file " + file + " aside; it is not a Mnemo index", e);
        }
        return " (not a Mnemo index file; kept as " + aside.getFileName() + ")";
    }

    /** Applies every change committed since the index last caught up (by this or another process). */
    void catchUp() {
        lock.lock();
        try {
            database.read("catching up the vector index", c -> {
                long last = ChangeLog.lastSeq(c);
                if (last == appliedSeq) {
                    return null;
                }
                long first = ChangeLog.firstSeq(c);
                boolean gap = last < appliedSeq || first == 0 || first > appliedSeq + 1;
                if (gap) {
                    reconcileFully(c, last);
                    return null;
                }
                while (appliedSeq < last) {
                    List<ChangeLog.Change> changes = ChangeLog.since(c, appliedSeq, REPLAY_BATCH);
                    if (changes.isEmpty()) {
                        break;
                    }
                    apply(changes);
                    appliedSeq = changes.get(changes.size() - 1).seq();
                }
                return null;
            });
        } finally {
            lock.unlock();
        }
    }

    /** Cheap check used before searches: catch up only when someone committed since. */
    void catchUpIfBehind(long lastSeq) {
        if (lastSeq != appliedSeq) {
            catchUp();
        }
    }

    long appliedSeq() {
        return appliedSeq;
    }

    /**
     * Applies changes in log order. Additions are collected and added in one {@code addAll} (graph
     * backends insert a batch in parallel); a deletion takes effect at once, and drops a pending
     * addition of the same id, so every id ends as its last change says.
     */
    private void apply(List<ChangeLog.Change> changes) {
        Map<Long, float[]> pending = new java.util.LinkedHashMap<>();
        for (ChangeLog.Change change : changes) {
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

    private void reconcileFully(java.sql.Connection c, long lastSeq) throws java.sql.SQLException {
        // read the log position first: anything committed after it is replayed later, idempotently
        long[] dbIds = records.vectorIds(c);
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
            Map<Long, float[]> vectors = records.vectors(c, chunk);
            long[] ids = vectors.keySet().stream().mapToLong(Long::longValue).toArray();
            float[][] vs = new float[ids.length][];
            for (int i = 0; i < ids.length; i++) {
                vs[i] = vectors.get(ids[i]);
            }
            index.addAll(ids, vs);
        }
        LOG.info("reconciled index {} with the database: {} added, {} removed", file.getFileName(), missing.length, removed);
        appliedSeq = lastSeq;
    }

    /**
     * Saves the index when enough changes have accumulated since the last save: at least
     * {@code saveEvery}, and at least half the index, so that a growing index is rewritten at most
     * about twice its final size in all (a quarter cost ~5x, a fifth of bulk-ingest time).
     * Unsaved changes are safe in the database's change log and replayed on the next open.
     */
    void saveIfDue() {
        long pending = appliedSeq - savedSeq;
        if (pending >= saveEvery && pending >= index.size() / 2) {
            try {
                save();
            } catch (StorageException e) {
                // the write that made the save due is committed and its changes are in the log:
                // failing it would invite a duplicate retry. The next save (at the latest on close) reports it
                LOG.warn("could not save index file {}, will retry: {}", file, e.getMessage());
            }
        }
    }

    /** Writes the index file atomically with the current checkpoint, then trims the change log. */
    void save() {
        lock.lock();
        try {
            long seq = appliedSeq;
            index.save(file, StoreIdentity.checkpoint(storeTag, seq));
            savedSeq = seq;
            if (seq > LOG_RETENTION) {
                database.write("trimming the change log", c -> ChangeLog.truncate(c, seq - LOG_RETENTION));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Drops the index and rebuilds it from the database (after a restore or on request). */
    void rebuild() {
        lock.lock();
        try {
            index.close();
            index = provider.create(spec);
            appliedSeq = 0;
            savedSeq = -1;
            storeTag = database.write("reading the store identity", StoreIdentity::tag); // a restore may bring another
            database.read("rebuilding the vector index", c -> {
                reconcileFully(c, ChangeLog.lastSeq(c));
                return null;
            });
            save();
        } finally {
            lock.unlock();
        }
    }

    List<Neighbor> search(float[] query, int k, IdFilter filter) {
        return index.search(query, k, filter);
    }

    /** Ids in the index (for verification). */
    long[] ids() {
        return index.ids();
    }

    int size() {
        return index.size();
    }

    String backend() {
        return index.backend();
    }

    Map<String, Object> describe() {
        return index.describe();
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
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (index == null) {
                return;
            }
            try {
                if (savedSeq != appliedSeq) {
                    save();
                }
            } finally {
                index.close();
                index = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
