package dev.mnemo.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyTest {
    @TempDir
    Path dataDir;

    @Test
    void eightWritersAndEightReadersLoseNothingAndSeeNoErrors() throws Exception {
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MemoryStore store = service.character("busy");
            AtomicLong acknowledged = new AtomicLong();
            Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; System.nanoTime() < deadline; i++) {
                        try {
                            if (i % 5 == 4) {
                                store.addAll(List.of(
                                        MemoryDraft.of(RecordType.of("note"), "writer " + writer + " batch " + i + " a", Instant.now()),
                                        MemoryDraft.of(RecordType.of("note"), "writer " + writer + " batch " + i + " b", Instant.now())));
                                acknowledged.addAndGet(2);
                            } else {
                                store.addConversation("writer " + writer + " says " + i, "reply " + i, Instant.now());
                                acknowledged.incrementAndGet();
                            }
                        } catch (Throwable t) {
                            errors.add(t);
                        }
                    }
                }));
            }
            for (int r = 0; r < 8; r++) {
                int reader = r;
                futures.add(pool.submit(() -> {
                    while (System.nanoTime() < deadline) {
                        try {
                            store.search("writer " + reader + " says", SearchRequest.builder().k(5).build());
                            store.recentConversations(5);
                            store.stats();
                        } catch (Throwable t) {
                            errors.add(t);
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertThat(errors).isEmpty();
            assertThat(acknowledged.get()).isPositive();
            assertThat(store.stats().totalRecords()).isEqualTo(acknowledged.get());
            assertThat(store.stats().indexSize()).isEqualTo(acknowledged.get());
            assertThat(store.verify().consistent()).isTrue();
            assertThat(store.activeConnections()).isZero();
        }
    }
}
