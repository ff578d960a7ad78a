package dev.mnemo.reliability;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures {@code System.out} and {@code System.err} (where slf4j-simple writes its log lines,
 * looking the stream up at every line) while it is open, and restores them on close.
 */
final class StdCapture implements AutoCloseable {
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private boolean closed;

    StdCapture() {
        PrintStream capture = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        System.setOut(capture);
        System.setErr(capture);
    }

    /** Everything written to either stream so far. */
    String text() {
        System.out.flush();
        System.err.flush();
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        System.setOut(originalOut);
        System.setErr(originalErr);
    }
}
