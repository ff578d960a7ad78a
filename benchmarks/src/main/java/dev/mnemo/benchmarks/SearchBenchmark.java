package dev.mnemo.benchmarks;

import dev.mnemo.api.vector.Neighbor;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.core.index.SearchPlanner;
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
 * Single-query k=10 latency of the raw index, one thread, with recall@10 against the exact scan
 * computed in setup over the very queries the benchmark cycles through (reported beside the
 * latency through {@link Facts}). {@code exact} is the trivial baseline.
 *
 * <p>SampleTime gives p50/p99. One fork per parameter set keeps one backend's JIT profile out of
 * another's measurement; the runner sets the iteration counts per profile (the annotations are
 * the full profile's).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SearchBenchmark {
    @Param({"exact", "faiss-flat", "faiss-hnsw", "jvector"})
    public String variant;
    @Param({"10000", "100000"})
    public int size;
    @Param({"384", "1024"})
    public int dim;
    /** {@code clustered} (synthetic) or {@code fortunes} (real text, 384 dimensions only). */
    @Param({"clustered"})
    public String data;

    private VectorIndex index;
    private SearchPlanner planner;
    private float[][] queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        BenchEnv env = BenchEnv.current();
        Backends backends = Backends.discover();
        Variant v = Variant.parse(variant);
        Workload workload = Workload.of(data, size, dim, env.queries(), env.cacheDir());
        long[][] truth = workload.truth(backends, env.cacheDir(), null, "all");
        index = IndexCache.open(backends, v, workload, env.cacheDir());
        planner = SearchPlanner.of(index.spec());
        queries = workload.queries();
        long[][] found = Recall.search(index, queries, null);
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("benchmark", "search");
        fact.put("variant", variant);
        fact.put("size", size);
        fact.put("dim", dim);
        fact.put("data", data);
        fact.put("queries", queries.length);
        fact.put("recall", Recall.mean(found, truth, BenchEnv.K));
        env.facts().record(Facts.RECALL, fact);
    }

    @Benchmark
    public List<Neighbor> search() {
        float[] q = queries[next];
        next = next + 1 == queries.length ? 0 : next + 1;
        return planner.search(index, q, BenchEnv.K, null);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (index != null) {
            index.close();
        }
    }
}
