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
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hybrid search leaves out the vector leg of a model that cannot read the query's script. */
class ScriptAwareHybridTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    /** The hashing test model, declared to read Latin text only (as an English model does). */
    private static final class LatinOnlyModel implements EmbeddingModel {
        private final HashingEmbeddingModel delegate = new HashingEmbeddingModel("latin-only", TestStores.DIMENSION);

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            return delegate.embed(texts);
        }

        @Override
        public Set<Character.UnicodeScript> scripts() {
            return Set.of(Character.UnicodeScript.LATIN);
        }
    }

    @TempDir
    Path dir;
    private MemoryService service;
    private MemoryStore store;

    @BeforeEach
    void open() {
        service = MemoryService.builder(TestStores.config(dir, "exact").build()).embeddingModel(new LatinOnlyModel()).build();
        store = service.character("Mei");
        store.add(MemoryDraft.of(RecordType.of("note"), "我们在北京大学见过面", T0));
        store.add(MemoryDraft.of(RecordType.of("note"), "We met at the lighthouse", T0));
        store.add(MemoryDraft.of(RecordType.of("note"), "今天天气很好", T0));
    }

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void aChineseQueryToALatinModelIsRankedByTheKeywordLegWithANote() {
        List<MemoryHit> hits = store.search("北京大学", SearchRequest.defaults());

        assertThat(hits).isNotEmpty();
        assertThat(hits.get(0).record().text()).isEqualTo("我们在北京大学见过面");
        assertThat(hits).allSatisfy(hit -> {
            assertThat(hit.explanation().mode()).isEqualTo(SearchMode.KEYWORD);
            assertThat(hit.explanation().note()).contains("does not read Han text");
            assertThat(hit.explanation().vectorRank()).isZero();
            assertThat(hit.similarity()).isBetween(-1.0, 1.0); // still reported, from the stored vector
        });
    }

    @Test
    void aQueryInTheModelsScriptStaysHybrid() {
        List<MemoryHit> hits = store.search("lighthouse", SearchRequest.defaults());

        assertThat(hits.get(0).record().text()).isEqualTo("We met at the lighthouse");
        assertThat(hits.get(0).explanation().mode()).isEqualTo(SearchMode.HYBRID);
        assertThat(hits.get(0).explanation().note()).isNull();
    }

    @Test
    void anExplicitVectorSearchIsRunAsAsked() {
        List<MemoryHit> hits = store.search("北京大学", SearchRequest.builder().mode(SearchMode.VECTOR).build());

        assertThat(hits).hasSize(3);
        assertThat(hits).allSatisfy(hit -> {
            assertThat(hit.explanation().mode()).isEqualTo(SearchMode.VECTOR);
            assertThat(hit.explanation().note()).isNull();
        });
    }
}
