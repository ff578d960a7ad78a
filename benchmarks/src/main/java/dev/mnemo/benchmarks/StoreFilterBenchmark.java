package dev.mnemo.benchmarks;

import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.api.vector.IdFilter;
import dev.mnemo.core.store.MemoryStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
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
 * What a metadata filter costs a store search compared with a type filter that selects the very
 * same records: every record of a {@link StoreFixture#cachedTagged tagged store} has record type
 * {@code t<row % 10>} and metadata {@code group = row % 10} (long) and {@code label = "g<row % 10>"},
 * so {@code type}, {@code meta-long} and {@code meta-string} each allow the same 10% of the
 * records and hand the index the same id filter; only resolving the filter in SQL differs.
 * {@code none} is the unfiltered search. Similarity ranking (recency 0), vector mode, embedding
 * excluded; recall@10 against the exact scan within the filter.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class StoreFilterBenchmark {
    /** The tag every filter selects: one in {@value StoreFixture#TAG_GROUPS} records. */
    static final int CHOSEN_GROUP = 3;

    @Param({"exact", "faiss-hnsw", "jvector"})
    public String variant;
    @Param({"100000"})
    public int size;
    @Param({"384"})
    public int dim;
    @Param({"none", "type", "meta-long", "meta-string"})
    public String filter;

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
        IdFilter allowedRows = filter.equals("none") ? null : IdFilter.of(LongStream.range(0, size)
                .filter(row -> row % StoreFixture.TAG_GROUPS == CHOSEN_GROUP).toArray());
        long[][] truth = workload.truth(backends, env.cacheDir(), allowedRows,
                allowedRows == null ? "all" : "group" + CHOSEN_GROUP + "of" + StoreFixture.TAG_GROUPS);
        fixture = StoreFixture.cachedTagged(v, workload, env.cacheDir());
        store = fixture.store();
        request = request(filter);
        queries = workload.queries();
        long[][] found = fixture.searchRows(queries, request);
        Map<String, Object> fact = new LinkedHashMap<>();
        fact.put("benchmark", "store-filter");
        fact.put("variant", variant);
        fact.put("size", size);
        fact.put("dim", dim);
        fact.put("filter", filter);
        fact.put("allowed", allowedRows == null ? size : allowedRows.size());
        fact.put("queries", queries.length);
        fact.put("recall", Recall.mean(found, truth, BenchEnv.K));
        env.facts().record(Facts.RECALL, fact);
    }

    private static SearchRequest request(String filter) {
        SearchRequest.Builder request = SearchRequest.builder().k(BenchEnv.K).recencyWeight(0);
        return switch (filter) {
            case "none" -> request.build();
            case "type" -> request.types(RecordType.of("t" + CHOSEN_GROUP)).build();
            case "meta-long" -> request.metadata(MetadataFilter.eq("group", (long) CHOSEN_GROUP)).build();
            case "meta-string" -> request.metadata(MetadataFilter.eq("label", "g" + CHOSEN_GROUP)).build();
            default -> throw new IllegalArgumentException("filter must be none, type, meta-long or meta-string, got '"
                    + filter + "'");
        };
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
