package dev.mnemo.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the LangChain4j suites do not pin down: hybrid ranking when the request has a text, the id
 * and metadata mapping, upserts, records written through Mnemo's own API, and refusals. Vectors are
 * written by hand (the store's model is the 64-dimension hashing model) so every similarity is known.
 */
class MnemoEmbeddingStoreTest {
    @TempDir
    Path dataDir;
    private MemoryService service;
    private MemoryStore memory;
    private MnemoEmbeddingStore store;

    @BeforeEach
    void open() {
        service = TestStores.service(dataDir, "exact");
        memory = service.character("app");
        store = MnemoEmbeddingStore.builder().memoryStore(memory).build();
    }

    @AfterEach
    void close() {
        service.close();
    }

    /** A unit vector along axis 0 with cosine {@code cos} to axis 0, the rest on {@code axis}. */
    private static Embedding vector(double cos, int axis) {
        float[] v = new float[TestStores.DIMENSION];
        v[0] = (float) cos;
        v[axis] += (float) Math.sqrt(1 - cos * cos);
        return Embedding.from(v);
    }

    private static final Embedding QUERY = vector(1, 1);

    private void put(String id, Embedding embedding, TextSegment segment) {
        store.addAll(List.of(id), List.of(embedding), List.of(segment));
    }

    private List<String> ids(EmbeddingSearchRequest request) {
        return store.search(request).matches().stream().map(EmbeddingMatch::embeddingId).toList();
    }

    @Test
    void aQueryTextRanksByHybridSearchAndScoresStayCosineRelevance() {
        put("a", vector(1, 1), TextSegment.from("alpha record"));
        put("b", vector(0.6, 2), TextSegment.from("green tea ceremony"));
        put("c", vector(0.8, 3), TextSegment.from("other words"));

        assertThat(ids(EmbeddingSearchRequest.builder().queryEmbedding(QUERY).maxResults(3).build()))
                .containsExactly("a", "c", "b");
        // "b" is third by vector but first by keyword: fused, it leads
        List<EmbeddingMatch<TextSegment>> hybrid = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(QUERY).query("tea").maxResults(3).build()).matches();
        assertThat(hybrid).extracting(EmbeddingMatch::embeddingId).containsExactly("b", "a", "c");
        assertThat(hybrid.get(0).score()).isCloseTo(0.8, Offset.offset(1e-6));
        assertThat(hybrid.get(1).score()).isCloseTo(1.0, Offset.offset(1e-6));
        assertThat(hybrid.get(2).score()).isCloseTo(0.9, Offset.offset(1e-6));
    }

    @Test
    void minScoreAndMaxResultsBoundTheMatches() {
        put("a", vector(1, 1), TextSegment.from("alpha record"));
        put("b", vector(0.6, 2), TextSegment.from("green tea ceremony"));
        put("c", vector(0.8, 3), TextSegment.from("other words"));

        assertThat(ids(EmbeddingSearchRequest.builder().queryEmbedding(QUERY).query("tea").minScore(0.85)
                .maxResults(3).build())).containsExactly("a", "c");
        assertThat(ids(EmbeddingSearchRequest.builder().queryEmbedding(QUERY).maxResults(2).build()))
                .containsExactly("a", "c");
        assertThat(ids(EmbeddingSearchRequest.builder().queryEmbedding(QUERY).maxResults(50_000).build()))
                .hasSize(3); // more than Mnemo's 10,000 reads as 10,000
    }

    @Test
    void metadataReadsBackWithItsJavaTypes() {
        UUID uuid = UUID.randomUUID();
        Metadata metadata = new Metadata().put("s", "x").put("empty", "").put("u", uuid).put("i", 7).put("l", 7L)
                .put("f", 1.1f).put("d", 1.1d).put("big", Long.MAX_VALUE).put("tiny", Float.MIN_VALUE);
        TextSegment segment = TextSegment.from("typed", metadata);
        put("t", vector(1, 1), segment);

        EmbeddingMatch<TextSegment> match = store.search(EmbeddingSearchRequest.builder().queryEmbedding(QUERY)
                .build()).matches().get(0);

        assertThat(match.embedded()).isEqualTo(segment);
        assertThat(match.embedded().metadata().toMap()).containsEntry("i", 7).containsEntry("f", 1.1f)
                .containsEntry("u", uuid).containsEntry("big", Long.MAX_VALUE);
        MemoryRecord record = memory.scan(0, 1).get(0);
        assertThat(record.metadata()).containsEntry("lc4j.id", "t").containsEntry("u", uuid.toString())
                .containsEntry("lc4j.types", "f=f,i=i,tiny=f,u=u");
        assertThat(record.type().name()).isEqualTo(MnemoEmbeddingStore.SEGMENT_TYPE);
    }

    @Test
    void filtersCompareInTheStoredForm() {
        UUID uuid = UUID.randomUUID();
        put("u", vector(1, 1), TextSegment.from("one", new Metadata().put("owner", uuid).put("n", 3)));
        put("v", vector(0.9, 2), TextSegment.from("two", new Metadata().put("owner", UUID.randomUUID())
                .put("n", 3.5f)));

        assertThat(ids(request(metadataKey("owner").isEqualTo(uuid)))).containsExactly("u");
        assertThat(ids(request(metadataKey("n").isGreaterThan(3L)))).containsExactly("v");
        assertThat(ids(request(metadataKey("n").isIn(3.0d, 4)))).containsExactly("u");
        assertThat(ids(request(metadataKey("missing").isNotEqualTo("x")))).containsExactly("u", "v");
        assertThatThrownBy(() -> store.search(request(metadataKey("owner").isGreaterThan(1))))
                .isInstanceOf(InvalidInputException.class); // a number against stored strings
        Filter own = new Filter() {
            @Override
            public boolean test(Object object) {
                return true;
            }
        };
        assertThatThrownBy(() -> store.search(request(own))).isInstanceOf(UnsupportedOperationException.class);
    }

    private static EmbeddingSearchRequest request(Filter filter) {
        return EmbeddingSearchRequest.builder().queryEmbedding(QUERY).filter(filter).maxResults(10).build();
    }

    @Test
    void addingUnderAStoredIdReplacesTheRecord() {
        put("x", vector(1, 1), TextSegment.from("first"));
        store.addAll(List.of("x", "y"), List.of(vector(0.9, 2), vector(0.8, 3)),
                List.of(TextSegment.from("second"), TextSegment.from("third")));

        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder().queryEmbedding(QUERY)
                .maxResults(10).build()).matches();
        assertThat(matches).extracting(EmbeddingMatch::embeddingId).containsExactly("x", "y");
        assertThat(matches.get(0).embedded().text()).isEqualTo("second");
        assertThat(memory.stats().totalRecords()).isEqualTo(2);
    }

    @Test
    void batchesLargerThanOneTransactionAreStoredAndRemovedWhole() {
        int n = 2_500; // three batches of at most 1,000 ids
        List<String> ids = IntStream.range(0, n).mapToObj(i -> "id-" + i).toList();
        List<Embedding> vectors = IntStream.range(0, n)
                .mapToObj(i -> vector((i % 100) / 100.0, 1 + i % 60)).toList();
        store.addAll(ids, vectors, null);
        store.addAll(ids.subList(0, 1_500), vectors.subList(0, 1_500), null); // replaces, adds nothing
        assertThat(memory.stats().totalRecords()).isEqualTo(n);

        store.removeAll(ids.subList(100, n));

        assertThat(memory.stats().totalRecords()).isEqualTo(100);
        assertThat(ids(EmbeddingSearchRequest.builder().queryEmbedding(QUERY).maxResults(1_000).build()))
                .containsExactlyInAnyOrderElementsOf(ids.subList(0, 100));
    }

    @Test
    void anEmbeddingWithoutSegmentHasAPlaceholderTextTheKeywordLegNeverFinds() {
        String id = store.add(vector(1, 1));

        assertThat(memory.keywordTerms(MnemoEmbeddingStore.NO_TEXT)).isEmpty();
        MemoryRecord record = memory.scan(0, 1).get(0);
        assertThat(record.text()).isEqualTo(MnemoEmbeddingStore.NO_TEXT);
        assertThat(record.type().name()).isEqualTo(MnemoEmbeddingStore.EMBEDDING_TYPE);
        EmbeddingMatch<TextSegment> match = store.search(EmbeddingSearchRequest.builder().queryEmbedding(QUERY)
                .query("anything").build()).matches().get(0);
        assertThat(match.embeddingId()).isEqualTo(id);
        assertThat(match.embedded()).isNull();
        assertThat(match.embedding()).isEqualTo(vector(1, 1));
    }

    @Test
    void recordsWrittenThroughMnemoAreReportedWithTheirRecordId() {
        MemoryRecord own = memory.add(MemoryDraft.of(RecordType.of("note"), "written by Mnemo", null)
                .withMetadata(Map.of("pinned", true)));

        EmbeddingMatch<TextSegment> match = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(memory.vectors(new long[] {own.id()}).get(own.id()))).build())
                .matches().get(0);

        assertThat(match.embeddingId()).isEqualTo("mnemo:" + own.id());
        assertThat(match.embedded()).isEqualTo(TextSegment.from("written by Mnemo", new Metadata().put("pinned", "true")));
        store.removeAll();
        assertThat(memory.stats().totalRecords()).isZero();
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        assertThatThrownBy(() -> store.add(vector(1, 1), TextSegment.from("x", new Metadata().put("lc4j.id", "y"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> store.add(vector(1, 1), TextSegment.from("x", new Metadata().put("a key", "y"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'a key'");
        assertThatThrownBy(() -> store.add(" ", vector(1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("id cannot be null or blank");
        assertThatThrownBy(() -> store.addAll(List.of("a", "b"), List.of(vector(1, 1)), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("same size");
        assertThatThrownBy(() -> store.add(Embedding.from(new float[3])))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.addAll(List.of("a", "b"), List.of(vector(1, 1), vector(1, 2)),
                List.of(TextSegment.from("fine"), TextSegment.from("x".repeat(1_000_000)))))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> MnemoEmbeddingStore.builder().build()).isInstanceOf(NullPointerException.class);
        assertThat(memory.stats().totalRecords()).isZero();
    }
}
