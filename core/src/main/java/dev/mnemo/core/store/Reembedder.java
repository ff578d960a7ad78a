package dev.mnemo.core.store;

import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.MissingFileException;
import dev.mnemo.api.MnemoException;
import dev.mnemo.api.StorageException;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.internal.db.Database;
import dev.mnemo.core.internal.db.RecordRepository;
import dev.mnemo.core.internal.db.StoreMeta;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Moves a store to another embedding model: every record is copied (same id, text, times and
 * legacy columns) into a new store in a staging folder, with a vector from the new model; the
 * copy is verified (record count, index consistent), and only then is the old folder renamed to
 * {@code <name>.before-reembed-<millis>} and the staging folder renamed into its place. Until that
 * last step the old store is untouched, so an interrupted run loses nothing (its staging folder is
 * discarded by the next run). The old folder is kept for the user to delete.
 */
public final class Reembedder {
    private static final int BATCH = 256;

    /**
     * @param records  records copied
     * @param oldModel the model the store was built with
     * @param newModel the model it uses now
     * @param oldStore where the old store was kept
     */
    public record Result(long records, String oldModel, String newModel, Path oldStore) {
    }

    private final EmbeddingModel model;
    private final MnemoConfig config;

    Reembedder(EmbeddingModel model, MnemoConfig config) {
        this.model = model;
        this.config = config;
    }

    Result run(Path folder, Path staging, String name, Supplier<MemoryStore> openStaging, LongConsumer progress) {
        Path dbFile = folder.resolve(name + "_memory.db");
        if (!Files.isRegularFile(dbFile)) {
            throw new MissingFileException(dbFile + ": no store to re-embed");
        }
        deleteTree(staging);
        long copied = 0;
        String oldModel;
        try (Database source = new Database(dbFile, 2, config.busyTimeoutMillis(), config.synchronousMode());
             MemoryStore target = openStaging.get()) {
            oldModel = source.read("reading the store's model", c -> StoreMeta.model(c).orElse("unknown"));
            RecordRepository records = new RecordRepository(name);
            long expected = source.read("counting records", c -> records.countsByType(c).values().stream()
                    .mapToLong(Long::longValue).sum());
            long after = 0;
            while (true) {
                long from = after;
                List<MemoryRecord> page = source.read("reading records", c -> records.page(c, from, BATCH));
                if (page.isEmpty()) {
                    break;
                }
                List<float[]> vectors = model.embed(page.stream().map(MemoryRecord::text).toList());
                target.importCopies(page, vectors);
                copied += page.size();
                after = page.get(page.size() - 1).id();
                progress.accept(copied);
            }
            if (copied != expected || target.stats().totalRecords() != expected || !target.verify().consistent()) {
                throw new MnemoException("re-embedding " + folder + " did not verify: " + expected + " records, "
                        + copied + " copied; the old store is unchanged");
            }
        }
        Path kept = folder.resolveSibling(name + ".before-reembed-" + System.currentTimeMillis());
        try {
            Files.move(folder, kept);
            Files.move(staging, folder);
        } catch (IOException e) {
            throw StorageException.of("cannot swap the re-embedded store into " + folder
                    + " (old store: " + kept + ", new one: " + staging + ")", e);
        }
        return new Result(copied, oldModel, StoreMeta.describe(model), kept);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw StorageException.of("cannot remove the leftover staging folder " + dir, e);
        }
    }
}
