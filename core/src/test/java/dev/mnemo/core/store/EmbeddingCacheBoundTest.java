package dev.mnemo.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.RecordType;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheBoundTest {
    @TempDir
    Path dataDir;

    @Test
    void cacheStaysWithinItsConfiguredBound() {
        MnemoConfig config = TestStores.config(dataDir, "exact").set(MnemoConfig.EMBEDDING_CACHE_ENTRIES, "50").build();
        try (MemoryService service = MemoryService.builder(config).embeddingModel(new HashingEmbeddingModel(64)).build()) {
            MemoryStore store = service.character("bounded");
            List<MemoryDraft> drafts = IntStream.range(0, 300)
                    .mapToObj(i -> MemoryDraft.of(RecordType.of("note"), "unique text " + i, Instant.now())).toList();
            store.addAll(drafts);
            assertThat(store.stats().cacheEntries()).isEqualTo(50);
            assertThat(store.stats().totalRecords()).isEqualTo(300);
        }
    }

    @Test
    void zeroTurnsTheCacheOff() {
        MnemoConfig config = TestStores.config(dataDir, "exact").set(MnemoConfig.EMBEDDING_CACHE_ENTRIES, "0").build();
        HashingEmbeddingModel model = new HashingEmbeddingModel(64);
        try (MemoryService service = MemoryService.builder(config).embeddingModel(model).build()) {
            MemoryStore store = service.character("uncached");
            store.add(MemoryDraft.of(RecordType.of("note"), "same", Instant.now()));
            store.add(MemoryDraft.of(RecordType.of("note"), "same", Instant.now()));
            assertThat(model.textsEmbedded()).isEqualTo(2);
            assertThat(store.stats().cacheEntries()).isZero();
        }
    }
}
