package dev.mnemo.benchmarks;

import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.store.MemoryStore;
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
 * End-to-end search through {@link MemoryStore#search(float[], SearchRequest)} (embedding
 * excluded): change-log check, index search, one JDBC fetch of the hits, threshold and ranking.
 * Divided by {@link SearchBenchmark}'s latency for the same variant and size, it shows what the
 * store adds on top of the raw index.
 *
 * <p>{@code recency} 0 ranks by similarity alone (k candidates, the like-for-like comparison
 * with the raw index); 0.1 is the store's default ranking, which re-ranks
 * {@code max(4k, 50)} candidates. Recall@10 is against the exact similarity top 10, so under
 * recency ranking it also shows how far recency moves the result. Fork and iteration choices
 * as in {@link SearchBenchmark}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StoreSearchBenchmark {
    @Param({"exact", "faiss-flat", "faiss-hnsw", "jvector"})
    public String variant;
    @Param({"10000", "100000"})
    public int size;
    @Param({"384", "1024"})
    public int dim;
    @Param({"0", "0.1"})
    public double recency;
    /** {@code on}: the store's default persisted operation log; {@code off}: {@code mnemo.monitoring.history=0}. */
    @Param({"on"})
    public String monitoring;

    private StoreFixture fixture;
    private MemoryStore store;
    private SearchRequest request;
    private float[][] queries;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        BenchEnv env = BenchEnv.current();
        Backends backends = Backends.discover();
        Variant v = Variant.parse(variant);
        backends.provider(v); // fails early, with the reason, when the backend cannot run here
        Workload workload = Workload.standard(size, dim, env.queries());
        long[][] truth = workload.truth(backends, env.cacheDir(), null, "all");
        if (!monitoring.equals("on") && !monitoring.equals("off")) {
            throw new IllegalArgumentException("monitoring must be 'on' or 'off', got '" + monitoring + "'");
        }
        fixture = StoreFixture.cached(v, workload, env.cacheDir(), monitoring.equals("on"));
        store = fixture.store();
        request = SearchRequest.builder().k(BenchEnv.K).recencyWeight(recency).build();
        queries = workload.queries();
        long[][] found = fixture.searchRows(queries, request);
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("benchmark", "store");
        fact.put("variant", variant);
        fact.put("size", size);
        fact.put("dim", dim);
        fact.put("recency", recency);
        fact.put("monitoring", monitoring);
        fact.put("queries", queries.length);
        fact.put("recall", Recall.mean(found, truth, BenchEnv.K));
        env.facts().record(Facts.RECALL, fact);
    }

    @Benchmark
    public List<MemoryHit> search() {
        float[] q = queries[next];
        next = next + 1 == queries.length ? 0 : next + 1;
        return store.search(q, request);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
    }
}
