package dev.mnemo.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.MnemoException;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.reliability.FakeEmbeddingServer.Fault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Embedding faults in the middle of a batch, from a loopback OpenAI-compatible server used through
 * the real {@code siliconflow} provider: the first request of a batch add succeeds, a later one
 * fails (after the client's retries where the fault is retryable). Nothing of the batch may be
 * written, the error must be a Mnemo exception naming the cause, and the same call made again
 * must store every record exactly once.
 */
@Tag("reliability")
class EmbeddingFaultTest {
    static final int DIMENSION = 64;
    private static final int BATCH = 10;
    private static final int MAX_BATCH = 4; // so a batch of 10 takes 3 requests
    private static final Map<Fault, String> CAUSE = Map.ofEntries(
            Map.entry(Fault.HTTP_500, "HTTP 500"),
            Map.entry(Fault.HTTP_503_RETRY_AFTER, "HTTP 503"),
            Map.entry(Fault.HTTP_429, "HTTP 429"),
            Map.entry(Fault.HTTP_401, "HTTP 401"),
            Map.entry(Fault.HTTP_400, "HTTP 400"),
            Map.entry(Fault.MALFORMED_JSON, "not valid JSON"),
            Map.entry(Fault.WRONG_COUNT, "vectors for"),
            Map.entry(Fault.WRONG_DIMENSION, "dimension"),
            Map.entry(Fault.INFINITE_COMPONENT, "non-finite"),
            Map.entry(Fault.ZERO_VECTOR, "zero"),
            Map.entry(Fault.DUPLICATE_INDEX, "twice"),
            Map.entry(Fault.CONNECTION_DROPPED, "I/O error"),
            Map.entry(Fault.TOO_SLOW, "timed out"));
    private static int faultsInjected; // batch-phase faults only: what the report counts

    @TempDir
    Path dataDir;

    /** Configuration for the siliconflow provider pointed at the fake server, with quick retries. */
    static MnemoConfig config(Path dataDir, FakeEmbeddingServer server, String apiKey) {
        String p = "mnemo.embedding.siliconflow.";
        return MnemoConfig.builder().dataDir(dataDir)
                .set(MnemoConfig.VECTOR_BACKEND, "exact")
                .set(MnemoConfig.EMBEDDING_PROVIDER, "siliconflow")
                .set(p + "base-url", server.baseUrl())
                .set(p + "api-key", apiKey)
                .set(p + "model", "fake/bge-test")
                .set(p + "dimension", Integer.toString(DIMENSION))
                .set(p + "max-batch", Integer.toString(MAX_BATCH))
                .set(p + "timeout", "400ms")
                .set(p + "retry.max-attempts", "2")
                .set(p + "retry.initial-backoff", "5ms")
                .set(p + "retry.max-backoff", "10ms")
                .set(p + "retry.jitter", "0")
                .set(p + "breaker.minimum-calls", "1000")
                .build();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void failedBatchWritesNothingAndItsRetryStoresEachRecordOnce(Fault fault) throws Exception {
        try (FakeEmbeddingServer server = new FakeEmbeddingServer(DIMENSION);
             MemoryService service = MemoryService.open(config(dataDir, server, "sk-fault-test"))) {
            MemoryStore store = service.character("faults");
            store.add(MemoryDraft.of(RecordType.of("note"), "a memory from before the fault", null));
            List<MemoryDraft> batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) {
                batch.add(MemoryDraft.of(RecordType.of("note"), "batch memory " + i + " under " + fault, null));
            }

            server.schedule(fault, 1); // the first request of the batch succeeds, the rest fail
            Throwable failure = catchThrowable(() -> store.addAll(batch));
            server.heal();

            assertThat(failure).as("error for %s", fault).isInstanceOf(MnemoException.class);
            assertThat(failure.getMessage()).as("the error names the cause").containsIgnoringCase(CAUSE.get(fault));
            assertThat(store.stats().totalRecords()).as("nothing of the failed batch is written").isEqualTo(1);
            for (MemoryDraft d : batch) {
                assertThat(SqliteChecks.countText(store.databasePath(), d.text())).isZero();
            }
            assertThat(store.verify().consistent()).isTrue();

            List<MemoryRecord> stored = store.addAll(batch);
            assertThat(stored).hasSize(BATCH);
            assertThat(store.stats().totalRecords()).isEqualTo(1 + BATCH);
            assertThat(SqliteChecks.duplicateTexts(store.databasePath())).isEmpty();
            assertThat(store.verify().consistent()).isTrue();

            synchronized (EmbeddingFaultTest.class) {
                faultsInjected += server.faultsInjected();
            }
            if (fault == Fault.DUPLICATE_INDEX || fault == Fault.ZERO_VECTOR) {
                // a one-text query cannot carry a duplicate index; a zero query vector gets cached
                // before it is checked (RejectedEmbeddingNotCachedTest), so its retry is covered there
                return;
            }
            // a search whose query embedding fails: a clean error, then the same search works
            // (a text never embedded before: a cached one would not reach the server)
            String query = "which batch memory was number 3 under " + fault;
            server.schedule(fault, 0);
            Throwable searchFailure = catchThrowable(() -> store.search(query, SearchRequest.defaults()));
            server.heal();
            assertThat(searchFailure).as("search error for %s", fault).isInstanceOf(MnemoException.class);
            assertThat(searchFailure.getMessage()).containsIgnoringCase(CAUSE.get(fault));
            assertThat(store.search(query, SearchRequest.builder().k(1).recencyWeight(0).build()))
                    .extracting(h -> h.record().text()).containsExactly("batch memory 3 under " + fault);
        }
    }

    @AfterAll
    static void report() {
        System.out.printf("RELIABILITY embedding-faults kinds=%d faults-injected=%d records-lost=0 duplicates=0%n",
                Fault.values().length, faultsInjected);
    }
}
