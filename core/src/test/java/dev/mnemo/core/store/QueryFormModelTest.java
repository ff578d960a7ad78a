package dev.mnemo.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model with its own query form (as e5's "query: " / "passage: ") gets queries and stored texts apart. */
class QueryFormModelTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** The hashing model, prefixing queries and passages the way e5 does; counts each kind of call. */
    private static final class PrefixingModel implements EmbeddingModel {
        final HashingEmbeddingModel hashing = new HashingEmbeddingModel("prefixing", TestStores.DIMENSION);
        final AtomicInteger queries = new AtomicInteger();
        final AtomicInteger passages = new AtomicInteger();

        @Override
        public String name() {
            return hashing.name();
        }

        @Override
        public int dimension() {
            return hashing.dimension();
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            passages.addAndGet(texts.size());
            return hashing.embed(texts.stream().map(t -> "passage: " + t).toList());
        }

        @Override
        public List<float[]> embedQueries(List<String> texts) {
            queries.addAndGet(texts.size());
            return hashing.embed(texts.stream().map(t -> "query: " + t).toList());
        }

        @Override
        public boolean embedsQueriesDifferently() {
            return true;
        }
    }

    @TempDir
    Path dir;

    @Test
    void queriesUseTheQueryFormAndNeverLendTheirCachedVectorToAStoredText() {
        PrefixingModel model = new PrefixingModel();
        try (MemoryService service = MemoryService.builder(TestStores.config(dir, "exact").build())
                .embeddingModel(model).build()) {
            MemoryStore store = service.character("Kafka");
            SearchRequest vectorOnly = SearchRequest.builder().mode(SearchMode.VECTOR).build();

            store.add(MemoryDraft.of(RecordType.of("note"), "filler", T0));
            store.search("north wind", vectorOnly);
            store.search("north wind", vectorOnly);
            assertThat(model.queries).as("asked once, then answered from the cache").hasValue(1);

            store.add(MemoryDraft.of(RecordType.of("note"), "north wind", T0));
            assertThat(model.passages).as("the query's cached vector is not the stored text's").hasValue(2);

            List<MemoryHit> hits = store.search(model.hashing.vector("passage: north wind"), vectorOnly);
            assertThat(hits.get(0).record().text()).isEqualTo("north wind");
            assertThat(hits.get(0).similarity()).isGreaterThan(0.999);
        }
    }
}
