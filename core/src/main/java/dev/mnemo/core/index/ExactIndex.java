package dev.mnemo.core.index;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.vector.AbstractVectorIndex;
import dev.mnemo.api.vector.ApproximateResult;
import dev.mnemo.api.vector.DuplicateIdException;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.api.vector.IndexCheckpoint;
import dev.mnemo.api.vector.IndexFileHeader;
import dev.mnemo.api.vector.IndexFiles;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.IndexStats;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.TopNeighbors;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Brute-force index: scores every present vector (or, with a filter smaller than the index,
 * every allowed one). Exact by construction, so it is the oracle the other backends are tested
 * against and the right index for small stores. Its approximate search is the same scan, so it
 * is always complete.
 *
 * <p>Vectors live in one growing {@code float[]}; a removal moves the last vector into the hole,
 * so the array stays dense. A read/write lock lets searches run in parallel with each other.
 */
final class ExactIndex extends AbstractVectorIndex {
    static final String NAME = "exact";
    static final int FORMAT_VERSION = 1;

    private final int dimension;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<Long, Integer> slotById = new HashMap<>();
    private long[] idBySlot = new long[16];
    private float[] data;
    private int size;
    private IndexCheckpoint checkpoint = IndexCheckpoint.NONE;

    ExactIndex(IndexSpec spec) {
        super(NAME, spec);
        this.dimension = spec.dimension();
        this.data = new float[16 * dimension];
    }

    @Override
    public void addAll(long[] ids, float[][] vectors) {
        float[][] prepared = prepareBatch(ids, vectors);
        lock.writeLock().lock();
        try {
            ensureOpen();
            for (long id : ids) {
                if (slotById.containsKey(id)) {
                    throw new DuplicateIdException(id);
                }
            }
            ensureCapacity(size + ids.length);
            for (int i = 0; i < ids.length; i++) {
                System.arraycopy(prepared[i], 0, data, size * dimension, dimension);
                idBySlot[size] = ids[i];
                slotById.put(ids[i], size);
                size++;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean remove(long id) {
        lock.writeLock().lock();
        try {
            ensureOpen();
            Integer slot = slotById.remove(id);
            if (slot == null) {
                return false;
            }
            int last = size - 1;
            if (slot != last) {
                System.arraycopy(data, last * dimension, data, slot * dimension, dimension);
                idBySlot[slot] = idBySlot[last];
                slotById.put(idBySlot[slot], slot);
            }
            size--;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean contains(long id) {
        lock.readLock().lock();
        try {
            ensureOpen();
            return slotById.containsKey(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public long[] ids() {
        lock.readLock().lock();
        try {
            ensureOpen();
            return Arrays.copyOf(idBySlot, size);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            ensureOpen();
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public ApproximateResult searchApproximate(float[] query, int k, IdFilter filter, long visitBudget) {
        return ApproximateResult.complete(scoreExactly(query, k, filter));
    }

    @Override
    public List<Neighbor> scoreExactly(float[] query, int k, IdFilter filter) {
        float[] q = prepareQuery(query, k);
        lock.readLock().lock();
        try {
            ensureOpen();
            TopNeighbors top = new TopNeighbors(k);
            if (filter == null) {
                for (int slot = 0; slot < size; slot++) {
                    top.offer(idBySlot[slot], score(q, slot));
                }
            } else if (filter.size() < size) {
                filter.forEach(id -> {
                    Integer slot = slotById.get(id);
                    if (slot != null) {
                        top.offer(id, score(q, slot));
                    }
                });
            } else {
                for (int slot = 0; slot < size; slot++) {
                    if (filter.contains(idBySlot[slot])) {
                        top.offer(idBySlot[slot], score(q, slot));
                    }
                }
            }
            return top.toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The approximate search is a scan of every present vector. */
    @Override
    public long estimatedVisits(int k, int allowed) {
        return size();
    }

    @Override
    public void save(Path file, IndexCheckpoint newCheckpoint) {
        lock.readLock().lock();
        try {
            ensureOpen();
            var header = new IndexFileHeader(NAME, FORMAT_VERSION, dimension, metric(), newCheckpoint, size);
            IndexFiles.write(file, header, out -> {
                // bulk conversion: per-float writes through DataOutputStream dominate save time otherwise
                ByteBuffer buffer = ByteBuffer.allocate(Long.BYTES + dimension * Float.BYTES);
                for (int slot = 0; slot < size; slot++) {
                    buffer.clear();
                    buffer.putLong(idBySlot[slot]);
                    buffer.asFloatBuffer().put(data, slot * dimension, dimension);
                    out.write(buffer.array());
                }
            });
        } finally {
            lock.readLock().unlock();
        }
        // the checkpoint describes what is on disk; publishing it after the write keeps it honest
        lock.writeLock().lock();
        try {
            checkpoint = newCheckpoint;
        } finally {
            lock.writeLock().unlock();
        }
    }

    static ExactIndex load(Path file, IndexSpec spec) {
        return IndexFiles.read(file, NAME, FORMAT_VERSION, spec, (in, header) -> {
            if (header.count() > Integer.MAX_VALUE) {
                throw new CorruptFileException(file, "count " + header.count() + " too large");
            }
            ExactIndex index = new ExactIndex(spec);
            int count = (int) header.count();
            index.ensureCapacity(count);
            byte[] record = new byte[Long.BYTES + spec.dimension() * Float.BYTES];
            ByteBuffer buffer = ByteBuffer.wrap(record);
            for (int slot = 0; slot < count; slot++) {
                in.readFully(record);
                long id = buffer.getLong(0);
                buffer.position(Long.BYTES);
                buffer.asFloatBuffer().get(index.data, slot * spec.dimension(), spec.dimension());
                if (index.slotById.put(id, slot) != null) {
                    throw new CorruptFileException(file, "duplicate id " + id);
                }
                index.idBySlot[slot] = id;
            }
            index.size = count;
            index.checkpoint = header.checkpoint();
            return index;
        });
    }

    @Override
    public IndexCheckpoint checkpoint() {
        lock.readLock().lock();
        try {
            return checkpoint;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public IndexStats stats() {
        return new IndexStats("flat", size(), 0, Map.of("metric", metric().name().toLowerCase(Locale.ROOT),
                "kernel", DotProduct.kernelName()));
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            markClosed();
            data = new float[0];
            idBySlot = new long[0];
            slotById.clear();
            size = 0;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private float score(float[] q, int slot) {
        int offset = slot * dimension;
        return switch (metric()) {
            case COSINE, DOT_PRODUCT -> dot(q, offset);
            case EUCLIDEAN -> 1f / (1f + squaredDistance(q, offset));
        };
    }

    private float dot(float[] q, int offset) {
        return DotProduct.dot(q, data, offset, dimension);
    }

    private float squaredDistance(float[] q, int offset) {
        float sum = 0;
        for (int i = 0; i < dimension; i++) {
            float d = q[i] - data[offset + i];
            sum += d * d;
        }
        return sum;
    }

    private void ensureCapacity(int needed) {
        if (needed > idBySlot.length) {
            int capacity = Math.max(needed, idBySlot.length + (idBySlot.length >> 1));
            idBySlot = Arrays.copyOf(idBySlot, capacity);
            data = Arrays.copyOf(data, Math.multiplyExact(capacity, dimension));
        }
    }
}
