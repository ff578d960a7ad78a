package dev.mnemo.migrate;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.StorageException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns one legacy folder into a {@link LegacyFolderPlan}, per the legacy format: generation 1
 * ({@code _memory.json}) and generation 2 (FAISS index, metadata, pickled texts), with a row present
 * in both generations (same text, same instant) taken once, from generation 2 with its vector.
 * Within one generation rows are never merged, even when identical.
 *
 * <p>Reads only; writes nothing. Every file of the folder is read in full before the plan is
 * built, so a corrupt file fails the whole folder with a {@link CorruptFileException} naming it,
 * never a partial plan. Thread-safe.
 */
public final class LegacyReader {
    private final MemoryJsonReader memoryJson;
    private final FaissEraReader faissEra;

    /** @param timestamps how to read the legacy timestamps (zone of zone-less times) */
    public LegacyReader(LegacyTimestamps timestamps) {
        LegacyJson json = new LegacyJson(Objects.requireNonNull(timestamps, "timestamps"));
        this.memoryJson = new MemoryJsonReader(json);
        this.faissEra = new FaissEraReader(json);
    }

    /** A reader of zone-less times in the JVM's default time zone, as the legacy store wrote them. */
    public LegacyReader() {
        this(LegacyTimestamps.systemDefault());
    }

    /**
     * Reads every legacy file of the folder and plans the import.
     *
     * @throws CorruptFileException  if any legacy file is malformed (the exception names it)
     * @throws UnsafePickleException if the pickle holds anything but a list of str
     * @throws StorageException      if a file cannot be read at all
     */
    public LegacyFolderPlan plan(LegacyFolder folder) {
        LegacyFiles present = LegacyScanner.files(folder);
        List<LegacyRow> jsonRows = present.memoryJson() != null ? memoryJson.read(present.memoryJson()) : List.of();
        FaissEraReader.Result faiss = faissEra.read(folder, present);

        Map<Key, Integer> faissKeys = new HashMap<>();
        for (LegacyRow row : faiss.rows()) {
            faissKeys.merge(Key.of(row), 1, Integer::sum);
        }
        List<LegacyRow> rows = new ArrayList<>(faiss.rows());
        int duplicates = 0;
        for (LegacyRow row : jsonRows) {
            // each FAISS row absorbs at most one JSON row: two identical JSON rows against one
            // FAISS row still import one of them
            Key key = Key.of(row);
            int unmatched = faissKeys.getOrDefault(key, 0);
            if (unmatched > 0) {
                faissKeys.put(key, unmatched - 1);
                duplicates++;
            } else {
                rows.add(row);
            }
        }

        List<Path> filesRead = new ArrayList<>();
        if (present.memoryJson() != null) {
            filesRead.add(present.memoryJson());
        }
        filesRead.addAll(faiss.filesRead());
        return new LegacyFolderPlan(folder, rows, jsonRows.size(), faiss.rows().size(), faiss.indexVectors(),
                duplicates, faiss.unimported(), filesRead, faiss.warnings());
    }

    /** What makes a row "the same" across generations: its text and its instant. */
    private record Key(String text, Instant timestamp) {
        static Key of(LegacyRow row) {
            return new Key(row.text(), row.timestamp());
        }
    }
}
