package dev.mnemo.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordNotFoundException;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.cassandra.node.CassandraNode;
import dev.mnemo.cassandra.node.CassandraNodeExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@Tag("cassandra")
@ExtendWith(CassandraNodeExtension.class)
class CassandraUpdateTest {
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
    void updateReplacesContentAndMetadataAndReEmbedsANewText() {
        CassandraMemoryStore store = memory.store(StoreFixture.freshName("update"));
        Instant when = Instant.parse("2025-02-03T04:05:06.000007Z");
        MemoryRecord original = store.add(MemoryDraft.of(NOTE, "the red kite circles the valley", when)
                .withMetadata(Map.of("user_id", "u1", "importance", 2)));
        store.add(MemoryDraft.of(NOTE, "a blue heron waits by the river", null));

        MemoryRecord updated = store.update(original.id(), MemoryDraft.of(SUMMARY, "snow falls on the mountain pass", null)
                .withMetadata(Map.of("importance", 5.5, "done", true)));

        assertThat(updated.id()).isEqualTo(original.id());
        assertThat(updated.timestamp()).isEqualTo(when); // a null timestamp keeps the record's
        assertThat(updated.createdAt()).isEqualTo(original.createdAt());
        assertThat(updated.updatedAt()).isAfterOrEqualTo(original.updatedAt());
        assertThat(updated.type()).isEqualTo(SUMMARY);
        assertThat(updated.metadata()).isEqualTo(Map.of("importance", 5.5, "done", true));
        assertThat(store.get(original.id())).contains(updated);

        List<MemoryHit> hits = store.search("snow falls on the mountain pass",
                SearchRequest.builder().k(1).recencyWeight(0).build());
        assertThat(hits.get(0).record()).isEqualTo(updated);
        assertThat(hits.get(0).similarity()).isGreaterThan(0.999);
        // the old metadata is gone from the index, the new one is in it
        assertThat(store.search("snow", SearchRequest.builder().metadata(MetadataFilter.eq("user_id", "u1")).build()))
                .isEmpty();
        assertThat(store.search("snow", SearchRequest.builder().metadata(MetadataFilter.gt("importance", 5)).build()))
                .extracting(h -> h.record().id()).containsExactly(original.id());
        assertThat(store.stats().recordsByType()).isEqualTo(Map.of("note", 1L, "summary", 1L));
    }

    @Test
    void updateWithTheSameTextKeepsTheVectorAndCanSetATimestamp() {
        CassandraMemoryStore store = memory.store(StoreFixture.freshName("update-same"));
        MemoryRecord original = store.add(MemoryDraft.of(NOTE, "unchanged words", null).withMetadata(Map.of("a", 1)));
        Instant later = Instant.parse("2030-01-01T00:00:00Z");

        MemoryRecord updated = store.update(original.id(), MemoryDraft.of(NOTE, "unchanged words", later));

        assertThat(updated.timestamp()).isEqualTo(later);
        assertThat(updated.metadata()).isEmpty();
        assertThat(store.get(original.id())).contains(updated);
        assertThat(store.search("unchanged words", SearchRequest.builder().k(1).recencyWeight(0).build()).get(0)
                .similarity()).isGreaterThan(0.999);
    }

    @Test
    void updateOfAMissingOrDeletedRecordFailsAndBringsNothingBack() {
        CassandraMemoryStore store = memory.store(StoreFixture.freshName("update-gone"));
        MemoryRecord r = store.add(MemoryDraft.of(NOTE, "short lived", null));
        store.delete(r.id());

        assertThatThrownBy(() -> store.update(r.id(), MemoryDraft.of(NOTE, "back again?", null)))
                .isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> store.update(42L, MemoryDraft.of(NOTE, "never was", null)))
                .isInstanceOf(RecordNotFoundException.class);
        assertThatThrownBy(() -> store.update(r.id(), MemoryDraft.of(NOTE, " ", null)))
                .isInstanceOf(InvalidInputException.class);
        assertThat(store.get(r.id())).isEmpty();
        assertThat(store.stats().totalRecords()).isZero();
    }

    @Test
    void updateKeepsTheRecordsTimeToLive(CassandraNode node) {
        CassandraConfig withTtl = StoreFixture.config(node, StoreFixture.KEYSPACE).defaultTtl(Duration.ofDays(1)).build();
        try (CassandraMemory expiring = CassandraMemory.open(withTtl, StoreFixture.MODEL)) {
            CassandraMemoryStore store = expiring.store(StoreFixture.freshName("update-ttl"));
            MemoryRecord r = store.add(MemoryDraft.of(NOTE, "gone tomorrow", null));
            store.update(r.id(), MemoryDraft.of(NOTE, "still gone tomorrow", null).withMetadata(Map.of("k", "v")));
            // the columns the update wrote and one it did not expire together
            for (String column : List.of("text", "updated_at", "created_at")) {
                int seconds = expiring.session().execute(SimpleStatement.newInstance("SELECT TTL(" + column + ") FROM "
                        + StoreFixture.KEYSPACE + ".memory_record WHERE store = ? AND id = ?", store.name(), r.id()))
                        .one().getInt(0);
                assertThat(seconds).as(column).isBetween(86_400 - 600, 86_400);
            }
        }
    }
}
