package dev.mnemo.migrate;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file written by FAISS {@code write_index} for a flat index, without FAISS. The layout
 * (FAISS 1.7.x, little-endian), checked against files the Python package writes:
 *
 * <pre>
 * fourcc "IxF2" (IndexFlatL2) or "IxFI" (IndexFlatIP)
 * i32 d | i64 ntotal | i64 dummy | i64 dummy | u8 is_trained | i32 metric_type
 * [f32 metric_arg, only when metric_type &gt; 1]
 * i64 n = ntotal * d | n x f32 vectors, row-major in position order
 * </pre>
 *
 * The file must end right after the vectors: anything shorter or longer is refused as corrupt,
 * since a silently truncated index would shift every vector against its text.
 * Floats are copied in bulk, so every bit (NaN payloads included) comes back as written.
 */
public final class FaissFlatIndexReader {
    private static final int METRIC_INNER_PRODUCT = 0;
    private static final int METRIC_L2 = 1;
    private static final int HEADER_BYTES = 4 + 4 + 8 + 8 + 8 + 1 + 4;

    private FaissFlatIndexReader() {
    }

    /**
     * Reads every vector of the index.
     *
     * @throws CorruptFileException if the file is not a FAISS flat index or its size disagrees
     *                              with its header
     */
    public static FlatVectors read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < HEADER_BYTES) {
                throw new CorruptFileException(file, "truncated: " + size + " bytes, a FAISS index header needs "
                        + HEADER_BYTES);
            }
            ByteBuffer header = readFully(channel, HEADER_BYTES, file);
            String fourcc = new String(header.array(), 0, 4, StandardCharsets.ISO_8859_1);
            header.position(4);
            boolean innerProduct = switch (fourcc) {
                case "IxF2" -> false;
                case "IxFI" -> true;
                default -> throw new CorruptFileException(file, "not a FAISS flat L2/IP index: file starts with '"
                        + printable(fourcc) + "', expected 'IxF2' or 'IxFI'");
            };
            int dimension = header.getInt();
            long ntotal = header.getLong();
            header.getLong(); // FAISS writes 1 << 20 twice where old versions kept sizes; read_index ignores them
            header.getLong();
            header.get();     // is_trained: always true for a flat index
            int metric = header.getInt();
            int expectedMetric = innerProduct ? METRIC_INNER_PRODUCT : METRIC_L2;
            if (metric != expectedMetric) {
                throw new CorruptFileException(file, "metric type " + metric + " does not match '" + fourcc
                        + "' (expected " + expectedMetric + ")");
            }
            if (dimension <= 0) {
                throw new CorruptFileException(file, "dimension " + dimension + " is not positive");
            }
            if (ntotal < 0 || ntotal > Integer.MAX_VALUE) {
                throw new CorruptFileException(file, "vector count " + ntotal + " is out of range");
            }
            long floats = ntotal * dimension; // both below 2^31: no overflow
            long expectedSize;
            try {
                expectedSize = Math.addExact(HEADER_BYTES + 8L, Math.multiplyExact(floats, (long) Float.BYTES));
            } catch (ArithmeticException e) {
                throw new CorruptFileException(file, "header says " + ntotal + " vectors of dimension " + dimension
                        + ", more than any file can hold");
            }
            if (size != expectedSize) {
                throw new CorruptFileException(file, (size < expectedSize ? "truncated" : "trailing bytes")
                        + ": header says " + ntotal + " vectors of dimension " + dimension + " (" + expectedSize
                        + " bytes), file has " + size + " bytes");
            }
            long storedFloats = readFully(channel, 8, file).getLong();
            if (storedFloats != floats) {
                throw new CorruptFileException(file, "vector block holds " + storedFloats + " floats, header says "
                        + ntotal + " x " + dimension + " = " + floats);
            }
            float[][] vectors = new float[(int) ntotal][];
            for (int i = 0; i < vectors.length; i++) {
                float[] vector = new float[dimension];
                readFully(channel, dimension * Float.BYTES, file).asFloatBuffer().get(vector);
                vectors[i] = vector;
            }
            return new FlatVectors(dimension, innerProduct, vectors);
        } catch (IOException e) {
            throw StorageException.of("cannot read " + file, e);
        }
    }

    private static ByteBuffer readFully(FileChannel channel, int bytes, Path file) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new CorruptFileException(file, "truncated: ended inside the vectors");
            }
        }
        return buffer.flip();
    }

    private static String printable(String fourcc) {
        StringBuilder out = new StringBuilder();
        for (char c : fourcc.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return out.toString();
    }
}
