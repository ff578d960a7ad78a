package dev.mnemo.benchmarks;

import dev.mnemo.core.store.MemoryStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * Opening a store as a restarted application does: the service, the SQLite schema check, loading
 * the index file (checksum verified) and reconciling it with the database's change log, until the
 * store answers. {@code behind} records were committed after the index file was last saved (a
 * crash before the save), so the open also replays them. The store is a copy of the cached
 * {@code size}-record store; before each iteration its index file is put back to the saved state,
 * so every iteration does the same work. The files are in the page cache: a warm restart.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class OpenBenchmark {
    @Param({"exact", "faiss-hnsw", "jvector"})
    public String variant;
    @Param({"100000"})
    public int size;
    @Param({"384"})
    public int dim;
    @Param({"0", "1000"})
    public int behind;

    private Variant parsed;
    private Path dir;
    private Path indexFile;
    private Path savedIndex;
    private StoreFixture opened;

    @Setup(Level.Trial)
    public void prepare() throws IOException {
        BenchEnv env = BenchEnv.current();
        parsed = Variant.parse(variant);
        Backends.discover().provider(parsed);
        Workload workload = Workload.standard(size, dim, 1);
        StoreFixture.cached(parsed, workload, env.cacheDir(), true).close();
        Path cached = env.cacheDir().resolve("store").resolve(parsed.buildKey() + "-" + workload.key());
        dir = env.cacheDir().resolve("open").resolve(parsed.buildKey() + "-" + workload.key() + "-behind-" + behind);
        StoreFixture.deleteTree(dir);
        copyTree(cached, dir);
        try (StoreFixture fixture = StoreFixture.open(parsed, dim, dir)) {
            indexFile = fixture.store().indexPath();
            savedIndex = indexFile.resolveSibling(indexFile.getFileName() + ".saved");
            Files.copy(indexFile, savedIndex, StandardCopyOption.REPLACE_EXISTING);
            float[][] vectors = workload.vectors();
            // records past the saved index: vectors of the first rows again (their ids are new)
            fixture.store().addAllWithVectors(Stream.iterate(0, i -> i + 1).limit(behind)
                    .map(i -> StoreFixture.draft(size + i, size + behind)).toList(),
                    Arrays.asList(vectors).subList(0, behind), null);
        }
    }

    @Setup(Level.Iteration)
    public void restoreSavedIndex() throws IOException {
        Files.copy(savedIndex, indexFile, StandardCopyOption.REPLACE_EXISTING);
    }

    @Benchmark
    public MemoryStore open() {
        opened = StoreFixture.open(parsed, dim, dir);
        return opened.store();
    }

    @TearDown(Level.Iteration)
    public void closeStore() {
        MemoryStore store = opened.store();
        long expected = (long) size + behind;
        long indexed = store.stats().indexSize();
        opened.close();
        if (indexed != expected) {
            throw new IllegalStateException("the opened index holds " + indexed + " vectors, expected " + expected);
        }
    }

    @TearDown(Level.Trial)
    public void removeCopy() {
        StoreFixture.deleteTree(dir);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(from)) {
            paths = walk.toList();
        }
        for (Path source : paths) {
            Path target = to.resolve(from.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else {
                Files.copy(source, target);
            }
        }
    }
}
