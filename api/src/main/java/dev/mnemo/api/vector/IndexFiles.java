package dev.mnemo.api.vector;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.StorageException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The container every backend writes its index into: a self-describing header, the backend's
 * payload, and a CRC32C trailer over the payload. Writes are atomic (temporary file in the same
 * folder, fsync, rename, fsync of the folder), so a crash leaves the old file or the new one; a
 * failed write (disk full, I/O error) is a {@link StorageException} and leaves the old file too.
 *
 * <pre>
 * "MNEMOIDX" | u32 container version | UTF backend | u32 format version | u32 dimension
 * | UTF metric | UTF store id | i64 checkpoint sequence | i64 count | payload ... | i64 CRC32C(payload) | "MNEMOEND"
 * </pre>
 *
 * <p>Container version 2 added the store id; a version 1 file is reported as corrupt, so the
 * store rebuilds its index from the database (the path every unusable index file takes).
 * Failing to read or write a file is a {@link StorageException}.
 */
public final class IndexFiles {
    private static final byte[] MAGIC = {'M', 'N', 'E', 'M', 'O', 'I', 'D', 'X'};
    private static final byte[] END = {'M', 'N', 'E', 'M', 'O', 'E', 'N', 'D'};
    private static final int CONTAINER_VERSION = 2;

    /** Writes the payload of an index. */
    @FunctionalInterface
    public interface PayloadWriter {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads the payload of an index; must consume exactly what the writer wrote. */
    @FunctionalInterface
    public interface PayloadReader<T> {
        T read(DataInputStream in, IndexFileHeader header) throws IOException;
    }

    private IndexFiles() {
    }

    /** Atomically replaces {@code target} with a container holding the header and payload. */
    public static void write(Path target, IndexFileHeader header, PayloadWriter payload) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                OutputStream raw = Channels.newOutputStream(channel);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16));
                writeHeader(out, header);
                CRC32C crc = new CRC32C();
                DataOutputStream body = new DataOutputStream(new CheckedOutputStream(out, crc));
                payload.write(body);
                body.flush();
                out.writeLong(crc.getValue());
                out.write(END);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            fsyncDirectory(dir);
        } catch (IOException e) {
            // the temporary file goes below; the old file was never touched
            throw StorageException.ofFile("writing index file", StorageException.isDiskFull(e) ? "disk full" : "I/O error",
                    target, null, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is garbage either way; the original is untouched
                }
            }
        }
    }

    /**
     * Reads a container, checking that it belongs to {@code backend}, has one of the accepted
     * format versions and matches the spec's dimension and metric, and that the payload's
     * checksum is right. Any mismatch or truncation is a {@link CorruptFileException}.
     */
    public static <T> T read(Path file, String backend, int formatVersion, IndexSpec spec, PayloadReader<T> reader) {
        try (InputStream raw = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            IndexFileHeader header = readHeader(file, in);
            expect(file, "backend", backend, header.backend());
            expect(file, "format version", formatVersion, header.formatVersion());
            expect(file, "dimension", spec.dimension(), header.dimension());
            expect(file, "metric", spec.metric(), header.metric());
            CRC32C crc = new CRC32C();
            DataInputStream body = new DataInputStream(new CheckedInputStream(in, crc));
            T result = reader.read(body, header);
            long expectedCrc = in.readLong();
            if (expectedCrc != crc.getValue()) {
                throw new CorruptFileException(file, "payload checksum mismatch");
            }
            byte[] end = in.readNBytes(END.length);
            if (!Arrays.equals(end, END) || in.read() != -1) {
                throw new CorruptFileException(file, "bad trailer (file truncated or has trailing bytes)");
            }
            return result;
        } catch (EOFException e) {
            throw new CorruptFileException(file, "file is truncated", e);
        } catch (CorruptFileException e) {
            throw e;
        } catch (IOException e) {
            throw new StorageException("reading index file " + file, null, e);
        } catch (RuntimeException e) {
            // a payload parser tripping over garbage (negative sizes, huge arrays) is corruption too
            throw new CorruptFileException(file, "unreadable payload: " + e, e);
        }
    }

    /**
     * True when the file starts with the Mnemo container magic (whatever its state after that).
     * A file that does not is someone else's (e.g. a legacy FAISS index under the same name) and
     * must not be overwritten.
     */
    public static boolean hasMnemoMagic(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    /** Reads only the header (e.g. to report a file's checkpoint without loading it). */
    public static IndexFileHeader readHeader(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            return readHeader(file, in);
        } catch (EOFException e) {
            throw new CorruptFileException(file, "file is truncated", e);
        } catch (IOException e) {
            throw new StorageException("reading index file " + file, null, e);
        }
    }

    private static void writeHeader(DataOutputStream out, IndexFileHeader header) throws IOException {
        out.write(MAGIC);
        out.writeInt(CONTAINER_VERSION);
        out.writeUTF(header.backend());
        out.writeInt(header.formatVersion());
        out.writeInt(header.dimension());
        out.writeUTF(header.metric().name());
        out.writeUTF(header.checkpoint().storeId());
        out.writeLong(header.checkpoint().sequence());
        out.writeLong(header.count());
    }

    private static IndexFileHeader readHeader(Path file, DataInputStream in) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new CorruptFileException(file, "not a Mnemo index file (bad magic)");
        }
        int container = in.readInt();
        if (container != CONTAINER_VERSION) {
            throw new CorruptFileException(file, "container version " + container + ", expected " + CONTAINER_VERSION);
        }
        String backend = in.readUTF();
        int format = in.readInt();
        int dimension = in.readInt();
        String metricName = in.readUTF();
        VectorMetric metric;
        try {
            metric = VectorMetric.valueOf(metricName);
        } catch (IllegalArgumentException e) {
            throw new CorruptFileException(file, "unknown metric '" + metricName + "'");
        }
        String storeId = in.readUTF();
        long sequence = in.readLong();
        long count = in.readLong();
        if (count < 0 || dimension < 1) {
            throw new CorruptFileException(file, "bad header (count " + count + ", dimension " + dimension + ")");
        }
        return new IndexFileHeader(backend, format, dimension, metric, new IndexCheckpoint(storeId, sequence), count);
    }

    private static void expect(Path file, String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new CorruptFileException(file, what + " is " + actual + ", expected " + expected);
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException ignored) {
            // not every file system lets a directory be opened for sync; the rename itself is atomic
        }
    }
}
