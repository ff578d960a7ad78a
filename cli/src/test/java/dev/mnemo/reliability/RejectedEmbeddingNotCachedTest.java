package dev.mnemo.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mnemo.api.InvalidVectorException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.reliability.FakeEmbeddingServer.Fault;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One bad answer of the embedding service (here a zero vector for a query) must not make that
 * query fail for ever.
 *
 * <p>Regression test for a fixed bug: {@code MemoryStore.embed} (core, store/MemoryStore.java,
 * lines 458-459) calls {@code CachingEmbedder.embed}, which writes the model's fresh vectors to
 * the persistent embedding cache (CachingEmbedder.java, lines 59-66) before
 * {@code checkEmbeddings} rejects them. The rejected vector stays cached under the text's hash, so
 * every later {@code search(text)} (and {@code update} with that text) is answered from the cache
 * and fails the same way, across restarts, until the entry is evicted. {@code addAll} is not
 * affected: it checks before it stores cache entries on its own transaction.
 */
@Tag("reliability")
class RejectedEmbeddingNotCachedTest {
    @TempDir
    Path dataDir;

    @Test
    void aRejectedQueryEmbeddingIsNotCached() throws Exception {
        try (FakeEmbeddingServer server = new FakeEmbeddingServer(EmbeddingFaultTest.DIMENSION);
             MemoryService service = MemoryService.open(EmbeddingFaultTest.config(dataDir, server, "sk-cache-test"))) {
            MemoryStore store = service.character("cache");
            store.add(MemoryDraft.of(RecordType.of("note"), "the lantern festival by the river", null));

            server.schedule(Fault.ZERO_VECTOR, 0);
            Throwable first = catchThrowable(() -> store.search("lantern festival", SearchRequest.defaults()));
            server.heal();
            assertThat(first).isInstanceOf(InvalidVectorException.class);

            // the service answers well again: the same query must now work
            assertThat(store.search("lantern festival", SearchRequest.defaults())).hasSize(1);
        }
    }
}
