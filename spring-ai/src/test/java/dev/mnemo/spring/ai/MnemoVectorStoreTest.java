package dev.mnemo.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;

/** The mapping between documents and records, on a real store with the hashing test model. */
class MnemoVectorStoreTest {
    @TempDir
    Path dir;
    private MemoryService service;
    private MemoryStore store;
    private MnemoVectorStore vectors;

    @BeforeEach
    void open() {
        service = TestStores.service(dir, "exact");
        store = service.character("docs");
        vectors = MnemoVectorStore.builder(store, service.model()).build();
    }

    @AfterEach
    void close() {
        service.close();
    }

    private static Document doc(String id, String text, Map<String, Object> metadata) {
        return Document.builder().id(id).text(text).metadata(metadata).build();
    }

    private List<Document> search(String query, int k) {
        return vectors.similaritySearch(SearchRequest.builder().query(query).topK(k).build());
    }

    @Test
    void documentsComeBackWithIdTextMetadataAndScore() {
        vectors.add(List.of(doc("a-1", "green tea in the morning",
                Map.of("user", "u1", "importance", 3, "weight", 0.5f, "pinned", true))));

        Document hit = search("green tea", 1).get(0);

        assertThat(hit.getId()).isEqualTo("a-1");
        assertThat(hit.getText()).isEqualTo("green tea in the morning");
        assertThat(hit.getMetadata()).containsEntry("user", "u1").containsEntry("importance", 3L)
                .containsEntry("weight", 0.5).containsEntry("pinned", true)
                .doesNotContainKey(DocumentMapping.DOCUMENT_ID_KEY);
        assertThat(hit.getScore()).isBetween(0.5, 1.0);
        assertThat((Double) hit.getMetadata().get("distance")).isCloseTo(1 - hit.getScore(),
                org.assertj.core.data.Offset.offset(1e-9));
        MemoryRecord record = store.scan(0, 10).get(0);
        assertThat(record.type()).isEqualTo(MnemoVectorStore.DOCUMENT);
        assertThat(record.metadata()).containsEntry(DocumentMapping.DOCUMENT_ID_KEY, "a-1");
    }

    @Test
    void resultsAreOrderedBySimilarityAndCutByTopKAndThreshold() {
        vectors.add(List.of(doc("1", "green tea in the morning", Map.of()),
                doc("2", "green tea", Map.of()),
                doc("3", "the stock market fell sharply", Map.of())));

        List<Document> all = search("green tea", 3);
        assertThat(all).extracting(Document::getId).startsWith("2", "1");
        assertThat(all).extracting(Document::getScore).isSortedAccordingTo((x, y) -> Double.compare(y, x));
        assertThat(search("green tea", 1)).extracting(Document::getId).containsExactly("2");

        double cut = (all.get(0).getScore() + all.get(1).getScore()) / 2;
        assertThat(vectors.similaritySearch(SearchRequest.builder().query("green tea").topK(3)
                .similarityThreshold(cut).build())).extracting(Document::getId).containsExactly("2");
        assertThat(vectors.similaritySearch(SearchRequest.builder().query("green tea").topK(0).build())).isEmpty();
    }

    @Test
    void hybridModeLetsTheKeywordLegRankAWordMatchFirst() {
        vectors.add(List.of(doc("word", "green tea in the morning", Map.of()), doc("letters", "teapot steam", Map.of())));

        assertThat(search("tea", 2)).extracting(Document::getId).containsExactly("letters", "word");
        MnemoVectorStore hybrid = MnemoVectorStore.builder(store, service.model())
                .searchMode(dev.mnemo.api.SearchMode.HYBRID).build();
        List<Document> fused = hybrid.similaritySearch(SearchRequest.builder().query("tea").topK(2).build());
        assertThat(fused).extracting(Document::getId).containsExactly("word", "letters");
        assertThat(fused.get(0).getScore()).isLessThan(fused.get(1).getScore()); // scores stay cosine similarities
    }

    @Test
    void filterExpressionsSelectByMetadata() {
        vectors.add(List.of(doc("bg20", "salvation lurks", Map.of("country", "BG", "year", 2020)),
                doc("nl", "salvation lurks", Map.of("country", "NL")),
                doc("bg23", "salvation lurks", Map.of("country", "BG", "year", 2023))));

        assertThat(ids("country == 'BG' && year >= 2021")).containsExactly("bg23");
        assertThat(ids("country in ['NL', 'US'] || year < 2021")).containsExactlyInAnyOrder("nl", "bg20");
        assertThat(ids("year is null")).containsExactly("nl");
        assertThat(ids("country != 'BG'")).containsExactly("nl");
        assertThat(ids("not(country == 'NL')")).containsExactlyInAnyOrder("bg20", "bg23");
    }

    private List<String> ids(String filter) {
        return vectors.similaritySearch(SearchRequest.builder().query("salvation").topK(10)
                .filterExpression(filter).build()).stream().map(Document::getId).toList();
    }

    @Test
    void addingAStoredIdReplacesTheDocument() {
        vectors.add(List.of(doc("x", "first text", Map.of("v", 1))));
        vectors.add(List.of(doc("x", "second text", Map.of("v", 2)), doc("y", "other text", Map.of())));

        List<Document> found = search("text", 10);
        assertThat(found).extracting(Document::getId).containsExactlyInAnyOrder("x", "y");
        Document x = found.stream().filter(d -> d.getId().equals("x")).findFirst().orElseThrow();
        assertThat(x.getText()).isEqualTo("second text");
        assertThat(x.getMetadata()).containsEntry("v", 2L);
        assertThat(store.stats().totalRecords()).isEqualTo(2);
    }

    @Test
    void concurrentAddsOfOneIdLeaveOneDocument() throws Exception {
        int threads = 4;
        int ids = 10;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> adders = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                adders.add(pool.submit(() -> {
                    for (int id = 0; id < ids; id++) {
                        start.await(); // every thread adds the same new id at the same moment
                        vectors.add(List.of(doc("id-" + id, "thread " + thread + " wrote document " + id, Map.of())));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> adder : adders) {
                adder.get();
            }
        } finally {
            pool.shutdown();
        }
        assertThat(store.stats().totalRecords()).isEqualTo(ids);
    }

    @Test
    void deletesSeeOnlyDocumentsNotOtherMemories() {
        MemoryRecord memory = store.add(dev.mnemo.api.MemoryDraft.of(RecordType.of("note"), "salvation lurks", null)
                .withMetadata(Map.of("country", "BG")));
        vectors.add(List.of(doc("bg", "salvation lurks", Map.of("country", "BG")),
                doc("nl", "salvation lurks", Map.of("country", "NL"))));

        assertThat(search("salvation", 10)).extracting(Document::getId).containsExactlyInAnyOrder("bg", "nl");
        vectors.delete("country == 'BG'");
        assertThat(search("salvation", 10)).extracting(Document::getId).containsExactly("nl");
        vectors.delete(List.of("nl", "never-stored"));
        assertThat(search("salvation", 10)).isEmpty();
        assertThat(store.get(memory.id())).isPresent();
    }

    @Test
    void badDocumentsAreRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> vectors.add(List.of(doc("ok", "fine", Map.of()),
                doc("bad", "has a list", Map.of("tags", List.of("a", "b"))))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'tags'");
        assertThatThrownBy(() -> vectors.add(List.of(doc("r", "reserved", Map.of(DocumentMapping.DOCUMENT_ID_KEY, "z")))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("reserved");
        assertThatThrownBy(() -> vectors.add(List.of(doc("d", "one", Map.of()), doc("d", "two", Map.of()))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("twice");
        assertThat(store.stats().totalRecords()).isZero();
    }

    @Test
    void documentsSurviveReopening() {
        vectors.add(List.of(doc("kept", "a memory worth keeping", Map.of("k", "v"))));
        service.close();
        service = TestStores.service(dir, "exact");
        vectors = MnemoVectorStore.builder(service.character("docs"), service.model()).build();

        assertThat(search("memory", 5)).extracting(Document::getId).containsExactly("kept");
        assertThat(vectors.<MemoryStore>getNativeClient()).containsSame(service.character("docs"));
    }

    @Test
    void aCustomRecordTypeOnlyLabelsTheRecords() {
        MnemoVectorStore faq = MnemoVectorStore.builder(store, service.model()).recordType(RecordType.of("faq")).build();
        faq.add(List.of(doc("f", "same words", Map.of())));

        assertThat(store.scan(0, 10)).extracting(MemoryRecord::type).containsExactly(RecordType.of("faq"));
        assertThat(search("same words", 5)).extracting(Document::getId).containsExactly("f");
    }
}
