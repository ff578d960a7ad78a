package dev.mnemo.cassandra;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.api.vector.Vectors;
import dev.mnemo.cassandra.node.CassandraNode;
import dev.mnemo.cassandra.node.CassandraNodeExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A keyspace made by the first preview (no metadata columns) gets them when opened, and keeps its records. */
@Tag("cassandra")
@ExtendWith(CassandraNodeExtension.class)
class PreviewKeyspaceUpgradeTest {
    private static final String KEYSPACE = "preview_one";

    @Test
    void openingAddsTheMetadataColumnsAndKeepsOldRecords(CassandraNode node) {
        // the first preview stored unit vectors too
        float[] vector = Vectors.normalized(StoreFixture.MODEL.embed(List.of("an old memory")).get(0), "old vector");
        try (CqlSession session = CqlSession.builder().addContactPoint(node.contactPoint())
                .withLocalDatacenter(CassandraNode.DATACENTER).build()) {
            ddl(session, "CREATE KEYSPACE " + KEYSPACE
                    + " WITH replication = {'class': 'SimpleStrategy', 'replication_factor': '1'}");
            // memory_record as the first preview created it
            ddl(session, "CREATE TABLE " + KEYSPACE + ".memory_record (store text, id bigint, text text,"
                    + " user_message text, assistant_message text, timestamp bigint, record_type text,"
                    + " vector_index bigint, similarity_score double, created_at bigint, updated_at bigint,"
                    + " vector vector<float, 64>, PRIMARY KEY ((store), id)) WITH CLUSTERING ORDER BY (id DESC)");
            session.execute("INSERT INTO " + KEYSPACE + ".memory_record (store, id, text, timestamp, record_type,"
                    + " created_at, updated_at, vector) VALUES ('kafka', 7, 'an old memory', 1000000, 'note', 1000000,"
                    + " 1000000, " + literal(vector) + ")");
        }

        CassandraConfig config = StoreFixture.config(node, KEYSPACE).build();
        try (CassandraMemory memory = CassandraMemory.open(config, StoreFixture.MODEL)) {
            CassandraMemoryStore store = memory.store("kafka");
            MemoryRecord old = store.get(7).orElseThrow();
            assertThat(old.text()).isEqualTo("an old memory");
            assertThat(old.metadata()).isEmpty();

            MemoryRecord tagged = store.add(MemoryDraft.of(new RecordType("note"), "a new memory", null)
                    .withMetadata(Map.of("user_id", "u1")));
            List<MemoryHit> hits = store.search("memory", SearchRequest.builder()
                    .metadata(MetadataFilter.eq("user_id", "u1")).build());
            assertThat(hits).extracting(h -> h.record().id()).containsExactly(tagged.id());
            assertThat(store.search("an old memory", SearchRequest.builder().k(1).recencyWeight(0).build()))
                    .extracting(h -> h.record().id()).containsExactly(7L);
            assertThat(store.search("memory", SearchRequest.builder()
                    .metadata(MetadataFilter.not(MetadataFilter.exists("user_id"))).build()))
                    .extracting(h -> h.record().id()).containsExactly(7L);
        }
    }

    private static void ddl(CqlSession session, String cql) {
        session.execute(SimpleStatement.newInstance(cql).setTimeout(Duration.ofSeconds(60)));
    }

    private static String literal(float[] v) {
        StringJoiner out = new StringJoiner(", ", "[", "]");
        for (float f : v) {
            out.add(Float.toString(f));
        }
        return out.toString();
    }
}
