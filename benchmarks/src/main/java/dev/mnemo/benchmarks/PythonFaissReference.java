package dev.mnemo.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs the same FAISS HNSW configuration through Debian's python3-faiss on the benchmark's own
 * vectors, so the Java binding's overhead is a measured ratio. The vectors, queries and ground
 * truth go to {@code .npy} files; the script ships in this jar. Skipped, with the reason, when
 * {@code /usr/bin/python3} or its faiss module is missing.
 */
public final class PythonFaissReference {
    /** Debian's interpreter: the {@code python3} first on PATH may not see Debian's packages. */
    public static final Path PYTHON = Path.of("/usr/bin/python3");
    /** The factory and build breadth of the {@code faiss-hnsw} variant (the backend's defaults). */
    static final String FACTORY = "HNSW32";
    static final int EF_CONSTRUCTION = 40;
    private static final String SCRIPT = "faiss_reference.py";

    private PythonFaissReference() {
    }

    /**
     * Measures and writes {@code out}; returns why it was skipped, or empty on success.
     *
     * @param queryCount how many queries (the search benchmarks' count, so that the truth is shared)
     * @param workDir    where the .npy files and the script are written
     */
    public static Optional<String> run(Profile.PythonPlan plan, int queryCount, Backends backends, Path cacheDir,
                                       Path workDir, Path out) {
        if (!Files.isExecutable(PYTHON)) {
            return Optional.of(PYTHON + " not found");
        }
        try {
            Files.createDirectories(workDir);
            Workload workload = Workload.standard(plan.size(), plan.dim(), queryCount);
            long[][] truth = workload.truth(backends, cacheDir, null, "all");
            Path base = workDir.resolve("base.npy");
            Path queries = workDir.resolve("queries.npy");
            Path truthFile = workDir.resolve("truth.npy");
            Npy.writeFloats(base, workload.vectors());
            Npy.writeFloats(queries, workload.queries());
            Npy.writeLongs(truthFile, truth);
            Path script = workDir.resolve(SCRIPT);
            try (InputStream in = PythonFaissReference.class.getResourceAsStream(SCRIPT)) {
                if (in == null) {
                    return Optional.of("script " + SCRIPT + " missing from the class path");
                }
                Files.write(script, in.readAllBytes());
            }
            List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script.toString(), base.toString(),
                    queries.toString(), truthFile.toString(), out.toString(), FACTORY, String.valueOf(EF_CONSTRUCTION),
                    plan.efs().stream().map(String::valueOf).collect(Collectors.joining(",")),
                    String.valueOf(plan.seconds())));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("python.log").toFile());
            Map<String, String> env = pb.environment();
            env.put("OMP_NUM_THREADS", "1");
            Process process = pb.start();
            if (!process.waitFor(60, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return Optional.of("python3-faiss reference timed out");
            }
            if (process.exitValue() != 0) {
                String log = Files.readString(workDir.resolve("python.log"), StandardCharsets.UTF_8);
                return Optional.of("python3-faiss reference failed (exit " + process.exitValue() + "): "
                        + log.substring(Math.max(0, log.length() - 600)).strip());
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the python3-faiss reference", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }
}
