package dev.mnemo.backend.faiss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorMetric;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Legacy FAISS files written by the Python store: the pure-Java reader must see exactly the
 * vectors that Debian's Python FAISS reads, and the native import must serve them by position.
 */
class FaissFilesTest {
    private static final String PYTHON = "/usr/bin/python3";
    /** Writes every vector of the index, in position order, as little-endian float32 to argv[2]. */
    private static final String DUMP = String.join("\n",
            "import sys, faiss, numpy",
            "index = faiss.read_index(sys.argv[1])",
            "vectors = index.reconstruct_n(0, index.ntotal).astype('<f4')",
            "vectors.tofile(sys.argv[2])",
            "print(index.d, index.ntotal)");

    /** A copy of the legacy-small fixture, per test. */
    @TempDir
    Path fixture;

    @Test
    void flatVectorsMatchWhatPythonFaissReads(@TempDir Path dir) throws Exception {
        List<Path> files = LegacyFixtures.faissFiles(fixture);
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            FaissFiles.FlatVectors read = FaissFiles.readFlatVectors(file);
            Path dump = dir.resolve(file.getFileName() + ".f32");
            String shape = python(file, dump);
            assertThat(shape).as(file.toString()).isEqualTo(read.dimension() + " " + read.vectors().length);
            assertThat(read.dimension()).isEqualTo(1024);
            assertThat(read.innerProduct()).isFalse();
            float[] expected = floats(Files.readAllBytes(dump));
            float[] actual = new float[read.vectors().length * read.dimension()];
            for (int i = 0; i < read.vectors().length; i++) {
                System.arraycopy(read.vectors()[i], 0, actual, i * read.dimension(), read.dimension());
            }
            // bit for bit: the legacy vectors are imported without re-embedding
            assertThat(Arrays.equals(actual, expected)).as("vectors of %s", file).isTrue();
        }
    }

    @Test
    void importedLegacyIndexFindsEachVectorAtItsPosition() throws IOException {
        FaissIndexProvider provider = FaissTestSupport.provider();
        for (Path file : LegacyFixtures.faissFiles(fixture)) {
            float[][] vectors = FaissFiles.readFlatVectors(file).vectors();
            try (VectorIndex index = provider.importFaissFile(file, IndexSpec.of(1024, VectorMetric.EUCLIDEAN)
                    .withOption("factory", "Flat"))) {
                assertThat(index.size()).isEqualTo(vectors.length);
                for (int i = 0; i < vectors.length; i++) {
                    Neighbor top = FaissTestSupport.search(index, vectors[i], 1, null).get(0);
                    assertThat(top.id()).as("%s position %d", file.getFileName(), i).isEqualTo(i);
                    assertThat(top.score()).isCloseTo(1f, within(1e-5f));
                }
            }
        }
    }

    @Test
    void importedPythonIndexesWithIdMapsKeepTheirIds(@TempDir Path dir) throws Exception {
        FaissIndexProvider provider = FaissTestSupport.provider();
        String write = String.join("\n",
                "import sys, faiss, numpy as np",
                "rng = np.random.default_rng(1)",
                "x = rng.standard_normal((50, 8)).astype('float32')",
                "x /= np.linalg.norm(x, axis=1, keepdims=True)",
                "ids = np.arange(1000, 1050, dtype='int64') * 3",
                "a = faiss.IndexIDMap(faiss.IndexFlatIP(8)); a.add_with_ids(x, ids)",
                "faiss.write_index(a, sys.argv[1] + '/idmap_flat.index')",
                "b = faiss.IndexIDMap2(faiss.IndexHNSWFlat(8, 16, faiss.METRIC_INNER_PRODUCT)); b.add_with_ids(x, ids)",
                "faiss.write_index(b, sys.argv[1] + '/idmap2_hnsw.index')",
                "x.astype('<f4').tofile(sys.argv[1] + '/x.f32')");
        runPython(write, dir.toString());
        float[] flat = floats(Files.readAllBytes(dir.resolve("x.f32")));
        for (String name : List.of("idmap_flat.index", "idmap2_hnsw.index")) {
            try (VectorIndex index = provider.importFaissFile(dir.resolve(name), IndexSpec.of(8, VectorMetric.COSINE))) {
                assertThat(index.size()).isEqualTo(50);
                for (int i = 0; i < 50; i++) {
                    float[] v = Arrays.copyOfRange(flat, i * 8, i * 8 + 8);
                    assertThat(index.contains(3L * (1000 + i))).isTrue();
                    assertThat(FaissTestSupport.search(index, v, 1, null).get(0).id()).as("%s row %d", name, i).isEqualTo(3L * (1000 + i));
                }
                assertThat(index.remove(3000)).isTrue();
                assertThat(FaissTestSupport.search(index, Arrays.copyOf(flat, 8), 5, null)).extracting(Neighbor::id).doesNotContain(3000L);
            }
        }
    }

    @Test
    void importRefusesAMetricOrDimensionTheFileDoesNotHave() throws IOException {
        FaissIndexProvider provider = FaissTestSupport.provider();
        Path file = LegacyFixtures.faissFiles(fixture).get(0);
        assertThatThrownBy(() -> provider.importFaissFile(file, IndexSpec.of(1024, VectorMetric.COSINE)))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("L2");
        assertThatThrownBy(() -> provider.importFaissFile(file, IndexSpec.of(384, VectorMetric.EUCLIDEAN)))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("1024");
    }

    @Test
    void truncatedOrForeignFilesAreCorrupt(@TempDir Path dir) throws IOException {
        Path legacy = LegacyFixtures.faissFiles(fixture).get(0);
        byte[] bytes = Files.readAllBytes(legacy);
        Path truncated = dir.resolve("truncated_faiss.index");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 5));
        assertThatThrownBy(() -> FaissFiles.readFlatVectors(truncated))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("truncated");
        Path foreign = dir.resolve("foreign_faiss.index");
        Files.writeString(foreign, "IHNf and then some");
        assertThatThrownBy(() -> FaissFiles.readFlatVectors(foreign))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("not a flat FAISS index");
        FaissIndexProvider provider = FaissTestSupport.provider();
        assertThatThrownBy(() -> provider.importFaissFile(truncated, IndexSpec.of(1024, VectorMetric.EUCLIDEAN)))
                .isInstanceOf(CorruptFileException.class).hasMessageContaining("truncated_faiss.index");
    }

    /** Runs Debian's Python FAISS; its absence fails on CI (setup.sh installs it) and skips elsewhere. */
    private static String python(Path index, Path out) throws IOException, InterruptedException {
        return runPython(DUMP, index.toString(), out.toString());
    }

    private static String runPython(String script, String... args) throws IOException, InterruptedException {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            unavailable(PYTHON + " not found");
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("python timed out");
        }
        if (process.exitValue() != 0) {
            if (output.contains("No module named")) {
                unavailable("python3-faiss/python3-numpy missing: " + output);
            }
            fail("python failed: " + output);
        }
        return output;
    }

    private static void unavailable(String reason) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason);
        }
        assumeTrue(false, reason);
    }

    private static float[] floats(byte[] bytes) {
        float[] out = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }
}
