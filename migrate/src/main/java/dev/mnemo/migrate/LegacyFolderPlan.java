package dev.mnemo.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What importing one legacy folder would write: every row once, with the counts that explain how
 * the row count came about and the positions that cannot be imported. Built only from a folder
 * whose files all read cleanly; immutable.
 *
 * <p>{@code rows().size() == jsonRows() + faissRows() - duplicatesSkipped()}.
 *
 * @param folder            the legacy folder
 * @param rows              FAISS rows in position order, then the remaining JSON rows in file order
 * @param jsonRows          rows read from {@code _memory.json}
 * @param faissRows         FAISS positions covered by index, texts and (when present) metadata
 * @param indexVectors      vectors in {@code _faiss.index} ({@code ntotal}); 0 without one
 * @param duplicatesSkipped JSON rows also present among the FAISS rows (same text, same instant)
 * @param unimported        FAISS positions not imported, with the reason, in position order
 * @param filesRead         the legacy files the plan was built from
 * @param warnings          things worth telling the user that did not stop the plan
 */
public record LegacyFolderPlan(LegacyFolder folder, List<LegacyRow> rows, int jsonRows, int faissRows,
                               int indexVectors, int duplicatesSkipped, List<UnimportedPosition> unimported,
                               List<Path> filesRead, List<String> warnings) {

    public LegacyFolderPlan {
        Objects.requireNonNull(folder, "folder");
        rows = List.copyOf(rows);
        unimported = List.copyOf(unimported);
        filesRead = List.copyOf(filesRead);
        warnings = List.copyOf(warnings);
        if (rows.size() != jsonRows + faissRows - duplicatesSkipped) {
            throw new IllegalArgumentException("rows " + rows.size() + " != json " + jsonRows + " + faiss " + faissRows
                    + " - duplicates " + duplicatesSkipped);
        }
    }

    /** Character or story. */
    public LegacyKind kind() {
        return folder.kind();
    }

    /** The character name or story id. */
    public String name() {
        return folder.name();
    }

    /** Rows without a stored vector, which need the embedding model. */
    public long rowsNeedingEmbedding() {
        return rows.stream().filter(r -> !r.hasVector()).count();
    }

    /** The dimension of the stored vectors, if the folder has any. */
    public OptionalInt vectorDimension() {
        return rows.stream().filter(LegacyRow::hasVector).mapToInt(r -> r.vector().length).findFirst();
    }

    /** Whether there is nothing to import. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    @Override
    public String toString() {
        return "LegacyFolderPlan[" + folder.relativeName() + ": " + rows.size() + " rows (json " + jsonRows
                + ", faiss " + faissRows + ", duplicates skipped " + duplicatesSkipped + "), unimported "
                + unimported.size() + ", files " + filesRead.size() + "]";
    }
}
