package dev.mnemo.api;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;

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

    private StorageException(String message, Throwable cause, String sqlState) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /**
     * A write of {@code file} failed because of the disk ({@code reason} is "disk full" or
     * "I/O error"); the message names the action, the reason, the file and the cause's own words.
     */
    public static StorageException ofFile(String action, String reason, Path file, String sqlState, Throwable cause) {
        String detail = cause == null || cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")";
        return new StorageException(action + " failed: " + reason + ": " + file + detail, cause, sqlState);
    }

    /**
     * True when an I/O failure means the file system has no space (ENOSPC) or quota (EDQUOT)
     * left. Java reports both only through the operating system's message.
     */
    public static boolean isDiskFull(IOException e) {
        String text = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        if (text == null) {
            return false;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        return lower.contains("no space left") || lower.contains("disk quota exceeded") || lower.contains("disk full");
    }

    /** The SQLState reported by the driver, or {@code null}. */
    public String sqlState() {
        return sqlState;
    }
}
