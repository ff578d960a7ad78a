package dev.mnemo.migrate;

import dev.mnemo.api.CorruptFileException;
import java.nio.file.Path;

/**
 * A legacy pickle asks for more than a list of strings: a global (class or function), a call,
 * an object build, or any other opcode outside that small set. It was refused before the opcode
 * took effect; nothing it names was looked up or run.
 */
public class UnsafePickleException extends CorruptFileException {
    private static final long serialVersionUID = 1L;

    public UnsafePickleException(Path file, String reason) {
        super(file, reason);
    }
}
