package dev.mnemo.api.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.CorruptFileException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container through its public methods only (write, then read or damage the file), so the
 * tests hold whatever the header layout.
 */
class IndexFilesTest {
    private static final String BACKEND = "test";
    private static final int FORMAT = 3;
    private static final IndexSpec SPEC = IndexSpec.of(4, VectorMetric.COSINE);

    @TempDir
    Path dir;

    private final byte[] payload = payload(256);

    @Test
    void readsBackThePayloadAndTheHeaderItWrote() {
        Path file = dir.resolve("a.index");
        IndexFileHeader header = header(42, 7);
        write(file, header);

        assertThat(IndexFiles.hasMnemoMagic(file)).isTrue();
        assertThat(IndexFiles.readHeader(file)).isEqualTo(header);
        assertThat(read(file)).isEqualTo(payload);
    }

    @Test
    void aSecondWriteReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("a.index");
        write(file, header(1, 7));
        write(file, header(2, 7));
        assertThat(IndexFiles.readHeader(file).checkpoint()).isEqualTo(new IndexCheckpoint("store-under-test", 2));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void everyFlippedPayloadByteIsCorruption() throws IOException {
        Path file = dir.resolve("a.index");
        write(file, header(1, 7));
        byte[] good = Files.readAllBytes(file);
        int start = indexOf(good, payload);
        assertThat(start).as("payload found in the file").isNotNegative();
        for (int i = start; i < start + payload.length; i++) {
            byte[] bad = good.clone();
            bad[i] ^= 0x10;
            Files.write(file, bad);
            assertThatThrownBy(() -> read(file)).as("byte %d flipped", i).isInstanceOf(CorruptFileException.class);
        }
    }

    @Test
    void aTruncatedFileOrTrailingBytesAreCorruption() throws IOException {
        Path file = dir.resolve("a.index");
        write(file, header(1, 7));
        byte[] good = Files.readAllBytes(file);
        for (int length : new int[] {0, 4, good.length / 2, good.length - 9, good.length - 1}) {
            Files.write(file, Arrays.copyOf(good, length));
            assertThatThrownBy(() -> read(file)).as("cut to %d bytes", length).isInstanceOf(CorruptFileException.class);
        }
        Files.write(file, Arrays.copyOf(good, good.length + 3));
        assertThatThrownBy(() -> read(file)).isInstanceOf(CorruptFileException.class);
    }

    @Test
    void aForeignFileIsNotOursAndIsCorruption() throws IOException {
        Path file = dir.resolve("legacy_faiss.index");
        Files.write(file, "IxF2 a FAISS index written by Python".getBytes(StandardCharsets.US_ASCII));
        assertThat(IndexFiles.hasMnemoMagic(file)).isFalse();
        assertThatThrownBy(() -> read(file)).isInstanceOf(CorruptFileException.class);
        assertThatThrownBy(() -> IndexFiles.readHeader(file)).isInstanceOf(CorruptFileException.class);
    }

    @Test
    void anotherBackendFormatDimensionOrMetricIsNamedWithBothValues() {
        Path file = dir.resolve("a.index");
        write(file, header(1, 7));
        assertThatThrownBy(() -> IndexFiles.read(file, "other", FORMAT, SPEC, (in, h) -> in.readAllBytes()))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("other").hasMessageContaining(BACKEND);
        assertThatThrownBy(() -> IndexFiles.read(file, BACKEND, FORMAT + 1, SPEC, (in, h) -> in.readAllBytes()))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining(String.valueOf(FORMAT + 1));
        assertThatThrownBy(() -> IndexFiles.read(file, BACKEND, FORMAT, IndexSpec.of(8, VectorMetric.COSINE),
                (in, h) -> in.readAllBytes()))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("8").hasMessageContaining("4");
        assertThatThrownBy(() -> IndexFiles.read(file, BACKEND, FORMAT, IndexSpec.of(4, VectorMetric.EUCLIDEAN),
                (in, h) -> in.readAllBytes()))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("EUCLIDEAN").hasMessageContaining("COSINE");
    }

    @Test
    void aPayloadReaderThatTripsOverGarbageReportsCorruption() {
        Path file = dir.resolve("a.index");
        write(file, header(1, 7));
        // a length field read as garbage: the reader's own exception is reported as corruption
        assertThatThrownBy(() -> IndexFiles.read(file, BACKEND, FORMAT, SPEC, (in, h) -> new byte[-in.readInt()]))
                .isInstanceOf(CorruptFileException.class).hasCauseInstanceOf(NegativeArraySizeException.class);
    }

    /** The one place that knows the header's fields. */
    private static IndexFileHeader header(long checkpoint, long count) {
        return new IndexFileHeader(BACKEND, FORMAT, SPEC.dimension(), SPEC.metric(),
                new IndexCheckpoint("store-under-test", checkpoint), count);
    }

    private void write(Path file, IndexFileHeader header) {
        IndexFiles.write(file, header, out -> {
            out.writeInt(payload.length);
            out.write(payload);
        });
    }

    private static byte[] read(Path file) {
        return IndexFiles.read(file, BACKEND, FORMAT, SPEC, (in, h) -> in.readNBytes(in.readInt()));
    }

    private static byte[] payload(int length) {
        byte[] bytes = new byte[length];
        new Random(7).nextBytes(bytes);
        return bytes;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }
}
