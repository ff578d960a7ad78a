package dev.mnemo.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.mnemo.api.DimensionMismatchException;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.InvalidNameException;
import dev.mnemo.api.InvalidVectorException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.MemoryStats;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.cassandra.node.CassandraNode;
import dev.mnemo.cassandra.node.CassandraNodeExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("cassandra")
@ExtendWith(CassandraNodeExtension.class)
class CassandraMemoryStoreTest {
    private static final RecordType NOTE = new RecordType("note");
    private static final RecordType SUMMARY = new RecordType("summary");
    private static CassandraMemory memory;

    @BeforeAll
    static void open(CassandraNode node) {
        memory = CassandraMemory.open(StoreFixture.config(node, StoreFixture.KEYSPACE).build(), StoreFixture.MODEL);
    }

    @AfterAll
    static void close() {
        if (memory != null) {
            memory.close();
        }
    }

    @Test
    void addedRecordReadsBackColumnForColumn() {
        CassandraMemoryStore store = memory.store(StoreFixture.freshName("get"));
        Instant when = Instant.parse("2024-11-01T12:28:00.872556Z");
        MemoryRecord added = store.addConversation("你好", "你好呀！", when);

        MemoryRecord read = store.get(added.id()).orElseThrow();
        assertThat(read).isEqualTo(added);
        assertThat(read.timestamp()).isEqualTo(when);
        assertThat(read.text()).isEqualTo("用户: 你好\n助手: 你好呀！");
        assertThat(read.userMessage()).isEqualTo("你好");
        assertThat(read.assistantMessage()).isEqualTo("你好呀！");
        assertThat(read.type()).isEqualTo(RecordType.CONVERSATION);
        assertThat(read.characterName()).isEqualTo(store.name());
        assertThat(store.get(added.id() + 1)).isEmpty();
    }

    @Test
    void addAllSplitsLargeBatchesAndKeepsEveryRecord() {
        CassandraMemoryStore store = memory.store(StoreFixture.freshName("batch"));
        List<MemoryDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            drafts.add(MemoryDraft.of(NOTE, "note number " + i + " " + "padding ".repeat(40), null));
        }
        drafts.add(MemoryDraft.of(NOTE, "x".repeat(20_000), null)); // alone over the batch limit

        List<MemoryRecord> added = store.addAll(drafts);

        assertThat(added).hasSize(301);
        assertThat(added).extracting(MemoryRecord::id).isSorted().doesNotHaveDuplicates();
        assertThat(store.stats().totalRecords()).isEqualTo(301);
        assertThat(store.get(added.get(300).id()).orElseThrow().text()).hasSize(20_000);
    }

    @Test
    void searchPutsTheClosestRecordFirstWithItsCosineSimilarity() {
        CassandraMemoryStore store = memory.store(StoreFixture.freshName("search"));
        store.addAll(List.of(
                MemoryDraft.of(NOTE, "the cat sleeps on the warm windowsill", null),
                MemoryDraft.of(NOTE, "stock markets fell sharply on monday", null),
                MemoryDraft.of(NOTE, "a recipe for lemon cake with icing", null)));

        List<MemoryHit> hits = store.search("the cat sleeps on the warm windowsill",
                SearchRequest.builder().k(3).recencyWeight(0).build());

        assertThat(hits).hasSize(3);
        assertThat(hits.get(0).record().text()).isEqualTo("the cat sleeps on the warm windowsill");
        assertThat(hits.get(0).similarity()).isCloseTo(1.0, within(1e-5));
        assertThat(hits).extracting(MemoryHit::similarity).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(hits.get(1).similarity()).isLessThan(0.9);
    }

    @Test
    void typeAndTimeFiltersRunInsideTheQueryAndStillReturnKHits() {
        CassandraMemoryStore store = memory.store(StoreFixture.freshName("filter"));
        Instant base = Instant.parse("2024-06-01T00:00:00Z");
        List<MemoryDraft> drafts = new ArrayList<>();
        // 60 conversations exactly like the query, 5 notes and 5 summaries less alike
        for (int i = 0; i < 60; i++) {
            drafts.add(MemoryDraft.of(RecordType.CONVERSATION, "rainy day in the old harbour", base.plusSeconds(i)));
        }
        for (int i = 0; i < 5; i++) {
            drafts.add(MemoryDraft.of(NOTE, "rainy harbour note " + i, base.plus(Duration.ofDays(i))));
            drafts.add(MemoryDraft.of(SUMMARY, "harbour summary " + i, base.plus(Duration.ofDays(10 + i))));
        }
        store.addAll(drafts);
        SearchRequest.Builder request = SearchRequest.builder().k(5).recencyWeight(0);

        List<MemoryHit> notes = store.search("rainy day in the old harbour", request.types(NOTE).build());
        assertThat(notes).hasSize(5).allSatisfy(h -> assertThat(h.record().type()).isEqualTo(NOTE));

        List<MemoryHit> both = store.search("rainy day in the old harbour", request.types(NOTE, SUMMARY).k(10).build());
        assertThat(both).hasSize(10).noneSatisfy(h -> assertThat(h.record().type()).isEqualTo(RecordType.CONVERSATION));

        Instant from = base.plus(Duration.ofDays(11));
        Instant until = base.plus(Duration.ofDays(13));
        List<MemoryHit> window = store.search("rainy day in the old harbour",
                request.types(Set.of()).from(from).until(until).k(5).build());
        assertThat(window).extracting(h -> h.record().text())
                .containsExactlyInAnyOrder("harbour summary 1", "harbour summary 2");
    }

    @Test
    void recencyReranksCandidatesAndMinSimilarityDropsHits() {
        CassandraMemoryStore store = memory.store(StoreFixture.freshName("recency"));
        Instant now = Instant.now();
        MemoryRecord old = store.add(MemoryDraft.of(NOTE, "the lighthouse keeper", now.minus(Duration.ofDays(365))));
        MemoryRecord fresh = store.add(MemoryDraft.of(NOTE, "the lighthouse keeper", now.minus(Duration.ofHours(1))));
        store.add(MemoryDraft.of(NOTE, "unrelated words entirely", now));

        List<MemoryHit> ranked = store.search("the lighthouse keeper",
                SearchRequest.builder().k(2).recencyWeight(0.2).build());
        assertThat(ranked).extracting(h -> h.record().id()).containsExactly(fresh.id(), old.id());
        assertThat(ranked.get(0).recency()).isGreaterThan(ranked.get(1).recency());
        assertThat(ranked.get(0).score()).isCloseTo(
                0.8 * ranked.get(0).similarity() + 0.2 * ranked.get(0).recency(), within(1e-9));

        List<MemoryHit> close = store.search("the lighthouse keeper",
                SearchRequest.builder().k(5).minSimilarity(0.9).build());
        assertThat(close).extracting(h -> h.record().id()).containsExactlyInAnyOrder(fresh.id(), old.id());
    }

    @Test
    void refusesKThatWouldNeedMoreThanTheAnnLimit() {
        CassandraMemoryStore store = memory.store(StoreFixture.freshName("limit"));
        store.add(MemoryDraft.of(NOTE, "one record", null));

        assertThatThrownBy(() -> store.search("one record", SearchRequest.builder().k(251).build()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("k = 251 needs 1004 candidates")
                .hasMessageContaining("1000");
        assertThatThrownBy(() -> store.search("one record", SearchRequest.builder().k(1001).recencyWeight(0).build()))
                .isInstanceOf(InvalidInputException.class);
        assertThat(store.search("one record", SearchRequest.builder().k(250).build())).hasSize(1);
        assertThat(store.search("one record", SearchRequest.builder().k(1000).recencyWeight(0).build())).hasSize(1);
    }

    @Test
    void deletedRecordsAreNeverReturned() {
        CassandraMemoryStore store = memory.store(StoreFixture.freshName("delete"));
        List<MemoryRecord> added = store.addAll(List.of(
                MemoryDraft.of(NOTE, "keep this memory", null),
                MemoryDraft.of(NOTE, "forget this memory", null),
                MemoryDraft.of(NOTE, "forget that memory too", null)));

        assertThat(store.delete(added.get(1).id())).isTrue();
        assertThat(store.delete(added.get(1).id())).isFalse();
        assertThat(store.delete(new long[] {added.get(2).id(), added.get(2).id(), 42L})).isEqualTo(1);

        assertThat(store.get(added.get(1).id())).isEmpty();
        List<MemoryHit> hits = store.search("forget this memory", SearchRequest.builder().k(10).build());
        assertThat(hits).extracting(h -> h.record().id()).containsExactly(added.get(0).id());
        assertThat(store.stats().totalRecords()).isEqualTo(1);
    }

    @Test
    void deleteOlderThanPrunesByRecordTimestamp() {
        CassandraMemoryStore store = memory.store(StoreFixture.freshName("prune"));
        Instant now = Instant.now();
        store.addAll(List.of(
                MemoryDraft.of(NOTE, "ancient history", now.minus(Duration.ofDays(400))),
                MemoryDraft.of(NOTE, "last month", now.minus(Duration.ofDays(40))),
                MemoryDraft.of(NOTE, "last week", now.minus(Duration.ofDays(7)))));

        assertThat(store.deleteOlderThan(30)).isEqualTo(2);

        assertThat(store.stats().totalRecords()).isEqualTo(1);
        assertThat(store.search("ancient history last month", SearchRequest.builder().k(5).build()))
                .extracting(h -> h.record().text()).containsExactly("last week");
        assertThat(store.deleteOlderThan(30)).isZero();
        assertThatThrownBy(() -> store.deleteOlderThan(-1)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void recentConversationsAreNewestFirstByTimestamp() {
        CassandraMemoryStore store = memory.store(StoreFixture.freshName("recent"));
        Instant t = Instant.parse("2025-03-01T10:00:00Z");
        // written out of time order: ids follow writing, the result must follow timestamps
        store.addConversation("second", "b", t.plusSeconds(60));
        store.addConversation("first", "a", t);
        store.addConversation("third", "c", t.plusSeconds(120));
        store.add(MemoryDraft.of(NOTE, "a note is not a conversation", t.plusSeconds(600)));

        assertThat(store.recentConversations(2)).extracting(MemoryRecord::userMessage).containsExactly("third", "second");
        assertThat(store.recentConversations(10)).extracting(MemoryRecord::userMessage)
                .containsExactly("third", "second", "first");
    }

    @Test
    void statsCountByTypeAndSpanTheTimestamps() {
        CassandraMemoryStore store = memory.store(StoreFixture.freshName("stats"));
        assertThat(store.stats().totalRecords()).isZero();
        assertThat(store.stats().oldestRecordTime()).isNull();
        Instant t = Instant.parse("2025-01-02T03:04:05.123456Z");
        store.addConversation("hi", "hello", t);
        store.add(MemoryDraft.of(NOTE, "n1", t.plusSeconds(5)));
        store.add(MemoryDraft.of(NOTE, "n2", t.minusSeconds(5)));

        MemoryStats stats = store.stats();
        assertThat(stats.totalRecords()).isEqualTo(3);
        assertThat(stats.conversationRecords()).isEqualTo(1);
        assertThat(stats.recordsByType()).isEqualTo(Map.of("conversation", 1L, "note", 2L));
        assertThat(stats.oldestRecordTime()).isEqualTo(t.minusSeconds(5));
        assertThat(stats.latestRecordTime()).isEqualTo(t.plusSeconds(5));
        assertThat(stats.dimension()).isEqualTo(64);
        assertThat(stats.embeddingModel()).isEqualTo("test-words");
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsWritten() {
        CassandraMemoryStore store = memory.store(StoreFixture.freshName("bad"));
        MemoryDraft good = MemoryDraft.of(NOTE, "fine text", null);

        assertThatThrownBy(() -> store.addAll(List.of(good, MemoryDraft.of(NOTE, "  ", null))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> store.addAll(List.of(good, MemoryDraft.of(NOTE, "y".repeat(20_001), null))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("20001 characters");
        assertThatThrownBy(() -> store.addAllWithVectors(List.of(good, good), List.of(new float[64], new float[64])))
                .isInstanceOf(InvalidVectorException.class);
        assertThatThrownBy(() -> store.addAllWithVectors(List.of(good), List.of(new float[63])))
                .isInstanceOf(DimensionMismatchException.class);
        assertThatThrownBy(() -> store.search(new float[65], SearchRequest.defaults()))
                .isInstanceOf(DimensionMismatchException.class);
        assertThatThrownBy(() -> memory.store("bad\u0000name")).isInstanceOf(InvalidNameException.class);
        Map<String, Object> tooMany = new TreeMap<>();
        for (int i = 0; i < 65; i++) {
            tooMany.put("k" + i, i);
        }
        assertThatThrownBy(() -> store.addAll(List.of(good, good.withMetadata(tooMany))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("65 entries")
                .hasMessageContaining("mnemo.metadata.max-entries");
        assertThatThrownBy(() -> store.addAll(List.of(good, good.withMetadata(Map.of("big", "z".repeat(16_382))))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.metadata.max-bytes")
                .hasMessageContaining("'big'");

        assertThat(store.stats().totalRecords()).isZero();
    }

    @Test
    void aDefaultTtlGivesNewRecordsATimeToLive(CassandraNode node) {
        CassandraConfig withTtl = StoreFixture.config(node, StoreFixture.KEYSPACE).defaultTtl(Duration.ofDays(1)).build();
        try (CassandraMemory expiring = CassandraMemory.open(withTtl, StoreFixture.MODEL)) {
            CassandraMemoryStore store = expiring.store(StoreFixture.freshName("ttl"));
            MemoryRecord r = store.add(MemoryDraft.of(NOTE, "gone tomorrow", null));
            int ttl = expiring.session().execute(SimpleStatement.newInstance("SELECT TTL(text) FROM "
                    + StoreFixture.KEYSPACE + ".memory_record WHERE store = ? AND id = ?", store.name(), r.id()))
                    .one().getInt(0);
            assertThat(ttl).isBetween(86_400 - 600, 86_400);
        }
        CassandraMemoryStore kept = memory.store(StoreFixture.freshName("no-ttl"));
        MemoryRecord r = kept.add(MemoryDraft.of(NOTE, "kept until deleted", null));
        assertThat(memory.session().execute(SimpleStatement.newInstance("SELECT TTL(text) FROM "
                + StoreFixture.KEYSPACE + ".memory_record WHERE store = ? AND id = ?", kept.name(), r.id()))
                .one().isNull(0)).isTrue();
    }

    @Test
    void precomputedVectorsAreStoredAndSearchable() {
        CassandraMemoryStore store = memory.store(StoreFixture.freshName("vectors"));
        float[] a = new float[64];
        float[] b = new float[64];
        a[3] = 2;   // not unit length: the store normalises
        b[4] = 1;
        List<MemoryRecord> added = store.addAllWithVectors(List.of(MemoryDraft.of(NOTE, "a", null),
                MemoryDraft.of(NOTE, "b", null)), List.of(a, b));

        float[] query = new float[64];
        query[3] = 1;
        query[4] = 0.5f;
        List<MemoryHit> hits = store.search(query, SearchRequest.builder().k(2).recencyWeight(0).build());
        assertThat(hits).extracting(h -> h.record().id()).containsExactly(added.get(0).id(), added.get(1).id());
        assertThat(hits.get(0).similarity()).isCloseTo(1 / Math.sqrt(1.25), within(1e-5));
        assertThat(added.get(0).createdAt()).isEqualTo(added.get(0).createdAt().truncatedTo(ChronoUnit.MICROS));
    }
}
