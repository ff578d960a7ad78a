package dev.mnemo.core.store;

import dev.mnemo.api.StorageException;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.internal.db.Database;
import dev.mnemo.core.internal.db.SqliteStore;
import dev.mnemo.core.provider.StoreKinds;
import dev.mnemo.core.spi.StoreAddress;
import dev.mnemo.core.spi.StoreCluster;
import dev.mnemo.core.spi.StoreDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The built-in store kind: every store is its own SQLite file in its folder of the data directory
 * ({@code <data>/memory/<name>/<name>_memory.db}), with a pool of its own.
 */
final class SqliteStores implements StoreCluster {
    private final MnemoConfig config;

    SqliteStores(MnemoConfig config) {
        this.config = config;
    }

    @Override
    public String kind() {
        return StoreKinds.SQLITE;
    }

    @Override
    public StoreDatabase open(StoreAddress address) {
        try {
            Files.createDirectories(address.folder());
        } catch (IOException e) {
            throw StorageException.of("cannot create store folder " + address.folder(), e);
        }
        Database database = new Database(address.folder().resolve(address.name() + "_memory.db"), config.poolSize(),
                config.busyTimeoutMillis(), config.synchronousMode(), MemoryService.layout(config));
        return new SqliteStore(database, address.name());
    }

    /** The folders of the group that hold a store file. */
    @Override
    public List<String> names(String group) {
        Path dir = config.dataDir().resolve(group);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(dir)) {
            List<String> out = new ArrayList<>();
            children.filter(p -> Files.isRegularFile(p.resolve(p.getFileName() + "_memory.db")))
                    .forEach(p -> out.add(p.getFileName().toString()));
            out.sort(null);
            return out;
        } catch (IOException e) {
            throw StorageException.of("cannot list " + dir, e);
        }
    }

    @Override
    public boolean supportsReembedding() {
        return true;
    }

    /** Nothing is shared between SQLite stores: each closes its own pool. */
    @Override
    public void close() {
    }
}
