package dev.mnemo.core.store;

import dev.mnemo.core.monitor.GaugeSource;
import dev.mnemo.core.spi.StoreDatabase;

/** A store's live sizes, read when a gauge is sampled. Thread-safe. */
final class StoreGauges implements GaugeSource {
    private final StoreDatabase database;
    private final IndexKeeper keeper;

    StoreGauges(StoreDatabase database, IndexKeeper keeper) {
        this.database = database;
        this.keeper = keeper;
    }

    @Override
    public long records() {
        return database.read("counting records", c -> database.records().countsByType(c).values().stream()
                .mapToLong(Long::longValue).sum());
    }

    @Override
    public long indexSize() {
        return keeper.size();
    }

    @Override
    public long tombstones() {
        return keeper.stats().tombstones();
    }

    /** What the store occupies in its database (for SQLite: the file and its write-ahead log). */
    @Override
    public long databaseBytes() {
        return database.sizeBytes();
    }

    @Override
    public long indexFileBytes() {
        return keeper.fileBytes();
    }
}
