package dev.mnemo.api;

import java.nio.file.Path;

/**
 * A persisted file (index, legacy data) is truncated, of a foreign format, or fails its
 * checksum. Nothing of it was loaded.
 */
public class CorruptFileException extends MnemoException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public CorruptFileException(Path file, String reason) {
        this(file, reason, null);
    }

    public CorruptFileException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
