package dev.mnemo.backend.faiss;

import java.util.Arrays;

/**
 * Sub-index rows whose vectors were removed but are still stored (tombstones), kept sorted so
 * that the native selector can test membership by binary search. Not thread-safe: the owning
 * index guards it with its lock. The backing array is handed to native code as is, with
 * {@link #size()} telling how much of it is valid.
 */
final class DeadRows {
    private long[] rows;
    private int size;

    DeadRows() {
        this(new long[0]);
    }

    /** Starts from rows that must be sorted ascending without repetition (checked). */
    DeadRows(long[] sortedRows) {
        for (int i = 1; i < sortedRows.length; i++) {
            if (sortedRows[i] <= sortedRows[i - 1]) {
                throw new IllegalArgumentException("dead rows are not strictly ascending at " + i);
            }
        }
        this.rows = sortedRows.clone();
        this.size = sortedRows.length;
    }

    boolean contains(long row) {
        return Arrays.binarySearch(rows, 0, size, row) >= 0;
    }

    /** Adds a row; false when it was already there. */
    boolean add(long row) {
        int at = Arrays.binarySearch(rows, 0, size, row);
        if (at >= 0) {
            return false;
        }
        int insert = -at - 1;
        if (size == rows.length) {
            rows = Arrays.copyOf(rows, Math.max(16, size * 2));
        }
        System.arraycopy(rows, insert, rows, insert + 1, size - insert);
        rows[insert] = row;
        size++;
        return true;
    }

    int size() {
        return size;
    }

    /** The backing array (valid up to {@link #size()}); for native calls only, never modified there. */
    long[] backingArray() {
        return rows;
    }

    long[] toArray() {
        return Arrays.copyOf(rows, size);
    }

    void clear() {
        rows = new long[0];
        size = 0;
    }
}
