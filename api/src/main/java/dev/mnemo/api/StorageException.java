package dev.mnemo.api;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/**
 * A database or file operation failed. For the database it keeps the SQLState for diagnosis;
 * bound values (user text) are never part of the message. For a file the message names the file
 * and what was attempted, and the {@link IOException} is the cause: no {@code UncheckedIOException}
 * leaves the library.
 */
public class StorageException extends MnemoException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;

    /** A database operation ({@code action}, e.g. "adding 3 record(s)") failed. */
    public StorageException(String action, String sqlState, Throwable cause) {
        super(action + " failed" + (sqlState == null ? "" : " (SQLState " + sqlState + ")")
                + (cause == null ? "" : ": " + cause.getMessage()), cause);
        this.sqlState = sqlState;
    }

    /** A file operation failed; {@code message} says what and on which file ("cannot read X"). */
    public StorageException(String message, IOException cause) {
        super(message, cause);
        this.sqlState = null;
    }

    /**
     * The exception for a failed file operation: a {@link MissingFileException} when the file does
     * not exist, otherwise a {@code StorageException}.
     */
    public static StorageException of(String message, IOException cause) {
        return cause instanceof NoSuchFileException ? new MissingFileException(message, cause)
                : new StorageException(message, cause);
    }

    /** The SQLState reported by the driver, or {@code null} (always for a file operation). */
    public String sqlState() {
        return sqlState;
    }
}
