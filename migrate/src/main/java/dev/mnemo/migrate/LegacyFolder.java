package dev.mnemo.migrate;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One legacy folder, {@code data/memory/<name>/} or {@code data/saves/<story_id>/}, and the
 * names of the files the Python store kept there. Whether those files exist is a question for
 * {@link LegacyScanner} and {@link LegacyReader}; this is only the layout.
 *
 * @param directory the folder itself
 * @param kind      character or story
 * @param name      the folder's own name, which prefixes every file in it
 */
public record LegacyFolder(Path directory, LegacyKind kind, String name) {
    /** The folder the migration moves legacy files into, beside them. */
    public static final String BACKUP_DIRECTORY = "backup_before_migration";

    public LegacyFolder {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(kind, "kind");
        LegacyNames.check(name, kind);
    }

    /** Generation 1: {@code <name>_memory.json}. */
    public Path memoryJson() {
        return file("_memory.json");
    }

    /** Generation 2: {@code <name>_metadata.json}. */
    public Path metadataJson() {
        return file("_metadata.json");
    }

    /** Generation 2: {@code <name>_texts.pkl}. */
    public Path textsPickle() {
        return file("_texts.pkl");
    }

    /** Generation 2: {@code <name>_faiss.index}. The new store may later write its own index here. */
    public Path faissIndex() {
        return file("_faiss.index");
    }

    /**
     * Where a migration parks {@code <name>_faiss.index} while the new store is open: a store
     * whose backend is FAISS writes its own index under that very name.
     */
    public Path parkedFaissIndex() {
        return file("_faiss.index.legacy");
    }

    /** The journal a migration keeps while it runs, to finish or undo itself after a crash. */
    public Path migrationJournal() {
        return file("_migration.json");
    }

    /** The database of the new store, {@code <name>_memory.db}. */
    public Path database() {
        return file("_memory.db");
    }

    /** {@code backup_before_migration/} beside the legacy files. */
    public Path backupDirectory() {
        return directory.resolve(BACKUP_DIRECTORY);
    }

    /** {@code memory/<name>} or {@code saves/<name>}, as the fixtures' manifest names folders. */
    public String relativeName() {
        return kind.directory() + "/" + name;
    }

    private Path file(String suffix) {
        return directory.resolve(name + suffix);
    }
}
