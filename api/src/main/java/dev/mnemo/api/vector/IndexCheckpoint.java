package dev.mnemo.api.vector;

import java.util.Objects;

/**
 * What a saved index file says about where it came from, in its header: the store it was
 * built for and how far into that store's changes it is. A well-formed file of another store
 * (same backend, dimension and metric) put in place of this one is recognised by its store id.
 *
 * @param storeId  identity of the store the index belongs to (opaque to the index)
 * @param sequence the caller's position in its change log; -1 when never saved
 */
public record IndexCheckpoint(String storeId, long sequence) {
    /** The checkpoint of an index that was never saved. */
    public static final IndexCheckpoint NONE = new IndexCheckpoint("", -1);

    public IndexCheckpoint {
        Objects.requireNonNull(storeId, "storeId");
    }
}
