package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.DimensionMismatchException;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.InvalidVectorException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.MemoryStats;
import dev.mnemo.api.ModelMismatchException;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.StoreClosedException;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.api.vector.Vectors;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.nio.charset.StandardCharsets;
import dev.mnemo.core.store.VerifyReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Store behaviour every store kind and vector backend must support end to end: the store kind
 * {@link #config()} selects (SQLite files in a temp directory unless a subclass says otherwise),
 * the backend under test, and the deterministic hashing model. Subclasses name the backend.
 * {@link MemoryStoreContract} adds what only SQLite's one-file-per-store layout has.
 */
public abstract class StoreContract {
    protected static final Instant T0 = Instant.parse("2024-11-01T12:28:00.872556Z");

    @TempDir
    protected Path dataDir;
    protected MemoryService service;
    protected MemoryStore store;
    protected final HashingEmbeddingModel model = new HashingEmbeddingModel(TestStores.DIMENSION);

    /** The backend name under test, e.g. {@code exact}. */
    protected abstract String backend();

    @BeforeEach
    void openStore() {
        service = open();
        store = service.character("Kafka");
    }

    @AfterEach
    void closeService() {
        if (service != null) {
            service.close();
        }
    }

    /** The configuration of the services this suite opens; a store kind other than SQLite adds its keys. */
    protected MnemoConfig.Builder config() {
        return TestStores.config(dataDir, backend());
    }

    protected MemoryService open() {
        return MemoryService.builder(config().build()).embeddingModel(model).build();
    }

    protected void reopen() {
        service.close();
        service = open();
        store = service.character("Kafka");
    }

    @Test
    void addsConversationAndReadsItBack() {
        MemoryRecord r = store.addConversation("What is your name?", "Kafka.", T0);
        MemoryRecord read = store.get(r.id()).orElseThrow();
        assertThat(read.characterName()).isEqualTo("Kafka");
        assertThat(read.userMessage()).isEqualTo("What is your name?");
        assertThat(read.assistantMessage()).isEqualTo("Kafka.");
        assertThat(read.text()).isEqualTo("用户: What is your name?\n助手: Kafka.");
        assertThat(read.timestamp()).isEqualTo(T0);
        assertThat(read.type()).isEqualTo(RecordType.CONVERSATION);
        assertThat(read.createdAt()).isNotNull();
    }

    @Test
    void chatThreadsAreKeptPerStoreReplacedWholeAndSurviveReopen() {
        store.saveChatThread("session-1", "[\"hello\"]");
        store.saveChatThread("session-1", "[\"hello\",\"again\"]");
        store.saveChatThread("session-0", "[]");
        service.character("Silver Wolf").saveChatThread("session-1", "[\"another store's\"]");
        reopen();
        assertThat(store.chatThread("session-1")).contains("[\"hello\",\"again\"]");
        assertThat(store.chatThreadIds()).containsExactly("session-0", "session-1");
        assertThat(store.deleteChatThread("session-0")).isTrue();
        assertThat(store.deleteChatThread("session-0")).isFalse();
        assertThat(store.chatThreadIds()).containsExactly("session-1");
        assertThat(service.character("Silver Wolf").chatThread("session-1")).contains("[\"another store's\"]");
    }

    @Test
    void searchFindsTheMatchingRecordFirst() {
        store.addAll(List.of(
                MemoryDraft.of(RecordType.of("note"), "The train leaves the station at dawn", T0),
                MemoryDraft.of(RecordType.of("note"), "Stellaron hunters gather in the dark", T0),
                MemoryDraft.of(RecordType.of("note"), "A cup of jasmine tea on the table", T0)));
        List<MemoryHit> hits = store.search("jasmine tea on the table", SearchRequest.builder().k(3).recencyWeight(0).build());
        assertThat(hits).hasSize(3);
        assertThat(hits.get(0).record().text()).isEqualTo("A cup of jasmine tea on the table");
        assertThat(hits.get(0).similarity()).isGreaterThan(hits.get(1).similarity());
        assertThat(hits).isSortedAccordingTo(Comparator.comparingDouble(MemoryHit::score).reversed());
    }

    @Test
    void filteredSearchReturnsKWheneverKMatchAndAgreesWithAFilteredExactScan() {
        Random random = new Random(7);
        List<MemoryDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            RecordType type = i % 50 == 0 ? RecordType.of("summary") : RecordType.CONVERSATION;
            drafts.add(MemoryDraft.of(type, "memory " + i + " about " + words(random), T0.plus(Duration.ofHours(i))));
        }
        List<MemoryRecord> stored = store.addAll(drafts);
        Instant from = T0.plus(Duration.ofHours(100));
        Instant until = T0.plus(Duration.ofHours(300));
        SearchRequest request = SearchRequest.builder().k(10).types(RecordType.of("summary"), RecordType.CONVERSATION)
                .from(from).until(until).recencyWeight(0).mode(SearchMode.VECTOR).build();
        String query = "memory about " + words(random);
        List<MemoryHit> hits = store.search(query, request);

        float[] q = model.vector(query);
        List<Long> expected = stored.stream()
                .filter(r -> !r.timestamp().isBefore(from) && r.timestamp().isBefore(until))
                .sorted(Comparator.comparingDouble((MemoryRecord r) -> -Vectors.dot(q, model.vector(r.text())))
                        .thenComparingLong(MemoryRecord::id))
                .limit(10).map(MemoryRecord::id).toList();
        assertThat(hits).hasSize(10);
        assertThat(hits).allSatisfy(h -> assertThat(h.record().timestamp()).isBetween(from, until.minusNanos(1)));
        assertThat(hits.stream().map(h -> h.record().id()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(expected);

        List<MemoryHit> summaries = store.search(query, request.toBuilder().types(RecordType.of("summary"))
                .from(null).until(null).build());
        assertThat(summaries).hasSize(10).allSatisfy(h -> assertThat(h.record().type().name()).isEqualTo("summary"));
        List<MemoryHit> few = store.search(query, request.toBuilder().k(50).types(RecordType.of("summary"))
                .from(null).until(null).build());
        assertThat(few).hasSize(12);
    }

    @Test
    void metadataFilteredSearchReturnsKWheneverKMatchAndAgreesWithAFilteredExactScan() {
        Random random = new Random(11);
        List<MemoryDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            drafts.add(MemoryDraft.of(RecordType.of("note"), "memory " + i + " about " + words(random), T0)
                    .withMetadata(Map.of("tenant", i % 20 == 0 ? "rare" : "common", "i", i)));
        }
        List<MemoryRecord> stored = store.addAll(drafts);
        SearchRequest request = SearchRequest.builder().k(10).recencyWeight(0).mode(SearchMode.VECTOR)
                .metadata(MetadataFilter.eq("tenant", "rare")).build();
        String query = "memory about " + words(random);

        List<MemoryHit> hits = store.search(query, request);

        float[] q = model.vector(query);
        List<Long> expected = stored.stream().filter(r -> "rare".equals(r.metadata().get("tenant")))
                .sorted(Comparator.comparingDouble((MemoryRecord r) -> -Vectors.dot(q, model.vector(r.text())))
                        .thenComparingLong(MemoryRecord::id))
                .limit(10).map(MemoryRecord::id).toList();
        assertThat(hits.stream().map(h -> h.record().id()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(store.search(query, request.toBuilder().k(50).build())).hasSize(30);
        assertThat(store.search(query, request.toBuilder().k(50).mode(SearchMode.HYBRID)
                .metadata(MetadataFilter.and(MetadataFilter.eq("tenant", "rare"), MetadataFilter.lt("i", 200))).build()))
                .hasSize(10).allSatisfy(h -> assertThat((Long) h.record().metadata().get("i")).isLessThan(200));
    }

    @Test
    void recencyWeightPrefersNewerRecordsAmongEqualText() {
        Instant now = Instant.now();
        MemoryRecord old = store.add(MemoryDraft.of(RecordType.of("note"), "the same words", now.minus(Duration.ofDays(300))));
        MemoryRecord fresh = store.add(MemoryDraft.of(RecordType.of("note"), "the same words", now.minus(Duration.ofHours(1))));
        List<MemoryHit> hits = store.search("the same words", SearchRequest.builder().k(2).recencyWeight(0.5)
                .mode(SearchMode.VECTOR).build());
        assertThat(hits).extracting(h -> h.record().id()).containsExactly(fresh.id(), old.id());
        assertThat(hits.get(0).recency()).isGreaterThan(0.99);
        assertThat(hits.get(1).recency()).isLessThan(0.01);
        assertThat(hits.get(0).score()).isCloseTo(0.5 * hits.get(0).similarity() + 0.5 * hits.get(0).recency(),
                Offset.offset(1e-9));
    }

    @Test
    void minimumSimilarityDropsWeakHits() {
        store.add(MemoryDraft.of(RecordType.of("note"), "alpha beta gamma", T0));
        store.add(MemoryDraft.of(RecordType.of("note"), "zzzz qqqq xxxx", T0));
        List<MemoryHit> hits = store.search("alpha beta gamma", SearchRequest.builder().k(5).minSimilarity(0.9).build());
        assertThat(hits).extracting(h -> h.record().text()).containsExactly("alpha beta gamma");
    }

    @Test
    void deletedRecordsNeverComeBackAlsoAfterReopen() {
        MemoryRecord keep = store.add(MemoryDraft.of(RecordType.of("note"), "keep this memory", T0));
        MemoryRecord gone = store.add(MemoryDraft.of(RecordType.of("note"), "forget this memory", T0));
        assertThat(store.delete(gone.id())).isTrue();
        assertThat(store.delete(gone.id())).isFalse();
        SearchRequest all = SearchRequest.builder().k(10).build();
        assertThat(store.search("forget this memory", all)).extracting(h -> h.record().id()).containsExactly(keep.id());
        assertThat(store.get(gone.id())).isEmpty();
        reopen();
        assertThat(store.search("forget this memory", all)).extracting(h -> h.record().id()).containsExactly(keep.id());
        assertThat(store.verify().consistent()).isTrue();
    }

    @Test
    void deleteOlderThanRemovesOldRecordsFromDatabaseAndIndex() {
        Instant now = Instant.now();
        for (int i = 0; i < 20; i++) {
            store.add(MemoryDraft.of(RecordType.of("note"), "old memory " + i, now.minus(Duration.ofDays(40 + i))));
            store.add(MemoryDraft.of(RecordType.of("note"), "new memory " + i, now.minus(Duration.ofDays(i))));
        }
        assertThat(store.deleteOlderThan(30)).isEqualTo(20);
        List<MemoryHit> hits = store.search("old memory", SearchRequest.builder().k(40).build());
        assertThat(hits).hasSize(20).allSatisfy(h -> assertThat(h.record().text()).startsWith("new memory"));
        assertThat(store.stats().indexSize()).isEqualTo(20);
        reopen();
        assertThat(store.search("old memory", SearchRequest.builder().k(40).build())).hasSize(20);
        assertThat(store.stats().totalRecords()).isEqualTo(20);
    }

    @Test
    void updateReEmbedsChangedText() {
        MemoryRecord r = store.add(MemoryDraft.of(RecordType.of("note"), "apples and pears", T0));
        store.add(MemoryDraft.of(RecordType.of("note"), "completely unrelated words", T0));
        MemoryRecord updated = store.update(r.id(), MemoryDraft.of(RecordType.of("note"), "rockets and planets", null));
        assertThat(updated.text()).isEqualTo("rockets and planets");
        assertThat(updated.timestamp()).isEqualTo(T0);
        List<MemoryHit> hits = store.search("rockets and planets", SearchRequest.builder().k(1).recencyWeight(0).build());
        assertThat(hits.get(0).record().id()).isEqualTo(r.id());
        assertThat(hits.get(0).similarity()).isGreaterThan(0.99);
        assertThat(store.verify().consistent()).isTrue();
    }

    @Test
    void recentConversationsAreNewestFirst() {
        for (int i = 0; i < 5; i++) {
            store.addConversation("question " + i, "answer " + i, T0.plus(Duration.ofMinutes(i)));
        }
        store.add(MemoryDraft.of(RecordType.of("note"), "not a conversation", T0.plus(Duration.ofDays(1))));
        assertThat(store.recentConversations(3)).extracting(MemoryRecord::userMessage)
                .containsExactly("question 4", "question 3", "question 2");
    }

    @Test
    void statisticsDescribeTheStore() {
        store.addConversation("hi", "hello", T0);
        store.addConversation("bye", "see you", T0.plus(Duration.ofDays(2)));
        store.add(MemoryDraft.of(RecordType.of("summary"), "they met", T0.plus(Duration.ofDays(1))));
        MemoryStats stats = store.stats();
        assertThat(stats.totalRecords()).isEqualTo(3);
        assertThat(stats.conversationRecords()).isEqualTo(2);
        assertThat(stats.recordsByType()).containsEntry("summary", 1L);
        assertThat(stats.oldestRecordTime()).isEqualTo(T0);
        assertThat(stats.latestRecordTime()).isEqualTo(T0.plus(Duration.ofDays(2)));
        assertThat(stats.indexBackend()).isEqualTo(backend());
        assertThat(stats.indexSize()).isEqualTo(3);
        assertThat(stats.embeddingModel()).isEqualTo(model.name());
        assertThat(stats.dimension()).isEqualTo(TestStores.DIMENSION);
    }

    @Test
    void badInputIsRefusedAndNothingIsWritten() {
        store.add(MemoryDraft.of(RecordType.of("note"), "the only record", T0));
        assertThatThrownBy(() -> store.add(MemoryDraft.of(RecordType.of("note"), "   ", T0)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> store.add(MemoryDraft.of(RecordType.of("note"), "x".repeat(1_000_000), T0)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.store.max-text-chars");
        assertThatThrownBy(() -> store.add(MemoryDraft.of(RecordType.of("note"), "nul \u0000 inside", T0)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> store.add(MemoryDraft.of(RecordType.of("note"), "broken \ud800 surrogate", T0)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("surrogate");
        float[] nan = new float[TestStores.DIMENSION];
        nan[3] = Float.NaN;
        assertThatThrownBy(() -> store.addAllWithVectors(List.of(MemoryDraft.of(RecordType.of("note"), "v", T0)),
                List.of(nan), null)).isInstanceOf(InvalidVectorException.class).hasMessageContaining("non-finite");
        assertThatThrownBy(() -> store.addAllWithVectors(List.of(MemoryDraft.of(RecordType.of("note"), "v", T0)),
                List.of(new float[3]), null)).isInstanceOf(DimensionMismatchException.class).hasMessageContaining("expected 64");
        assertThatThrownBy(() -> store.search(new float[TestStores.DIMENSION + 1], SearchRequest.defaults()))
                .isInstanceOf(DimensionMismatchException.class);
        // a batch with one bad record writes none of them
        assertThatThrownBy(() -> store.addAll(List.of(MemoryDraft.of(RecordType.of("note"), "good one", T0),
                MemoryDraft.of(RecordType.of("note"), "", T0)))).isInstanceOf(InvalidInputException.class);
        assertThat(store.stats().totalRecords()).isEqualTo(1);
        assertThat(store.stats().indexSize()).isEqualTo(1);
    }

    @Test
    void anotherEmbeddingModelIsRefused() {
        store.add(MemoryDraft.of(RecordType.of("note"), "made with the first model", T0));
        service.close();
        MemoryService other = MemoryService.builder(config().build())
                .embeddingModel(new HashingEmbeddingModel("another-model", TestStores.DIMENSION)).build();
        try {
            assertThatThrownBy(() -> other.character("Kafka")).isInstanceOf(ModelMismatchException.class)
                    .hasMessageContaining("test-hashing").hasMessageContaining("another-model");
        } finally {
            other.close();
        }
        service = open();
        store = service.character("Kafka");
        assertThat(store.stats().totalRecords()).isEqualTo(1);
    }

    @Test
    void corruptIndexFileIsRebuiltFromTheDatabase() throws Exception {
        for (int i = 0; i < 30; i++) {
            store.add(MemoryDraft.of(RecordType.of("note"), "record number " + i, T0));
        }
        Path indexFile = store.indexPath();
        service.close();
        assertThat(indexFile).isRegularFile();
        byte[] bytes = Files.readAllBytes(indexFile);
        Files.write(indexFile, Arrays.copyOf(bytes, bytes.length / 2));
        service = open();
        store = service.character("Kafka");
        assertThat(store.indexOpenNote()).contains("rebuilt");
        assertThat(store.verify().consistent()).isTrue();
        assertThat(store.search("record number 7", SearchRequest.builder().k(1).recencyWeight(0).build()))
                .extracting(h -> h.record().text()).containsExactly("record number 7");
    }

    @Test
    void aForeignFileUnderTheIndexNameIsKeptAsideNotOverwritten() throws Exception {
        store.add(MemoryDraft.of(RecordType.of("note"), "some record", T0));
        Path indexFile = store.indexPath();
        service.close();
        byte[] foreign = "IxF2 a legacy FAISS index written by Python".getBytes(StandardCharsets.UTF_8);
        Files.write(indexFile, foreign);
        service = open();
        store = service.character("Kafka");
        assertThat(store.indexOpenNote()).contains("not a Mnemo index file");
        try (var files = Files.list(indexFile.getParent())) {
            Path aside = files.filter(p -> p.getFileName().toString().contains(".foreign-")).findFirst().orElseThrow();
            assertThat(Files.readAllBytes(aside)).isEqualTo(foreign);
        }
        assertThat(store.search("some record", SearchRequest.defaults())).hasSize(1);
    }

    @Test
    void anotherStoresIndexFileIsRecognisedAndRebuilt() throws Exception {
        MemoryRecord mine = store.add(MemoryDraft.of(RecordType.of("note"), "my own memory", T0));
        MemoryStore other = service.character("Other");
        for (int i = 0; i < 5; i++) {
            other.add(MemoryDraft.of(RecordType.of("note"), "someone else entirely " + i, T0));
        }
        Path mineFile = store.indexPath();
        Path otherFile = other.indexPath();
        service.close();
        Files.copy(otherFile, mineFile, StandardCopyOption.REPLACE_EXISTING);
        service = open();
        store = service.character("Kafka");
        assertThat(store.indexOpenNote()).startsWith("rebuilt from the database").contains("another store");
        List<MemoryHit> hits = store.search("my own memory", SearchRequest.builder().k(1).recencyWeight(0).build());
        assertThat(hits).extracting(h -> h.record().id()).containsExactly(mine.id());
        assertThat(hits.get(0).similarity()).isGreaterThan(0.99);
    }

    @Test
    void staleIndexFileCatchesUpWithTheDatabase() throws Exception {
        store.add(MemoryDraft.of(RecordType.of("note"), "first record", T0));
        service.close();
        Path indexFile = store.indexPath();
        byte[] stale = Files.readAllBytes(indexFile);
        service = open();
        store = service.character("Kafka");
        MemoryRecord second = store.add(MemoryDraft.of(RecordType.of("note"), "second record", T0));
        MemoryRecord third = store.add(MemoryDraft.of(RecordType.of("note"), "third record", T0));
        store.delete(third.id());
        service.close();
        Files.write(indexFile, stale); // as if the process died before saving the index
        service = open();
        store = service.character("Kafka");
        assertThat(store.verify().consistent()).isTrue();
        assertThat(store.search("second record", SearchRequest.builder().k(5).build()))
                .extracting(h -> h.record().id()).contains(second.id()).doesNotContain(third.id());
    }

    @Test
    void anotherServiceOnTheSameDirectorySeesNewWrites() {
        try (MemoryService second = open()) {
            MemoryStore reader = second.character("Kafka");
            assertThat(reader.search("shared memory", SearchRequest.defaults())).isEmpty();
            MemoryRecord r = store.add(MemoryDraft.of(RecordType.of("note"), "shared memory", T0));
            assertThat(reader.search("shared memory", SearchRequest.defaults()))
                    .extracting(h -> h.record().id()).containsExactly(r.id());
            store.delete(r.id());
            assertThat(reader.search("shared memory", SearchRequest.defaults())).isEmpty();
        }
    }

    @Test
    void embeddingCacheAnswersRepeatedQueriesWithoutCallingTheModelAgainAcrossReopen() {
        store.add(MemoryDraft.of(RecordType.of("note"), "a text worth storing", T0));
        store.search("a query worth caching", SearchRequest.defaults());
        long textsBefore = model.textsEmbedded();
        store.search("a query worth caching", SearchRequest.defaults());
        assertThat(model.textsEmbedded()).isEqualTo(textsBefore);
        MemoryStats stats = store.stats();
        assertThat(stats.cacheHits()).isEqualTo(1);
        assertThat(stats.cacheMisses()).isEqualTo(2);
        // the stored text's vector lives in memory_vector only, not a second time in the cache
        assertThat(stats.cacheEntries()).isEqualTo(1);
        reopen();
        store.search("a query worth caching", SearchRequest.defaults());
        assertThat(model.textsEmbedded()).isEqualTo(textsBefore);
        assertThat(store.stats().cacheHits()).isEqualTo(1);
    }

    @Test
    void closedStoreRefusesWork() {
        service.close();
        assertThatThrownBy(() -> store.add(MemoryDraft.of(RecordType.of("note"), "late", T0)))
                .isInstanceOf(StoreClosedException.class);
        service.close(); // idempotent
    }

    @Test
    void noConnectionLeaksAfterOperations() {
        store.addConversation("a", "b", T0);
        store.search("a", SearchRequest.defaults());
        store.stats();
        assertThat(store.activeConnections()).isZero();
    }

    @Test
    void aChineseTwoCharacterQueryFindsItsRecordByKeyword() {
        MemoryRecord wall = store.add(MemoryDraft.of(RecordType.of("note"), "我们明天一起去长城看日出吧", T0));
        store.addAll(List.of(
                MemoryDraft.of(RecordType.of("note"), "今天的晚饭是饺子和汤", T0),
                MemoryDraft.of(RecordType.of("note"), "列车明早七点从车站出发", T0),
                MemoryDraft.of(RecordType.of("note"), "她喜欢在雨天读书", T0)));
        for (SearchMode mode : List.of(SearchMode.KEYWORD, SearchMode.HYBRID)) {
            List<MemoryHit> hits = store.search("长城", SearchRequest.builder().k(2).recencyWeight(0).mode(mode).build());
            assertThat(hits).as(mode.label()).isNotEmpty();
            assertThat(hits.get(0).record().id()).as(mode.label()).isEqualTo(wall.id());
            assertThat(hits.get(0).explanation().keywordRank()).isEqualTo(1);
            assertThat(hits.get(0).explanation().bm25()).isPositive();
        }
        assertThat(store.search("长城", SearchRequest.builder().mode(SearchMode.KEYWORD).build()))
                .extracting(h -> h.record().id()).containsExactly(wall.id());
    }

    @Test
    void hybridReturnsAMatchOnlyTheKeywordLegFound() {
        List<MemoryDraft> lookalikes = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            lookalikes.add(MemoryDraft.of(RecordType.of("note"), "moonlightz" + i, T0)); // near in n-grams, no shared term
        }
        store.addAll(lookalikes);
        MemoryRecord garden = store.add(MemoryDraft.of(RecordType.of("note"), "Under the moonlight nobody spoke; the"
                + " garden was quiet and every lantern had burned out long before midnight.", T0));
        SearchRequest request = SearchRequest.builder().k(3).recencyWeight(0).build();

        assertThat(ids(store.search("moonlight", request.toBuilder().mode(SearchMode.VECTOR).build())))
                .doesNotContain(garden.id());
        List<MemoryHit> hybrid = store.search("moonlight", request);
        MemoryHit hit = hybrid.stream().filter(h -> h.record().id() == garden.id()).findFirst().orElseThrow();
        assertThat(hit.explanation().mode()).isEqualTo(SearchMode.HYBRID);
        assertThat(hit.explanation().vectorRank()).isZero();
        assertThat(hit.explanation().keywordRank()).isEqualTo(1);
        assertThat(hit.explanation().fusedScore()).isCloseTo(1.0 / 61, org.assertj.core.data.Offset.offset(1e-12));
        // its similarity comes from its stored vector, as if the vector leg had scored it
        assertThat(hit.similarity()).isCloseTo(Vectors.dot(model.vector("moonlight"), model.vector(garden.text())),
                org.assertj.core.data.Offset.offset(1e-5));
        assertThat(store.search("moonlight", request.toBuilder().minSimilarity(hit.similarity() + 0.01).build()))
                .extracting(h -> h.record().id()).doesNotContain(garden.id());
    }

    @Test
    void typeAndTimeFiltersApplyToBothLegs() {
        List<MemoryDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RecordType type = i % 4 == 0 ? RecordType.of("summary") : RecordType.CONVERSATION;
            drafts.add(MemoryDraft.of(type, "lantern festival memory " + i, T0.plus(Duration.ofDays(i))));
        }
        store.addAll(drafts);
        Instant from = T0.plus(Duration.ofDays(10));
        Instant until = T0.plus(Duration.ofDays(30));
        for (SearchMode mode : SearchMode.values()) {
            SearchRequest summaries = SearchRequest.builder().k(40).mode(mode).types(RecordType.of("summary")).build();
            assertThat(store.search("lantern festival", summaries)).as(mode.label()).hasSize(10)
                    .allSatisfy(h -> assertThat(h.record().type().name()).isEqualTo("summary"));
            SearchRequest window = SearchRequest.builder().k(40).mode(mode).from(from).until(until).build();
            assertThat(store.search("lantern festival", window)).as(mode.label()).hasSize(20)
                    .allSatisfy(h -> assertThat(h.record().timestamp()).isBetween(from, until.minusNanos(1)));
            SearchRequest both = window.toBuilder().types(RecordType.of("summary")).build();
            assertThat(store.search("lantern festival", both)).as(mode.label()).hasSize(5);
            SearchRequest none = window.toBuilder().types(RecordType.of("absent")).build();
            assertThat(store.search("lantern festival", none)).as(mode.label()).isEmpty();
        }
    }

    @Test
    void ftsQuerySyntaxInUserTextIsPlainTextAndNeverThrows() {
        store.add(MemoryDraft.of(RecordType.of("note"), "near the gate, or not: a star-shaped key", T0));
        List<String> queries = new ArrayList<>(List.of("\"", "\"unbalanced", "a\"b\"\"c", "NEAR(gate key, 2)", "gate OR key",
                "AND", "OR", "NOT", "NEAR", "NOT gate", "-gate", "gate -key", "col:gate", "terms:gate", "^gate", "*",
                "gate*", "(", ")", "{terms}: gate", "'", "''", "gate + key", "\"gate\" AND \"key\"", "star-shaped",
                "?!", "...", "\\", "%_", "NEAR/3", "gate NEAR key"));
        Random random = new Random(12);
        String alphabet = "\"*():^-+'{}[]<>!?.,;/\\ ORANDNOTNEARgatekey长城";
        for (int i = 0; i < 200; i++) {
            StringBuilder b = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int j = 0; j < length; j++) {
                b.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            if (!b.toString().isBlank()) {
                queries.add(b.toString());
            }
        }
        for (String query : queries) {
            for (SearchMode mode : SearchMode.values()) {
                assertThat(store.search(query, SearchRequest.builder().mode(mode).build())).as(query).isNotNull();
            }
        }
        assertThat(store.search("gate OR", SearchRequest.builder().mode(SearchMode.KEYWORD).build())).hasSize(1);
    }

    @Test
    void aQueryWithoutKeywordTermsFallsBackToTheVectorLegWithANote() {
        store.add(MemoryDraft.of(RecordType.of("note"), "some memory", T0));
        assertThat(store.keywordTerms("?! ... the")).isEmpty();
        for (SearchMode mode : List.of(SearchMode.HYBRID, SearchMode.KEYWORD)) {
            List<MemoryHit> hits = store.search("?! ... the", SearchRequest.builder().mode(mode).build());
            assertThat(hits).hasSize(1);
            assertThat(hits.get(0).explanation().mode()).isEqualTo(SearchMode.VECTOR);
            assertThat(hits.get(0).explanation().note()).contains("no keyword terms");
        }
        List<MemoryHit> byVector = store.search(model.vector("some memory"), SearchRequest.defaults());
        assertThat(byVector.get(0).explanation().mode()).isEqualTo(SearchMode.VECTOR);
        assertThat(byVector.get(0).explanation().note()).isNull();
    }

    @Test
    void storesOfCharactersAndStoriesAreSeparate() {
        store.add(MemoryDraft.of(RecordType.of("note"), "kafka's memory", T0));
        MemoryStore story = service.story("story_demo");
        story.add(MemoryDraft.of(RecordType.of("event"), "the story begins", T0));
        MemoryStore chinese = service.character("银狼");
        chinese.addConversation("你好", "你好呀", T0);
        MemoryStore sameNameStory = service.story("Kafka");
        assertThat(service.characters()).containsExactly("Kafka", "银狼");
        assertThat(service.stories()).containsExactly("Kafka", "story_demo");
        assertThat(story.search("the story begins", SearchRequest.defaults())).hasSize(1);
        assertThat(chinese.search("你好", SearchRequest.defaults())).hasSize(1);
        assertThat(sameNameStory.search("kafka's memory", SearchRequest.defaults())).isEmpty();
        assertThat(store.search("the story begins", SearchRequest.defaults()))
                .extracting(h -> h.record().text()).containsExactly("kafka's memory");
        assertThat(sameNameStory.stats().totalRecords()).isZero();
    }

    @Test
    void keywordLegStaysInStepThroughDeleteUpdatePruneAndReindex() {
        Instant now = Instant.now();
        SearchRequest keyword = SearchRequest.builder().k(50).mode(SearchMode.KEYWORD).build();
        MemoryRecord apples = store.add(MemoryDraft.of(RecordType.of("note"), "apples in the orchard", now));
        MemoryRecord pears = store.add(MemoryDraft.of(RecordType.of("note"), "pears in the orchard", now));
        MemoryRecord old = store.add(MemoryDraft.of(RecordType.of("note"), "an ancient orchard", now.minus(Duration.ofDays(90))));
        assertThat(ids(store.search("orchard", keyword))).containsExactlyInAnyOrder(apples.id(), pears.id(), old.id());

        store.delete(pears.id());
        store.update(apples.id(), MemoryDraft.of(RecordType.of("note"), "plums by the river", null));
        assertThat(ids(store.search("orchard", keyword))).containsExactly(old.id());
        assertThat(ids(store.search("plums", keyword))).containsExactly(apples.id());
        assertThat(store.verify().keywordDifferences()).isEmpty();

        store.rebuildIndex();
        VerifyReport report = store.verify();
        assertThat(report.consistent()).isTrue();
        assertThat(report.keywordRows()).isEqualTo(2);
        assertThat(store.deleteOlderThan(30)).isEqualTo(1);
        assertThat(store.search("ancient", keyword)).isEmpty();
        assertThat(store.verify().consistent()).isTrue();
        reopen();
        assertThat(ids(store.search("plums river", keyword))).containsExactly(apples.id());
    }

    private static String words(Random random) {
        String[] vocabulary = {"train", "tea", "star", "sword", "night", "song", "rain", "city", "dream", "fire",
            "river", "moon", "glass", "wolf", "game", "code"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) {
            b.append(vocabulary[random.nextInt(vocabulary.length)]).append(' ');
        }
        return b.toString().trim();
    }

    protected static Set<Long> ids(List<MemoryHit> hits) {
        return hits.stream().map(h -> h.record().id()).collect(Collectors.toSet());
    }
}
