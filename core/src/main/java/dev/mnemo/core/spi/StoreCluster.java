package dev.mnemo.core.spi;

import java.util.List;

/**
 * Every store of one kind that a {@link dev.mnemo.core.store.MemoryService} reaches: for SQLite
 * one file per store, for a server one database (and its connection pool) shared by all of them.
 * Thread-safe; closed by the service after its stores.
 */
public interface StoreCluster extends AutoCloseable {

    /** The kind's name, as in {@code mnemo.store.kind}. */
    String kind();

    /** Opens (creating on first use) a store's database. */
    StoreDatabase open(StoreAddress address);

    /** Names of the stores of a group ({@code memory} or {@code saves}) that exist, sorted. */
    List<String> names(String group);

    /** True when stores of this kind can be re-embedded into a new store beside them ({@code reindex --reembed}). */
    default boolean supportsReembedding() {
        return false;
    }

    @Override
    void close();
}
