package dev.mnemo.benchmarks;

import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorIndexProvider;
import java.util.LinkedHashMap;
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
 * Index build time: one {@code addAll} of every vector into a new index, timed once per
 * iteration (SingleShotTime: a build is long enough that timer overhead and JIT warm-up inside
 * it do not matter, and repeating it is expensive). Memory is read once per fork, around the
 * first build: live heap after GC and the resident set, whose delta is native memory because the
 * runner starts these forks with a fixed, pre-touched heap.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 0)
@Measurement(iterations = 2)
public class BuildBenchmark {
    @Param({"exact", "faiss-flat", "faiss-hnsw", "jvector"})
    public String variant;
    @Param({"10000", "100000"})
    public int size;
    @Param({"384", "1024"})
    public int dim;

    private BenchEnv env;
    private VectorIndexProvider provider;
    private Variant parsed;
    private Workload workload;
    private long[] ids;
    private VectorIndex built;
    private MemoryProbe before;
    private boolean memoryRecorded;

    @Setup(Level.Trial)
    public void setUp() {
        env = BenchEnv.current();
        parsed = Variant.parse(variant);
        provider = Backends.discover().provider(parsed);
        workload = Workload.standard(size, dim, 1);
        ids = workload.ids();
    }

    @Setup(Level.Iteration)
    public void readMemoryBefore() {
        before = memoryRecorded ? null : MemoryProbe.read();
    }

    @Benchmark
    public VectorIndex build() {
        VectorIndex index = provider.create(parsed.spec(dim));
        index.addAll(ids, workload.vectors());
        built = index;
        return index;
    }

    @TearDown(Level.Iteration)
    public void closeIndex() {
        if (built == null) {
            return;
        }
        try {
            if (before != null) {
                MemoryProbe delta = MemoryProbe.read().minus(before);
                Map<String, Object> fact = new LinkedHashMap<>();
                fact.put("benchmark", "build");
                fact.put("variant", variant);
                fact.put("size", size);
                fact.put("dim", dim);
                fact.put("heapBytes", delta.heapUsed());
                fact.put("residentBytes", delta.resident());
                fact.put("rawVectorBytes", workload.rawVectorBytes());
                env.facts().record(Facts.MEMORY, fact);
                memoryRecorded = true;
            }
        } finally {
            built.close();
            built = null;
        }
    }
}
