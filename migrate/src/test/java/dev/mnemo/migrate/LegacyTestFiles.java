package dev.mnemo.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mnemo.testkit.SharedFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import net.razorvine.pickle.Pickler;

/** Helpers shared by the legacy tests: Python, and writers of legacy files. */
final class LegacyTestFiles {
    static final Path PYTHON = Paths.get("/usr/bin/python3");
    private static final ObjectMapper JSON = new ObjectMapper();

    private LegacyTestFiles() {
    }

    /** Debian's Python with FAISS (the set-up installs it): skips the test without it, fails it on CI. */
    static void assumePythonFaiss() {
        assumePython();
        SharedFixtures.require(run(List.of(PYTHON.toString(), "-c", "import faiss"), null).exitCode == 0,
                "Debian python3-faiss");
    }

    static void assumePython() {
        SharedFixtures.require(Files.isExecutable(PYTHON), PYTHON.toString());
    }

    /** Runs a Python script with arguments and returns its stdout; fails the test on a non-zero exit. */
    static String python(String script, String... args) {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), "-c", script));
        command.addAll(List.of(args));
        Result result = run(command, null);
        assertThat(result.exitCode).as("python failed: %s", result.stderr).isZero();
        return result.stdout;
    }

    record Result(int exitCode, String stdout, String stderr) {
    }

    static Result run(List<String> command, Path workDir) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (workDir != null) {
                builder.directory(workDir.toFile());
            }
            Path out = Files.createTempFile("mnemo-py", ".out");
            Path err = Files.createTempFile("mnemo-py", ".err");
            try {
                Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("python did not finish: " + command);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Writes a FAISS IndexFlatL2 file in the layout {@link FaissFlatIndexReaderTest} checks against
     * Python FAISS, so that reader tests need no Python.
     */
    static void writeFlatL2(Path file, float[][] vectors, int dimension) {
        long floats = (long) vectors.length * dimension;
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 + 8 + 8 + 8 + 1 + 4 + 8 + (int) floats * 4)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put("IxF2".getBytes(StandardCharsets.US_ASCII)).putInt(dimension).putLong(vectors.length)
                .putLong(1 << 20).putLong(1 << 20).put((byte) 1).putInt(1).putLong(floats);
        for (float[] v : vectors) {
            for (float f : v) {
                buffer.putFloat(f);
            }
        }
        write(file, buffer.array());
    }

    /** A deterministic unit vector per seed. */
    static float[] unitVector(int seed, int dimension) {
        float[] v = new float[dimension];
        Random random = new Random(seed);
        double sum = 0;
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
            sum += v[i] * v[i];
        }
        for (int i = 0; i < dimension; i++) {
            v[i] /= (float) Math.sqrt(sum);
        }
        return v;
    }

    static float[][] unitVectors(int count, int dimension) {
        float[][] vectors = new float[count][];
        for (int i = 0; i < count; i++) {
            vectors[i] = unitVector(i + 1, dimension);
        }
        return vectors;
    }

    /** A pickle of a list of str, written by razorvine's Java pickler. */
    static void writeTextsPickle(Path file, List<String> texts) {
        try {
            write(file, new Pickler().dumps(texts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeJson(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path file, byte[] bytes) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String hex(float[] vector) {
        StringBuilder out = new StringBuilder();
        for (float f : vector) {
            out.append(String.format("%08x", Float.floatToRawIntBits(f)));
        }
        return out.toString();
    }
}
