package dev.mnemo.benchmarks;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes matrices in NumPy's {@code .npy} format (version 1.0, little-endian, C order) for the Python reference. */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};

    private Npy() {
    }

    /** A float32 matrix; every row must have the same length. */
    public static void writeFloats(Path file, float[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        write(file, "<f4", rows.length, cols, Float.BYTES, (buffer, r) -> {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, expected " + cols);
            }
            for (float v : rows[r]) {
                buffer.putFloat(v);
            }
        });
    }

    /** An int64 matrix; every row must have the same length. */
    public static void writeLongs(Path file, long[][] rows) {
        int cols = rows.length == 0 ? 0 : rows[0].length;
        write(file, "<i8", rows.length, cols, Long.BYTES, (buffer, r) -> {
            if (rows[r].length != cols) {
                throw new IllegalArgumentException("row " + r + " has " + rows[r].length + " values, expected " + cols);
            }
            for (long v : rows[r]) {
                buffer.putLong(v);
            }
        });
    }

    /** The header bytes (magic, length, padded dictionary) for a 2-d array. */
    static byte[] header(String descr, int rows, int cols) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(padding) + "\n";
        ByteBuffer out = ByteBuffer.allocate(MAGIC.length + 2 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        out.put(MAGIC).putShort((short) text.length()).put(text.getBytes(StandardCharsets.US_ASCII));
        return out.array();
    }

    private interface RowWriter {
        void put(ByteBuffer buffer, int row);
    }

    private static void write(Path file, String descr, int rows, int cols, int width, RowWriter writer) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                out.write(header(descr, rows, cols));
                ByteBuffer row = ByteBuffer.allocate(cols * width).order(ByteOrder.LITTLE_ENDIAN);
                for (int r = 0; r < rows; r++) {
                    row.clear();
                    writer.put(row, r);
                    out.write(row.array(), 0, row.position());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
