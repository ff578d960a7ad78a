package dev.mnemo.backend.faiss;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.StorageException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads raw FAISS flat index files (as the legacy Python store wrote with {@code faiss.write_index})
 * in pure Java, so that importing legacy data needs no native library.
 *
 * <p>Layout of an {@code IndexFlat} file in FAISS 1.7.x (little-endian): fourcc {@code IxF2}
 * (L2) or {@code IxFI} (inner product); i32 d; i64 ntotal; i64 dummy; i64 dummy; u8 is_trained;
 * i32 metric_type; then the vectors: i64 count of floats (= ntotal * d; FAISS writes the byte
 * buffer with its old float-vector size prefix, {@code WRITEXBVECTOR}) followed by ntotal rows of
 * d little-endian floats in position order.
 */
public final class FaissFiles {
    private static final long MAX_FLOATS = Integer.MAX_VALUE - 16;

    /** The vectors of a flat FAISS file, row {@code i} being the vector added i-th. */
    public record FlatVectors(int dimension, boolean innerProduct, float[][] vectors) {
    }

    private FaissFiles() {
    }

    /**
     * Reads every vector of an {@code IndexFlatL2}/{@code IndexFlatIP} file in position order.
     *
     * @throws CorruptFileException when the file is not a flat FAISS index or is truncated
     */
    public static FlatVectors readFlatVectors(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            String fourcc = new String(in.readNBytes(4), StandardCharsets.US_ASCII);
            boolean innerProduct;
            if ("IxF2".equals(fourcc)) {
                innerProduct = false;
            } else if ("IxFI".equals(fourcc)) {
                innerProduct = true;
            } else {
                throw new CorruptFileException(file, "not a flat FAISS index (fourcc '" + printable(fourcc) + "')");
            }
            int d = Integer.reverseBytes(in.readInt());
            long ntotal = Long.reverseBytes(in.readLong());
            in.readLong(); // dummy (former max_ntotal)
            in.readLong(); // dummy
            in.readUnsignedByte(); // is_trained
            int metricType = Integer.reverseBytes(in.readInt());
            long floatCount = Long.reverseBytes(in.readLong());
            if (d < 1 || ntotal < 0 || ntotal * d > MAX_FLOATS) {
                throw new CorruptFileException(file, "bad header (d " + d + ", ntotal " + ntotal + ")");
            }
            if (metricType != (innerProduct ? 0 : 1)) {
                throw new CorruptFileException(file, "metric type " + metricType + " does not match fourcc " + fourcc);
            }
            if (floatCount != ntotal * d) {
                throw new CorruptFileException(file, "holds " + floatCount + " floats, expected " + ntotal * d);
            }
            float[][] vectors = new float[(int) ntotal][d];
            byte[] row = new byte[d * Float.BYTES];
            for (float[] vector : vectors) {
                in.readFully(row);
                ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
            }
            if (in.read() != -1) {
                throw new CorruptFileException(file, "trailing bytes after the vectors");
            }
            return new FlatVectors(d, innerProduct, vectors);
        } catch (EOFException e) {
            throw new CorruptFileException(file, "file is truncated", e);
        } catch (IOException e) {
            throw new StorageException("reading FAISS file " + file, null, e);
        }
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
