package dev.mnemo.backend.faiss;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.StorageException;
import dev.mnemo.api.vector.IndexCheckpoint;
import dev.mnemo.api.vector.IndexFileHeader;
import dev.mnemo.api.vector.IndexFiles;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.VectorIndexProvider;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Persistence of {@link FaissIndex}: FAISS's own bytes ({@code write_index}) as the payload of
 * Mnemo's {@link IndexFiles} container, so the file carries the header, checkpoint and checksum.
 *
 * <pre>
 * payload (format 1) = UTF factory | i64 dead-row count | i64 dead rows ... | i64 byte count | FAISS bytes
 * </pre>
 *
 * FAISS reads and writes files by name, so its bytes pass through a temporary file: beside the
 * target when saving, in the system temporary folder when loading. Only bytes whose checksum
 * matched are handed to FAISS's reader.
 */
final class FaissIndexFiles {
    /** Less free space than this after a failed write: the disk is full. */
    private static final long MIN_FREE_BYTES = 64 * 1024;
    private FaissIndexFiles() {
    }

    /** Writes the container atomically; the caller holds the index's read lock. */
    static void write(Path file, IndexFileHeader header, String factory, long[] deadRows, FaissHandle handle) {
        Path dir = file.toAbsolutePath().getParent();
        Path faissFile = null;
        try {
            Files.createDirectories(dir);
            faissFile = Files.createTempFile(dir, file.getFileName().toString(), ".faiss.tmp");
            try {
                handle.write(faissFile);
            } catch (FaissException e) {
                // FAISS's writer puts strerror(errno) into its message; the old index file is untouched
                boolean full = String.valueOf(e.getMessage()).contains("No space left on device")
                        || Files.getFileStore(dir).getUsableSpace() < MIN_FREE_BYTES;
                throw StorageException.ofFile("writing index file", full ? "disk full" : "I/O error", file, null, e);
            }
            Path source = faissFile;
            IndexFiles.write(file, header, out -> {
                out.writeUTF(factory);
                out.writeLong(deadRows.length);
                for (long row : deadRows) {
                    out.writeLong(row);
                }
                out.writeLong(Files.size(source));
                Files.copy(source, out);
            });
        } catch (IOException e) {
            throw new StorageException("writing index file " + file, null, e);
        } finally {
            deleteQuietly(faissFile);
        }
    }

    /** Loads a file written by {@link FaissIndex#save}; see {@link VectorIndexProvider#load}. */
    static FaissIndex load(Path file, IndexSpec spec) {
        FaissOptions options = FaissOptions.from(spec);
        Path faissFile = null;
        try {
            faissFile = Files.createTempFile("mnemo-faiss-load", ".index");
            Path target = faissFile;
            Payload payload = IndexFiles.read(file, FaissIndex.NAME, FaissIndex.FORMAT_VERSION, spec,
                    (in, header) -> {
                        String factory = in.readUTF();
                        long deadCount = in.readLong();
                        if (deadCount < 0 || deadCount > Integer.MAX_VALUE - 16) {
                            throw new CorruptFileException(file, "bad dead-row count " + deadCount);
                        }
                        long[] deadRows = new long[(int) deadCount];
                        for (int i = 0; i < deadRows.length; i++) {
                            deadRows[i] = in.readLong();
                        }
                        long length = in.readLong();
                        if (length < 0) {
                            throw new CorruptFileException(file, "bad FAISS payload length " + length);
                        }
                        try (OutputStream out = Files.newOutputStream(target)) {
                            copy(in, out, length);
                        }
                        return new Payload(header, factory, deadRows);
                    });
            FaissHandle handle;
            try {
                handle = FaissHandle.read(faissFile);
            } catch (FaissException e) {
                throw new CorruptFileException(file, e.getMessage(), e);
            }
            try {
                check(file, handle, spec, payload.header().count(), payload.deadRows());
                return new FaissIndex(spec, options.withFactory(payload.factory()), handle,
                        new DeadRows(payload.deadRows()), payload.header().checkpoint());
            } catch (RuntimeException e) {
                handle.close();
                throw e instanceof CorruptFileException ? e : new CorruptFileException(file, e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new StorageException("reading index file " + file, null, e);
        } finally {
            deleteQuietly(faissFile);
        }
    }

    /** See {@link FaissIndexProvider#importFaissFile}. */
    static FaissIndex importFaissFile(Path file, IndexSpec spec) {
        FaissOptions options = FaissOptions.from(spec);
        FaissHandle handle;
        try {
            handle = FaissHandle.read(file);
        } catch (FaissException e) {
            throw new CorruptFileException(file, e.getMessage(), e);
        }
        try {
            check(file, handle, spec, handle.ntotal(), new long[0]);
            return new FaissIndex(spec, options, handle, new DeadRows(), IndexCheckpoint.NONE);
        } catch (RuntimeException e) {
            handle.close();
            throw e;
        }
    }

    private static void check(Path file, FaissHandle handle, IndexSpec spec, long expectedCount, long[] deadRows) {
        if (handle.dimension() != spec.dimension()) {
            throw new CorruptFileException(file, "FAISS index dimension is " + handle.dimension() + ", expected "
                    + spec.dimension());
        }
        if (handle.isInnerProduct() != FaissIndex.innerProduct(spec.metric())) {
            throw new CorruptFileException(file, "FAISS metric is " + (handle.isInnerProduct() ? "inner product" : "L2")
                    + ", which does not serve " + spec.metric());
        }
        long ntotal = handle.ntotal();
        for (long row : deadRows) {
            if (row < 0 || row >= ntotal) {
                throw new CorruptFileException(file, "dead row " + row + " outside 0.." + (ntotal - 1));
            }
        }
        if (ntotal - deadRows.length != expectedCount) {
            throw new CorruptFileException(file, "holds " + (ntotal - deadRows.length) + " vectors, header says "
                    + expectedCount);
        }
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new EOFException();
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover temporary file is harmless; the index file itself is complete or untouched
            }
        }
    }

    private record Payload(IndexFileHeader header, String factory, long[] deadRows) {
    }
}
