package dev.mnemo.backend.jvector;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A growable set of ordinals (the deleted ones) with one writer and lock-free readers. The graph
 * walk asks it about every candidate, so reads must not take a lock: JVector's own
 * {@code ThreadSafeGrowableBitSet} takes a read lock per {@code get}, which makes concurrent
 * searches contend on one cache line.
 *
 * <p>{@link #add} is called only under the index's mutation lock. Words are read and written with
 * volatile semantics, and a grown array is published through a volatile field after the copy.
 */
final class OrdinalSet {
    private volatile AtomicLongArray words = new AtomicLongArray(16);

    boolean contains(int ordinal) {
        AtomicLongArray current = words;
        int word = ordinal >>> 6;
        return word < current.length() && (current.get(word) & (1L << ordinal)) != 0;
    }

    /** Adds an ordinal. Single writer only. */
    void add(int ordinal) {
        int word = ordinal >>> 6;
        AtomicLongArray current = words;
        if (word >= current.length()) {
            AtomicLongArray grown = new AtomicLongArray(Math.max(word + 1, current.length() * 2));
            for (int i = 0; i < current.length(); i++) {
                grown.set(i, current.get(i));
            }
            words = grown;
            current = grown;
        }
        current.set(word, current.get(word) | (1L << ordinal));
    }
}
