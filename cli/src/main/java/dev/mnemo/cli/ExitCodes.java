package dev.mnemo.cli;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MissingFileException;
import dev.mnemo.api.ModelMismatchException;
import dev.mnemo.api.ProviderUnavailableException;
import dev.mnemo.api.RecordNotFoundException;
import dev.mnemo.api.StorageException;
import dev.mnemo.api.UnknownProviderException;
import dev.mnemo.api.embedding.EmbeddingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;

/**
 * The exit codes of {@code mnemo}: a contract scripts rely on, documented in the README.
 * One code per class of failure, so a script can tell "fix your arguments" from "the disk is
 * broken" without parsing messages.
 */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** A failure nobody anticipated (a bug); run with --verbose for the stack trace. */
    public static final int UNEXPECTED = 1;
    /** Bad command line or configuration: unknown option, unknown or unavailable backend/model, wrong model for a store. */
    public static final int USAGE = 2;
    /** Input refused: malformed JSON line, bad timestamp, empty text, a name with '..'. */
    public static final int INVALID_INPUT = 3;
    /** A record id or file that does not exist. */
    public static final int NOT_FOUND = 4;
    /** The database or a file could not be read or written, or is corrupt. */
    public static final int STORAGE = 5;
    /** The embedding model failed (network, API key, bad response). */
    public static final int EMBEDDING = 6;
    /** {@code verify} found differences between database and index. */
    public static final int VERIFY_DIFFERENCES = 7;
    /** Stopped by Ctrl-C (SIGINT); every finished batch is committed. 128 + SIGINT, as shells expect. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }

    /** The exit code for an exception thrown by a command. */
    public static int of(Throwable e) {
        if (e instanceof CliException c) {
            return c.exitCode();
        }
        if (e instanceof UnknownProviderException || e instanceof ProviderUnavailableException
                || e instanceof ModelMismatchException) {
            return USAGE;
        }
        if (e instanceof InvalidInputException || e instanceof InvalidPathException) {
            return INVALID_INPUT;
        }
        if (e instanceof RecordNotFoundException || e instanceof MissingFileException
                || e instanceof NoSuchFileException) {
            return NOT_FOUND;
        }
        if (e instanceof EmbeddingException) {
            return EMBEDDING;
        }
        // IOException: the commands' own file work (import, export) throws it checked
        if (e instanceof StorageException || e instanceof CorruptFileException || e instanceof IOException) {
            return STORAGE;
        }
        // fallback while index file code (api IndexFiles, IndexKeeper, backend-faiss, MemoryStore's
        // file size) still throws UncheckedIOException; the library raises StorageException otherwise
        if (e instanceof UncheckedIOException) {
            return STORAGE;
        }
        return UNEXPECTED;
    }
}
