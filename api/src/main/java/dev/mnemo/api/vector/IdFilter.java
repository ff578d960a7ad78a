package dev.mnemo.api.vector;

import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * An immutable set of ids a search may return. Membership tests are O(1) when the ids are dense
 * (as SQLite row ids are) and O(log n) otherwise, so backends can call {@link #contains(long)}
 * from their graph walk. Thread-safe.
 */
public final class IdFilter {
    /** A bitmap is used when it costs at most this many bits per allowed id. */
    private static final long MAX_BITS_PER_ID = 64;

    private final long[] sortedIds;
    private final long base;
    private final long[] bits;

    private IdFilter(long[] sortedIds) {
        this.sortedIds = sortedIds;
        if (sortedIds.length == 0) {
            this.base = 0;
            this.bits = null;
            return;
        }
        long min = sortedIds[0];
        long span = sortedIds[sortedIds.length - 1] - min + 1;
        if (span > 0 && span <= Math.max(4096, sortedIds.length * MAX_BITS_PER_ID) && span < (1L << 31) * 64) {
            this.base = min;
            this.bits = new long[(int) ((span + 63) >>> 6)];
            for (long id : sortedIds) {
                long offset = id - min;
                bits[(int) (offset >>> 6)] |= 1L << offset;
            }
        } else {
            this.base = 0;
            this.bits = null;
        }
    }

    /** A filter allowing exactly the given ids (duplicates are ignored; the array is copied). */
    public static IdFilter of(long... ids) {
        long[] copy = ids.clone();
        Arrays.sort(copy);
        int unique = 0;
        for (int i = 0; i < copy.length; i++) {
            if (i == 0 || copy[i] != copy[i - 1]) {
                copy[unique++] = copy[i];
            }
        }
        return new IdFilter(unique == copy.length ? copy : Arrays.copyOf(copy, unique));
    }

    /** True when the id is allowed. */
    public boolean contains(long id) {
        if (bits != null) {
            long offset = id - base;
            if (offset < 0 || offset >= (long) bits.length << 6) {
                return false;
            }
            return (bits[(int) (offset >>> 6)] & (1L << offset)) != 0;
        }
        return Arrays.binarySearch(sortedIds, id) >= 0;
    }

    /** How many ids are allowed. */
    public int size() {
        return sortedIds.length;
    }

    public boolean isEmpty() {
        return sortedIds.length == 0;
    }

    /** The allowed ids in ascending order (a copy). */
    public long[] toArray() {
        return sortedIds.clone();
    }

    /** Visits the allowed ids in ascending order without copying. */
    public void forEach(LongConsumer action) {
        for (long id : sortedIds) {
            action.accept(id);
        }
    }

    @Override
    public String toString() {
        return "IdFilter[size=" + sortedIds.length + "]";
    }
}
