package dev.mnemo.api;

import java.io.IOException;

/**
 * A file the operation needs does not exist: a configuration file, a backup to restore, a store to
 * re-embed. A {@link StorageException}, so callers that treat every file failure alike still can.
 */
public class MissingFileException extends StorageException {
    private static final long serialVersionUID = 1L;

    /** {@code message} names the file and what it was needed for. */
    public MissingFileException(String message) {
        super(message, (IOException) null);
    }

    /** The file system said so ({@code cause} is typically a {@code NoSuchFileException}). */
    public MissingFileException(String message, IOException cause) {
        super(message, cause);
    }
}
