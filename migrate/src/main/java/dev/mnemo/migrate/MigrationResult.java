package dev.mnemo.migrate;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The report of one folder's migration (or dry run).
 *
 * @param folder         the legacy folder
 * @param outcome        what happened
 * @param plan           the plan that was (or would be) imported; {@code null} when nothing was read
 * @param recordsBefore  records in the store before the import; -1 when the store was not opened
 * @param recordsAfter   records in the store afterwards; -1 when the store was not opened
 * @param imported       rows written by this run
 * @param embedded       rows embedded by this run (or that a real run would embed)
 * @param movedFiles     legacy files moved by this run (or that a real run would move), as they are now
 * @param notes          human-readable remarks: warnings of the plan, what was skipped and why
 */
public record MigrationResult(LegacyFolder folder, MigrationOutcome outcome, LegacyFolderPlan plan,
                              long recordsBefore, long recordsAfter, int imported, int embedded,
                              List<Path> movedFiles, List<String> notes) {
    public MigrationResult {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(outcome, "outcome");
        movedFiles = List.copyOf(movedFiles);
        notes = List.copyOf(notes);
    }

    /** Whether this run changed anything on disk. */
    public boolean changedSomething() {
        return outcome == MigrationOutcome.MIGRATED || outcome == MigrationOutcome.RESUMED;
    }

    /** One line for a person: what happened to which folder. */
    public String summary() {
        String where = folder.relativeName();
        return switch (outcome) {
            case DRY_RUN -> where + ": would import " + plan.rows().size() + " rows (" + plan.faissRows()
                    + " with stored vectors, " + embedded + " to embed, " + plan.duplicatesSkipped()
                    + " duplicates skipped, " + plan.unimported().size() + " positions not importable) and move "
                    + movedFiles.size() + " files into " + LegacyFolder.BACKUP_DIRECTORY + "/";
            case MIGRATED -> where + ": imported " + imported + " rows (" + embedded + " embedded), store now holds "
                    + recordsAfter + " records; moved " + movedFiles.size() + " files into "
                    + LegacyFolder.BACKUP_DIRECTORY + "/";
            case RESUMED -> where + ": finished an interrupted migration (rows were already committed); moved "
                    + movedFiles.size() + " files into " + LegacyFolder.BACKUP_DIRECTORY + "/";
            case NOTHING_TO_DO -> where + ": no legacy files, nothing changed";
            case ALREADY_MIGRATED -> where + ": already migrated (identical copies in "
                    + LegacyFolder.BACKUP_DIRECTORY + "/), nothing changed";
        };
    }
}
