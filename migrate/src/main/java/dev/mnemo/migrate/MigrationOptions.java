package dev.mnemo.migrate;

/**
 * How {@link LegacyMigrator} runs.
 *
 * @param dryRun         read and check everything, report what would happen, write nothing
 * @param reembed        embed every row (both generations) with the configured model instead of
 *                       keeping the stored FAISS vectors; needed when that model has another dimension
 * @param embedBatchSize texts per call to the embedding model
 */
public record MigrationOptions(boolean dryRun, boolean reembed, int embedBatchSize) {
    /** Texts per embedding call unless told otherwise. */
    public static final int DEFAULT_EMBED_BATCH = 64;

    public MigrationOptions {
        if (embedBatchSize < 1) {
            throw new IllegalArgumentException("embedBatchSize must be at least 1, got " + embedBatchSize);
        }
    }

    /** Migrate for real, keeping stored vectors. */
    public static MigrationOptions defaults() {
        return new MigrationOptions(false, false, DEFAULT_EMBED_BATCH);
    }

    /** The same options as a dry run. */
    public MigrationOptions asDryRun() {
        return new MigrationOptions(true, reembed, embedBatchSize);
    }

    /** The same options with every row re-embedded. */
    public MigrationOptions withReembed() {
        return new MigrationOptions(dryRun, true, embedBatchSize);
    }
}
