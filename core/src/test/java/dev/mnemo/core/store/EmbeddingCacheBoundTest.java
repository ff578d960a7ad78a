package dev.mnemo.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheBoundTest {
    @TempDir
    Path dataDir;

    private final HashingEmbeddingModel model = new HashingEmbeddingModel(64);
    private final StepClock clock = new StepClock();

    @Test
    void cacheStaysWithinItsConfiguredBound() {
        try (MemoryService service = service(50)) {
            MemoryStore store = service.character("bounded");
            IntStream.range(0, CachingEmbedder.EVICT_EVERY).forEach(i -> search(store, "unique query " + i));
            assertThat(store.stats().cacheEntries()).isEqualTo(50);
        }
    }

    @Test
    void storedRecordsAreNotCopiedIntoTheCacheButAreAnsweredFromItWhenSearchedBefore() {
        try (MemoryService service = service(1000)) {
            MemoryStore store = service.character("records");
            search(store, "searched first, stored later");
            store.addAll(IntStream.range(0, 300)
                    .mapToObj(i -> MemoryDraft.of(RecordType.of("note"), "stored text " + i, Instant.now())).toList());
            assertThat(store.stats().cacheEntries()).isEqualTo(1);
            long embedded = model.textsEmbedded();
            store.add(MemoryDraft.of(RecordType.of("note"), "searched first, stored later", Instant.now()));
            assertThat(model.textsEmbedded()).isEqualTo(embedded);
            assertThat(store.stats().cacheEntries()).isEqualTo(1);
        }
    }

    @Test
    void evictsTheLeastRecentlyUsedEntriesNotTheOldestInserted() {
        int bound = CachingEmbedder.EVICT_EVERY - 56;
        try (MemoryService service = service(bound)) {
            MemoryStore store = service.character("lru");
            IntStream.range(0, 100).forEach(i -> search(store, "old query " + i));
            IntStream.range(0, 10).forEach(i -> search(store, "old query " + i)); // hits: now recently used
            // up to the insert that runs an eviction pass: the 56 least recently used of its entries go
            IntStream.range(100, CachingEmbedder.EVICT_EVERY).forEach(i -> search(store, "new query " + i));
            assertThat(store.stats().cacheEntries()).isEqualTo(bound);

            long before = model.textsEmbedded();
            IntStream.range(0, 10).forEach(i -> search(store, "old query " + i));
            assertThat(model.textsEmbedded()).as("first inserted, but used since: kept").isEqualTo(before);
            IntStream.range(10, 66).forEach(i -> search(store, "old query " + i));
            assertThat(model.textsEmbedded() - before).as("never used again: evicted").isEqualTo(56);
        }
    }

    @Test
    void usesWrittenOnCloseStillCountAfterReopen() {
        int bound = 100 + CachingEmbedder.EVICT_EVERY - 56; // a new session counts inserts from 0
        try (MemoryService service = service(bound)) {
            MemoryStore store = service.character("reopen");
            IntStream.range(0, 100).forEach(i -> search(store, "old query " + i));
            IntStream.range(0, 10).forEach(i -> search(store, "old query " + i)); // remembered, written on close
        }
        try (MemoryService service = service(bound)) {
            MemoryStore store = service.character("reopen");
            IntStream.range(0, CachingEmbedder.EVICT_EVERY).forEach(i -> search(store, "new query " + i));
            assertThat(store.stats().cacheEntries()).isEqualTo(bound);
            long before = model.textsEmbedded();
            IntStream.range(0, 10).forEach(i -> search(store, "old query " + i));
            assertThat(model.textsEmbedded()).isEqualTo(before);
        }
    }

    @Test
    void zeroTurnsTheCacheOff() {
        try (MemoryService service = service(0)) {
            MemoryStore store = service.character("uncached");
            search(store, "same");
            search(store, "same");
            assertThat(model.textsEmbedded()).isEqualTo(2);
            assertThat(store.stats().cacheEntries()).isZero();
        }
    }

    private MemoryService service(int maxEntries) {
        MnemoConfig config = TestStores.config(dataDir, "exact")
                .set(MnemoConfig.EMBEDDING_CACHE_ENTRIES, Integer.toString(maxEntries)).build();
        return MemoryService.builder(config).embeddingModel(model).clock(clock).build();
    }

    private void search(MemoryStore store, String query) {
        clock.step();
        store.search(query, SearchRequest.defaults());
    }

    /** A clock that moves one second per step, so that every use has its own time. */
    private static final class StepClock extends Clock {
        private final AtomicLong seconds = new AtomicLong(Instant.parse("2026-11-01T00:00:00Z").getEpochSecond());

        void step() {
            seconds.incrementAndGet();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds.get());
        }
    }
}
