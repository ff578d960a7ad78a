package dev.mnemo.reliability;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a child's standard output line by line, returning only complete lines: a line the child
 * was killed in the middle of writing (no newline yet) is not an acknowledgement.
 */
final class ChildOutput implements AutoCloseable {
    private final InputStream in;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    ChildOutput(InputStream in) {
        this.in = new BufferedInputStream(in);
    }

    /** The next complete line, or null at end of stream (a trailing partial line is dropped). */
    String next() throws IOException {
        line.reset();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toString(StandardCharsets.UTF_8);
            }
            line.write(b);
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
