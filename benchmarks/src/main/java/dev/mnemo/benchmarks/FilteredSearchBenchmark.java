package dev.mnemo.benchmarks;

import dev.mnemo.api.vector.IdFilter;
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
 * Filtered k=10 search: only a fixed random {@code selectivity} share of the ids is allowed (an
 * {@link IdFilter}, as the store builds from type and time filters). Recall@10 is against the
 * exact scan within the same filter. Each backend picks its own strategy (exact scoring of the
 * allowed ids below a threshold, filtered graph walk above), which is what is being measured.
 * Fork and iteration choices as in {@link SearchBenchmark}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FilteredSearchBenchmark {
    @Param({"exact", "faiss-flat", "faiss-hnsw", "jvector"})
    public String variant;
    @Param({"10000", "100000"})
    public int size;
    @Param({"384"})
    public int dim;
    @Param({"0.001", "0.01", "0.1", "0.5"})
    public double selectivity;

    private VectorIndex index;
    private SearchPlanner planner;
    private IdFilter filter;
    private float[][] queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        BenchEnv env = BenchEnv.current();
        Backends backends = Backends.discover();
        Variant v = Variant.parse(variant);
        Workload workload = Workload.standard(size, dim, env.queries());
        filter = workload.filter(selectivity);
        long[][] truth = workload.truth(backends, env.cacheDir(), filter, "sel" + selectivity);
        index = IndexCache.open(backends, v, workload, env.cacheDir());
        planner = SearchPlanner.of(index.spec());
        queries = workload.queries();
        long[][] found = Recall.search(index, queries, filter);
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("benchmark", "filtered");
        fact.put("variant", variant);
        fact.put("size", size);
        fact.put("dim", dim);
        fact.put("selectivity", selectivity);
        fact.put("allowed", filter.size());
        fact.put("queries", queries.length);
        fact.put("recall", Recall.mean(found, truth, BenchEnv.K));
        env.facts().record(Facts.RECALL, fact);
    }

    @Benchmark
    public List<Neighbor> search() {
        float[] q = queries[next];
        next = next + 1 == queries.length ? 0 : next + 1;
        return planner.search(index, q, BenchEnv.K, filter);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (index != null) {
            index.close();
        }
    }
}
