package dev.mnemo.migrate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The legacy files present in one folder; a component is {@code null} when that file is absent.
 *
 * @param memoryJson   generation 1, {@code <name>_memory.json}
 * @param metadataJson generation 2, {@code <name>_metadata.json}
 * @param textsPickle  generation 2, {@code <name>_texts.pkl}
 * @param faissIndex   generation 2, {@code <name>_faiss.index}, or the same file parked aside as
 *                     {@code <name>_faiss.index.legacy} by an interrupted migration
 */
public record LegacyFiles(Path memoryJson, Path metadataJson, Path textsPickle, Path faissIndex) {

    /** The present files: generation 1 first, then metadata, texts, index. */
    public List<Path> all() {
        List<Path> files = new ArrayList<>(4);
        for (Path p : new Path[] {memoryJson, metadataJson, textsPickle, faissIndex}) {
            if (p != null) {
                files.add(p);
            }
        }
        return List.copyOf(files);
    }

    /** Whether no legacy file is present. */
    public boolean isEmpty() {
        return all().isEmpty();
    }

    /** Whether any generation-2 file is present. */
    public boolean hasFaissEra() {
        return metadataJson != null || textsPickle != null || faissIndex != null;
    }
}
