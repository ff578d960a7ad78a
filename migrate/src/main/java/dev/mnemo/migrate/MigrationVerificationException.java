package dev.mnemo.migrate;

import dev.mnemo.api.MnemoException;

/**
 * The rows of a migration were committed but the store does not verify (record count, index
 * against database, a row that reads back differently). The legacy files were left in place and
 * the journal kept, so the next run checks again before moving anything.
 */
public class MigrationVerificationException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public MigrationVerificationException(LegacyFolder folder, String problem) {
        super("migration of " + folder.relativeName() + " did not verify: " + problem
                + "; the legacy files were left in place");
    }
}
