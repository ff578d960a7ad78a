package dev.mnemo.migrate;

import static dev.mnemo.migrate.LegacyTestFiles.assumePythonFaiss;
import static dev.mnemo.migrate.LegacyTestFiles.python;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.CorruptFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaissFlatIndexReaderTest {
    /** Writes an index with Python FAISS from the hex of its float32 components. */
    private static final String WRITE_INDEX = String.join("\n",
            "import sys, faiss, numpy as np",
            "path, kind, d, hexes = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]",
            "index = faiss.IndexFlatL2(d) if kind == 'l2' else faiss.IndexFlatIP(d)",
            "if hexes:",
            "    raw = np.array([int(h, 16) for h in hexes], dtype='<u4').view('<f4').reshape(-1, d)",
            "    index.add(raw)",
            "faiss.write_index(index, path)");

    @TempDir
    Path dir;

    @Test
    void readsEveryBitOfAnIndexFlatL2WrittenByFaiss() {
        assumePythonFaiss();
        // odd values on purpose: negative zero, a subnormal, extremes, a value with all mantissa bits
        float[][] vectors = {
                {1.0f, -0.0f, Float.MIN_VALUE},
                {Float.MAX_VALUE, -Float.MAX_VALUE, 0.1f},
                {Float.intBitsToFloat(0x3f7fffff), 1e-38f, -123.456f},
                {0f, 0f, 0f}};
        Path file = dir.resolve("l2.index");
        python(WRITE_INDEX, pythonArgs(file, "l2", vectors));

        FlatVectors read = FaissFlatIndexReader.read(file);

        assertThat(read.innerProduct()).isFalse();
        assertThat(read.dimension()).isEqualTo(3);
        assertThat(read.count()).isEqualTo(4);
        for (int i = 0; i < vectors.length; i++) {
            assertThat(LegacyTestFiles.hex(read.vector(i))).as("position %d", i).isEqualTo(LegacyTestFiles.hex(vectors[i]));
        }
    }

    @Test
    void readsAnIndexFlatIp() {
        assumePythonFaiss();
        float[][] vectors = {{0.6f, 0.8f}, {-1f, 0f}};
        Path file = dir.resolve("ip.index");
        python(WRITE_INDEX, pythonArgs(file, "ip", vectors));

        FlatVectors read = FaissFlatIndexReader.read(file);

        assertThat(read.innerProduct()).isTrue();
        assertThat(read.vectors()).isDeepEqualTo(vectors);
    }

    @Test
    void readsAnEmptyIndex() {
        assumePythonFaiss();
        Path file = dir.resolve("empty.index");
        python(WRITE_INDEX, file.toString(), "l2", "7");

        FlatVectors read = FaissFlatIndexReader.read(file);

        assertThat(read.count()).isZero();
        assertThat(read.dimension()).isEqualTo(7);
    }

    @Test
    void theTestWriterProducesTheSameBytesAsFaiss() throws IOException {
        // the synthetic folders of the other tests are written in Java; this pins that writer to FAISS
        assumePythonFaiss();
        float[][] vectors = LegacyTestFiles.unitVectors(5, 16);
        Path byFaiss = dir.resolve("faiss.index");
        Path byJava = dir.resolve("java.index");
        python(WRITE_INDEX, pythonArgs(byFaiss, "l2", vectors));
        LegacyTestFiles.writeFlatL2(byJava, vectors, 16);

        assertThat(Files.readAllBytes(byJava)).isEqualTo(Files.readAllBytes(byFaiss));
    }

    @Test
    void refusesATruncatedIndexNamingTheFile() throws IOException {
        Path file = dir.resolve("cut_faiss.index");
        LegacyTestFiles.writeFlatL2(file, LegacyTestFiles.unitVectors(3, 8), 8);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));

        assertThatThrownBy(() -> FaissFlatIndexReader.read(file))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("cut_faiss.index")
                .hasMessageContaining("truncated")
                .satisfies(e -> assertThat(((CorruptFileException) e).file()).isEqualTo(file));
    }

    @Test
    void refusesAnIndexCutInsideItsHeader() throws IOException {
        Path file = dir.resolve("head_faiss.index");
        LegacyTestFiles.writeFlatL2(file, LegacyTestFiles.unitVectors(3, 8), 8);
        Files.write(file, Arrays.copyOf(Files.readAllBytes(file), 20));

        assertThatThrownBy(() -> FaissFlatIndexReader.read(file))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("truncated");
    }

    @Test
    void refusesTrailingBytes() throws IOException {
        Path file = dir.resolve("long_faiss.index");
        LegacyTestFiles.writeFlatL2(file, LegacyTestFiles.unitVectors(2, 4), 4);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length + 4));

        assertThatThrownBy(() -> FaissFlatIndexReader.read(file))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("trailing bytes");
    }

    @Test
    void refusesAFaissIndexThatIsNotFlat() {
        assumePythonFaiss();
        Path file = dir.resolve("idmap.index");
        python("import sys, faiss; faiss.write_index(faiss.IndexIDMap2(faiss.IndexFlatL2(4)), sys.argv[1])",
                file.toString());

        assertThatThrownBy(() -> FaissFlatIndexReader.read(file))
                .isInstanceOf(CorruptFileException.class)
                .hasMessageContaining("not a FAISS flat L2/IP index")
                .hasMessageContaining("IxM2");
    }

    @Test
    void refusesAHeaderWhoseMetricContradictsItsMagic() throws IOException {
        Path file = dir.resolve("metric_faiss.index");
        LegacyTestFiles.writeFlatL2(file, LegacyTestFiles.unitVectors(1, 4), 4);
        byte[] bytes = Files.readAllBytes(file);
        bytes[33] = 0; // metric_type at offset 4+4+8+8+8+1: L2 (1) -> inner product (0)
        Files.write(file, bytes);

        assertThatThrownBy(() -> FaissFlatIndexReader.read(file))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("metric type 0");
    }

    private static String[] pythonArgs(Path file, String kind, float[][] vectors) {
        int d = vectors[0].length;
        String[] args = new String[3 + vectors.length * d];
        args[0] = file.toString();
        args[1] = kind;
        args[2] = Integer.toString(d);
        int k = 3;
        for (float[] v : vectors) {
            for (float f : v) {
                args[k++] = Integer.toHexString(Float.floatToRawIntBits(f));
            }
        }
        return args;
    }
}
