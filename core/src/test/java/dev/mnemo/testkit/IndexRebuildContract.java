package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store's index is replaced by {@link MemoryStore#rebuildIndex()} while other threads search
 * it: every search must see a whole index (the old one or the new one), never an empty, half-built
 * or closed one. For a native backend a search on a freed index would crash the JVM, so the test
 * runs on every backend. Subclasses name the backend.
 */
public abstract class IndexRebuildContract {
    private static final int RECORDS = 1_500;
    private static final int K = 10;
    private static final int SEARCHERS = 3;
    private static final int REBUILDS = 6;

    @TempDir
    Path dataDir;

    /** The backend name under test, e.g. {@code exact}. */
    protected abstract String backend();

    @Test
    void searchesRunningDuringRebuildsAlwaysSeeAWholeIndex() throws InterruptedException {
        HashingEmbeddingModel model = new HashingEmbeddingModel(TestStores.DIMENSION);
        try (MemoryService service = MemoryService.builder(TestStores.config(dataDir, backend()).build())
                .embeddingModel(model).build()) {
            MemoryStore store = service.character("rebuilt");
            Instant t0 = Instant.parse("2024-11-01T12:00:00Z");
            List<MemoryDraft> drafts = new ArrayList<>();
            for (int i = 0; i < RECORDS; i++) {
                drafts.add(MemoryDraft.of(RecordType.of("note"), "memory " + i + " of the rebuild test " + (i % 37),
                        t0.plus(Duration.ofMinutes(i))));
            }
            List<Long> ids = store.addAll(drafts).stream().map(MemoryRecord::id).toList();
            SearchRequest request = SearchRequest.builder().k(K).recencyWeight(0).build();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            AtomicBoolean rebuilding = new AtomicBoolean(true);
            AtomicLong searches = new AtomicLong();
            CountDownLatch started = new CountDownLatch(SEARCHERS);
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < SEARCHERS; t++) {
                Random random = new Random(31L * t + 7);
                threads.add(new Thread(() -> {
                    started.countDown();
                    try {
                        do {
                            int i = random.nextInt(RECORDS);
                            List<MemoryHit> hits = store.search(model.vector(drafts.get(i).text()), request);
                            assertThat(hits).as("hits during a rebuild").hasSize(K);
                            assertThat(hits).allSatisfy(h -> assertThat(ids).contains(h.record().id()));
                            searches.incrementAndGet();
                        } while (rebuilding.get());
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }, "rebuild-searcher-" + t));
            }
            threads.forEach(Thread::start);
            started.await();
            try {
                for (int r = 0; r < REBUILDS; r++) {
                    store.rebuildIndex();
                }
            } finally {
                rebuilding.set(false);
                for (Thread thread : threads) {
                    thread.join();
                }
            }
            assertThat(failures).isEmpty();
            assertThat(searches.get()).as("searches that ran alongside the rebuilds").isPositive();
            assertThat(store.verify().consistent()).isTrue();
            Map<String, Object> parameters = store.indexDescription().parameters();
            assertThat(parameters).containsKey("exact-fallbacks");
        }
    }
}
