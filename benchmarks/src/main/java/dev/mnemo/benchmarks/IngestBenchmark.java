package dev.mnemo.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ingest through the store with precomputed vectors ({@code addAllWithVectors}) into a new,
 * empty store per iteration: {@code one} commits every record in its own transaction (what a
 * chat turn does), {@code batch} commits {@value StoreFixture#BATCH} per transaction (migration,
 * import). Each commit is durable against a process crash (SQLite WAL, synchronous NORMAL, the
 * store's default). The score is the time for all {@code records}; the report turns it into
 * records per second. SingleShotTime because each iteration needs a fresh store; closing the
 * store (final index save) happens outside the timed part.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 2)
public class IngestBenchmark {
    @Param({"exact", "faiss-hnsw", "jvector"})
    public String variant;
    @Param({"384", "1024"})
    public int dim;
    @Param({"one", "batch"})
    public String mode;
    @Param({"20000"})
    public int records;

    private Variant parsed;
    private float[][] vectors;
    private Path dir;
    private StoreFixture fixture;

    @Setup(Level.Trial)
    public void setUp() {
        parsed = Variant.parse(variant);
        Backends.discover().provider(parsed);
        if (!mode.equals("one") && !mode.equals("batch")) {
            throw new IllegalArgumentException("mode must be 'one' or 'batch', got '" + mode + "'");
        }
        vectors = Workload.standard(records, dim, 1).vectors();
    }

    @Setup(Level.Iteration)
    public void openStore() throws IOException {
        Path root = BenchEnv.current().cacheDir().resolve("ingest");
        Files.createDirectories(root);
        dir = Files.createTempDirectory(root, parsed.buildKey() + "-");
        fixture = StoreFixture.open(parsed, dim, dir);
    }

    @Benchmark
    public void ingest() {
        fixture.ingest(vectors, 0, records, mode.equals("one") ? 1 : StoreFixture.BATCH);
    }

    @TearDown(Level.Iteration)
    public void closeStore() {
        try {
            fixture.close();
        } finally {
            try {
                StoreFixture.deleteTree(dir);
            } catch (UncheckedIOException e) {
                // a leftover temporary store only costs disk space in the cache folder
            }
        }
    }
}
