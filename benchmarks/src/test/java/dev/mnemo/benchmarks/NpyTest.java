package dev.mnemo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
    @TempDir
    Path dir;

    @Test
    void headerIsPaddedTo64BytesAndNamesTypeAndShape() {
        byte[] header = Npy.header("<f4", 3, 2);
        assertThat(header.length % 64).isZero();
        String text = new String(header, 10, header.length - 10, StandardCharsets.US_ASCII);
        assertThat(text).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 2), }").endsWith("\n");
        assertThat(ByteBuffer.wrap(header, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort()).isEqualTo((short) (header.length - 10));
    }

    @Test
    void writesLittleEndianRowsAfterTheHeader() throws IOException {
        Path file = dir.resolve("m.npy");
        Npy.writeFloats(file, new float[][] {{1f, 2f}, {3f, 4.5f}});
        byte[] bytes = Files.readAllBytes(file);
        int start = Npy.header("<f4", 2, 2).length;
        assertThat(bytes).hasSize(start + 16);
        ByteBuffer data = ByteBuffer.wrap(bytes, start, 16).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new float[] {data.getFloat(), data.getFloat(), data.getFloat(), data.getFloat()})
                .containsExactly(1f, 2f, 3f, 4.5f);
        Path ids = dir.resolve("i.npy");
        Npy.writeLongs(ids, new long[][] {{7L}});
        assertThat(Files.size(ids)).isEqualTo(Npy.header("<i8", 1, 1).length + 8L);
    }
}
