package dev.mnemo.core.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonitoringTest {
    @TempDir
    Path dataDir;

    private final HashingEmbeddingModel model = new HashingEmbeddingModel(TestStores.DIMENSION);

    private MemoryService service(MnemoConfig config, SimpleMeterRegistry registry) {
        MemoryService.Builder b = MemoryService.builder(config).embeddingModel(model);
        return (registry == null ? b : b.meterRegistry(registry)).build();
    }

    private void workload(MemoryStore store) {
        store.add(MemoryDraft.of(RecordType.of("note"), "first note", Instant.now()));
        store.addAll(List.of(MemoryDraft.of(RecordType.of("note"), "second note", Instant.now()),
                MemoryDraft.of(RecordType.of("summary"), "a summary", Instant.now())));
        for (int i = 0; i < 3; i++) {
            store.search("first note", SearchRequest.defaults());
        }
        store.search("a summary", SearchRequest.builder().types(RecordType.of("summary")).build());
        store.delete(1L);
    }

    @Test
    void metersAppearWithStoreAndBackendTagsAndCounts() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (MemoryService service = service(TestStores.config(dataDir, "exact").build(), registry)) {
            MemoryStore store = service.character("Kafka");
            workload(store);
            assertThat(registry.get("mnemo.search").tag("store", "Kafka").tag("kind", "character")
                    .tag("backend", "exact").timer().count()).isEqualTo(4);
            for (String phase : new String[] {"embed", "filter", "index", "fetch", "rank"}) {
                assertThat(registry.get("mnemo.search.phase").tag("phase", phase).timer().count()).isEqualTo(4);
            }
            assertThat(registry.get("mnemo.operation").tag("op", "add").timer().count()).isEqualTo(1);
            assertThat(registry.get("mnemo.operation").tag("op", "batch_add").timer().count()).isEqualTo(1);
            assertThat(registry.get("mnemo.operation").tag("op", "delete").timer().count()).isEqualTo(1);
            assertThat(registry.get("mnemo.operation").tag("op", "reconcile").timer().count()).isEqualTo(1);
            // texts: 3 added (misses) + 4 queries of 2 distinct texts (stored texts are not cached, so
            // each query text misses once and "first note" then hits twice)
            assertThat(registry.get("mnemo.embedding.texts").tag("result", "cache_miss").counter().count()).isEqualTo(5);
            assertThat(registry.get("mnemo.embedding.texts").tag("result", "cache_hit").counter().count()).isEqualTo(2);
            assertThat(registry.get("mnemo.records").tag("store", "Kafka").gauge().value()).isEqualTo(2);
            assertThat(registry.get("mnemo.index.vectors").gauge().value()).isEqualTo(2);
            assertThat(registry.get("mnemo.database.bytes").gauge().value()).isPositive();
        }
        assertThat(registry.find("mnemo.search").meters()).as("meters removed on close").isEmpty();
    }

    @Test
    void theModelsOwnTelemetryAndCallsArePublished() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AtomicLong requests = new AtomicLong();
        EmbeddingModel remote = new EmbeddingModel() {
            @Override
            public String name() {
                return model.name();
            }

            @Override
            public int dimension() {
                return model.dimension();
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                requests.incrementAndGet();
                return model.embed(texts);
            }

            @Override
            public Map<String, Number> telemetry() {
                return Map.of("requests", requests.get(), "breaker_state", 0);
            }
        };
        try (MemoryService service = MemoryService.builder(TestStores.config(dataDir, "exact").build())
                .embeddingModel(remote).meterRegistry(registry).build()) {
            workload(service.character("Kafka"));
            // add, addAll, and the first of each query text (stored texts are not cached)
            assertThat(registry.get("mnemo.embedding.requests").tag("model", model.name()).functionCounter().count())
                    .isEqualTo(requests.get()).isEqualTo(4);
            assertThat(registry.get("mnemo.embedding.breaker.state").gauge().value()).isZero();
            assertThat(registry.get("mnemo.embedding.calls").tag("store", "Kafka").counter().count()).isEqualTo(4);
        }
        assertThat(registry.find("mnemo.embedding.requests").meters()).isEmpty();
    }

    @Test
    void operationSummariesSurviveReopen() {
        MnemoConfig config = TestStores.config(dataDir, "exact").build();
        try (MemoryService service = service(config, null)) {
            workload(service.character("Kafka"));
        }
        try (MemoryService service = service(config, null)) {
            OperationReport report = service.character("Kafka").operationReport();
            assertThat(report.operations()).containsKeys("search", "add", "batch_add", "delete", "reconcile");
            OperationReport.Summary search = report.operations().get("search");
            assertThat(search.count()).isEqualTo(4);
            assertThat(search.p50Millis()).isPositive().isLessThanOrEqualTo(search.p99Millis());
            assertThat(search.p99Millis()).isLessThanOrEqualTo(search.maxMillis());
            assertThat(report.slowestSearches()).hasSize(4);
            assertThat(report.slowestSearches()).anySatisfy(s -> assertThat(s.plan()).contains("filtered")
                    .contains("candidates=1").contains("types=[summary]"));
            assertThat(report.slowestSearches()).anySatisfy(s -> assertThat(s.plan()).startsWith("ann"));
        }
    }

    @Test
    void historyIsBoundedPerOperation() {
        MnemoConfig config = TestStores.config(dataDir, "exact").set(MnemoConfig.MONITORING_HISTORY, "10").build();
        try (MemoryService service = service(config, null)) {
            MemoryStore store = service.character("Kafka");
            store.add(MemoryDraft.of(RecordType.of("note"), "a note", Instant.now()));
            for (int i = 0; i < 200; i++) {
                store.search("a note", SearchRequest.defaults());
            }
            assertThat(store.operationReport().operations().get("search").count()).isEqualTo(10);
        }
    }

    @Test
    void disabledMonitoringWritesNothing() throws Exception {
        MnemoConfig config = TestStores.config(dataDir, "exact").set(MnemoConfig.MONITORING_HISTORY, "0").build();
        try (MemoryService service = service(config, null)) {
            MemoryStore store = service.character("Kafka");
            workload(store);
            assertThat(store.operationReport().operations()).isEmpty();
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("memory/Kafka/Kafka_memory.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM operation_log")) {
            assertThat(rs.getLong(1)).isZero();
        }
    }

    @Test
    void percentileIsNearestRank() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(OperationLog.percentile(sorted, 0.5)).isEqualTo(5);
        assertThat(OperationLog.percentile(sorted, 0.99)).isEqualTo(10);
        assertThat(OperationLog.percentile(new long[] {42}, 0.5)).isEqualTo(42);
    }
}
