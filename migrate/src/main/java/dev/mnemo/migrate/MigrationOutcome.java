package dev.mnemo.migrate;

/** What a call of {@link LegacyMigrator#migrate} did. */
public enum MigrationOutcome {
    /** Dry run: nothing written; the result says what a real run would do. */
    DRY_RUN,
    /** Rows imported, verified, legacy files moved into the backup folder. */
    MIGRATED,
    /** An interrupted migration had committed its rows; this run verified them and finished the move. */
    RESUMED,
    /** No legacy files in the folder: nothing to do, nothing changed. */
    NOTHING_TO_DO,
    /** The legacy files present have identical copies in the backup folder: migrated before, nothing changed. */
    ALREADY_MIGRATED
}
