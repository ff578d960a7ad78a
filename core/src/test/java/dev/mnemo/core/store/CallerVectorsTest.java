package dev.mnemo.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.api.vector.Vectors;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store methods for applications that embed through their own framework: hybrid search with the
 * caller's query vector, delete by metadata, and replace-by-metadata in one transaction.
 */
class CallerVectorsTest {
    private static final RecordType NOTE = RecordType.of("note");
    private final HashingEmbeddingModel model = new HashingEmbeddingModel(TestStores.DIMENSION);

    @TempDir
    Path dataDir;

    private static MemoryDraft note(String text, String key) {
        return MemoryDraft.of(NOTE, text, null).withMetadata(Map.of("ext", key));
    }

    @Test
    void hybridSearchUsesTheCallersVectorForTheVectorLegAndTheSimilarity() {
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MemoryStore store = service.character("Kafka");
            store.addAllWithVectors(List.of(note("green tea", "a"), note("black coffee", "b")),
                    List.of(model.vector("green tea"), model.vector("black coffee")), null);
            float[] other = model.vector("black coffee");
            SearchRequest request = SearchRequest.builder().k(2).recencyWeight(0).mode(SearchMode.HYBRID).build();

            List<MemoryHit> hits = store.search("tea", other, request);

            assertThat(hits).hasSize(2);
            for (MemoryHit hit : hits) {
                float[] stored = model.vector(hit.record().text());
                assertThat(hit.similarity()).isCloseTo(Vectors.cosine(other, stored), Offset.offset(1e-6));
            }
            assertThat(hits.get(0).explanation().keywordRank()).isPositive(); // the keyword leg ran on the text
            assertThatThrownBy(() -> store.search("tea", new float[3], request))
                    .isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void deleteByMetadataRemovesExactlyTheMatchingRecords() {
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MemoryStore store = service.character("Kafka");
            store.addAllWithVectors(List.of(note("one", "a"), note("two", "b"), MemoryDraft.of(NOTE, "three", null)),
                    List.of(model.vector("one"), model.vector("two"), model.vector("three")), null);

            assertThat(store.delete(MetadataFilter.ne("ext", "b"))).isEqualTo(2); // "three" has no key: ne matches it
            assertThat(store.scan(0, 10)).extracting(MemoryRecord::text).containsExactly("two");
            assertThat(store.delete(MetadataFilter.eq("ext", "zzz"))).isZero();
            assertThatThrownBy(() -> store.delete((MetadataFilter) null)).isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> store.delete(MetadataFilter.eq("ext", 1L)))
                    .isInstanceOf(InvalidInputException.class); // a number against stored strings
            assertThat(store.stats().totalRecords()).isEqualTo(1);
        }
    }

    @Test
    void replaceDeletesTheOldRecordsAndStoresTheNewOnesTogether() {
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MemoryStore store = service.character("Kafka");
            store.addAllWithVectors(List.of(note("old a", "a"), note("keep b", "b")),
                    List.of(model.vector("old a"), model.vector("keep b")), null);

            List<MemoryRecord> stored = store.replaceWithVectors(MetadataFilter.in("ext", "a", "c"),
                    List.of(note("new a", "a"), note("new c", "c")), List.of(model.vector("new a"), model.vector("new c")));

            assertThat(stored).extracting(MemoryRecord::text).containsExactly("new a", "new c");
            assertThat(store.scan(0, 10)).extracting(MemoryRecord::text).containsExactlyInAnyOrder("keep b", "new a", "new c");
            SearchRequest request = SearchRequest.builder().k(10).recencyWeight(0).build();
            assertThat(store.search(model.vector("old a"), request)).extracting(h -> h.record().text())
                    .doesNotContain("old a");
        }
    }

    @Test
    void replaceWithABadDraftWritesNothing() {
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MemoryStore store = service.character("Kafka");
            store.addAllWithVectors(List.of(note("old a", "a")), List.of(model.vector("old a")), null);

            assertThatThrownBy(() -> store.replaceWithVectors(MetadataFilter.eq("ext", "a"),
                    List.of(note("new a", "a"), note(" ", "b")), List.of(model.vector("new a"), model.vector("x"))))
                    .isInstanceOf(InvalidInputException.class);
            assertThatThrownBy(() -> store.replaceWithVectors(null, List.of(), List.of()))
                    .isInstanceOf(InvalidInputException.class);
            assertThat(store.scan(0, 10)).extracting(MemoryRecord::text).containsExactly("old a");
        }
    }
}
