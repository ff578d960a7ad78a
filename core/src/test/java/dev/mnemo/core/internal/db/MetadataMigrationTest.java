package dev.mnemo.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema migration 6 on a store written by the version-5 schema: its records gain empty metadata. */
class MetadataMigrationTest {
    private final HashingEmbeddingModel model = new HashingEmbeddingModel(TestStores.DIMENSION);

    @TempDir
    Path dataDir;

    @Test
    void openingAVersion5StoreAddsTheMetadataTableAndKeepsItsRecords() throws Exception {
        Path file = dataDir.resolve("memory/Kafka/Kafka_memory.db");
        Files.createDirectories(file.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            Schema.migrate(c, 5);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO memory_record (character_name, text, timestamp,"
                    + " record_type, created_at, updated_at) VALUES ('Kafka', 'an old memory', '2024-11-01 12:00:00.000000',"
                    + " 'note', '2024-11-01 12:00:00.000000', '2024-11-01 12:00:00.000000') RETURNING id");
                 ResultSet rs = ps.executeQuery()) {
                long id = rs.getLong(1);
                try (PreparedStatement v = c.prepareStatement("INSERT INTO memory_vector (record_id, vector) VALUES (?, ?)")) {
                    v.setLong(1, id);
                    v.setBytes(2, VectorCodec.encode(model.vector("an old memory")));
                    v.executeUpdate();
                }
            }
            c.commit();
        }

        try (MemoryService service = MemoryService.builder(TestStores.config(dataDir, "exact").build())
                .embeddingModel(model).build()) {
            MemoryStore store = service.character("Kafka");
            MemoryRecord old = store.scan(0, 10).get(0);
            assertThat(old.metadata()).isEmpty();
            store.update(old.id(), MemoryDraft.of(RecordType.of("note"), old.text(), null)
                    .withMetadata(Map.of("era", "before")));
            assertThat(store.search("old memory", SearchRequest.builder()
                    .metadata(MetadataFilter.eq("era", "before")).build()))
                    .extracting(h -> h.record().id()).containsExactly(old.id());
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             ResultSet rs = c.createStatement().executeQuery("SELECT MAX(version) FROM schema_version")) {
            assertThat(rs.getInt(1)).isEqualTo(Schema.latestVersion());
        }
    }
}
