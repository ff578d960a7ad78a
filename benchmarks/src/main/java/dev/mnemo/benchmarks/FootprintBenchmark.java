package dev.mnemo.benchmarks;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryStats;
import dev.mnemo.core.config.MnemoConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Disk footprint of a store: {@code size} conversation records ingested the way an application
 * stores them ({@code addAll}: texts embedded through the store's embedding cache, 1,000 per
 * transaction), the store closed (index saved, WAL checkpointed), then the database, its WAL
 * and the index file measured, with SQLite's bytes per table. The figure that matters is the
 * {@link Facts#FOOTPRINT} fact: bytes per record against the record's text bytes plus its raw
 * vector bytes. The timed part (the ingest) is a by-product. {@code pageSize} is the SQLite page
 * size of the new database.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class FootprintBenchmark {
    @Param({"exact", "faiss-flat", "faiss-hnsw", "jvector"})
    public String variant;
    @Param({"100000"})
    public int size;
    @Param({"384"})
    public int dim;
    @Param({"8192"})
    public int pageSize;

    private Variant parsed;
    private Path dir;
    private StoreFixture fixture;
    private long textBytes;

    @Setup(Level.Iteration)
    public void openStore() throws IOException {
        parsed = Variant.parse(variant);
        Backends.discover().provider(parsed);
        Path root = BenchEnv.current().cacheDir().resolve("footprint");
        Files.createDirectories(root);
        dir = Files.createTempDirectory(root, parsed.buildKey() + "-" + pageSize + "-");
        fixture = StoreFixture.open(parsed, dim, dir, settings());
        textBytes = 0;
    }

    @Benchmark
    public void ingest() {
        for (int start = 0; start < size; start += StoreFixture.BATCH) {
            int end = Math.min(size, start + StoreFixture.BATCH);
            List<MemoryDraft> drafts = new ArrayList<>(end - start);
            for (int i = start; i < end; i++) {
                MemoryDraft d = StoreFixture.draft(i, size);
                textBytes += d.text().getBytes(StandardCharsets.UTF_8).length;
                drafts.add(d);
            }
            fixture.store().addAll(drafts);
        }
    }

    @TearDown(Level.Iteration)
    public void measure() throws IOException {
        Path database = fixture.store().databasePath();
        Path index = fixture.store().indexPath();
        long walWhileOpen = size(Path.of(database + "-wal"));
        fixture.close();
        long databaseBytes = size(database);
        long walAfterClose = size(Path.of(database + "-wal"));
        long indexBytes = size(index);
        Map<String, Long> tables;
        long freeBytes;
        try (StoreFixture reopened = StoreFixture.open(parsed, dim, dir, settings())) {
            MemoryStats stats = reopened.store().stats();
            tables = stats.tableBytes();
            freeBytes = stats.freeBytes();
        }
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("variant", variant);
        f.put("size", size);
        f.put("dim", dim);
        f.put("pageSize", pageSize);
        f.put("text_bytes", textBytes);
        f.put("vector_bytes", (long) size * dim * Float.BYTES);
        f.put("database_bytes", databaseBytes);
        f.put("wal_bytes_open", walWhileOpen);
        f.put("wal_bytes_closed", walAfterClose);
        f.put("index_bytes", indexBytes);
        f.put("free_bytes", freeBytes);
        f.put("tables", tables);
        BenchEnv.current().facts().record(Facts.FOOTPRINT, f);
        StoreFixture.deleteTree(dir);
    }

    private Map<String, String> settings() {
        return Map.of(MnemoConfig.DB_PAGE_SIZE, Integer.toString(pageSize));
    }

    private static long size(Path p) throws IOException {
        return Files.exists(p) ? Files.size(p) : 0;
    }
}
