package dev.mnemo.core.store;

import dev.mnemo.api.StorageException;
import dev.mnemo.core.internal.db.Database;
import dev.mnemo.core.internal.db.RecordRepository;
import dev.mnemo.core.monitor.GaugeSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A store's live sizes, read when a gauge is sampled. Thread-safe. */
final class StoreGauges implements GaugeSource {
    private final Database database;
    private final RecordRepository records;
    private final IndexKeeper keeper;

    StoreGauges(Database database, RecordRepository records, IndexKeeper keeper) {
        this.database = database;
        this.records = records;
        this.keeper = keeper;
    }

    @Override
    public long records() {
        return database.read("counting records", c -> records.countsByType(c).values().stream()
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

    /** The database file and its write-ahead log. */
    @Override
    public long databaseBytes() {
        long total = 0;
        for (String suffix : new String[] {"", "-wal"}) {
            Path p = Path.of(database.file() + suffix);
            try {
                total += Files.exists(p) ? Files.size(p) : 0;
            } catch (IOException e) {
                throw StorageException.of("cannot read the size of " + p, e);
            }
        }
        return total;
    }

    @Override
    public long indexFileBytes() {
        return keeper.fileBytes();
    }
}
