package dev.mnemo.core.internal.db;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.core.store.VerifyReport;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema migration 4 on a store written by the version-3 schema: the keyword leg is filled in Java on open. */
class KeywordMigrationTest {
    private static final int RECORDS = 1_234; // more than one backfill page
    private final HashingEmbeddingModel model = new HashingEmbeddingModel(TestStores.DIMENSION);

    @TempDir
    Path dataDir;

    @Test
    void openingAVersion3StoreFillsTheKeywordLegWithProgress() throws Exception {
        Path file = dataDir.resolve("memory/Kafka/Kafka_memory.db");
        Files.createDirectories(file.getParent());
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.setAutoCommit(false);
            Schema.migrate(c, 3);
            for (int i = 0; i < RECORDS; i++) {
                insertV3Row(c, i == 700 ? "长城上的日出 and a lighthouse" : "ordinary memory number " + i);
            }
            c.commit();
            assertThat(tables(c)).doesNotContain("memory_fts");
        }

        List<long[]> progress = new ArrayList<>();
        try (MemoryService service = MemoryService.builder(TestStores.config(dataDir, "exact").build())
                .embeddingModel(model).progress((task, done, total) -> progress.add(new long[] {done, total})).build()) {
            MemoryStore store = service.character("Kafka");
            assertThat(progress).isNotEmpty();
            assertThat(progress.get(0)).containsExactly(0, RECORDS);
            assertThat(progress.get(progress.size() - 1)).containsExactly(RECORDS, RECORDS);

            List<MemoryHit> hits = store.search("长城 lighthouse", SearchRequest.builder().mode(SearchMode.KEYWORD).build());
            assertThat(hits).extracting(h -> h.record().text()).containsExactly("长城上的日出 and a lighthouse");
            VerifyReport report = store.verify();
            assertThat(report.consistent()).isTrue();
            assertThat(report.keywordRows()).isEqualTo(RECORDS);
            store.add(MemoryDraft.of(RecordType.of("note"), "a lighthouse keeper", null));
            assertThat(store.search("lighthouse", SearchRequest.builder().mode(SearchMode.KEYWORD).build())).hasSize(2);
        }
        progress.clear();
        try (MemoryService service = MemoryService.builder(TestStores.config(dataDir, "exact").build())
                .embeddingModel(model).progress((task, done, total) -> progress.add(new long[] {done, total})).build()) {
            service.character("Kafka");
            assertThat(progress).as("a filled store is not filled again").isEmpty();
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             var rs = c.createStatement().executeQuery("SELECT MAX(version) FROM schema_version")) {
            assertThat(rs.getInt(1)).isEqualTo(Schema.latestVersion());
        }
    }

    @Test
    void restoringAVersion3BackupMigratesItAndFillsTheKeywordLeg() throws Exception {
        Path backup = dataDir.resolve("v3-backup.db");
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + backup)) {
            c.setAutoCommit(false);
            Schema.migrate(c, 3);
            StoreMeta.put(c, StoreMeta.EMBEDDING_MODEL, model.name());
            StoreMeta.put(c, StoreMeta.DIMENSION, String.valueOf(model.dimension()));
            insertV3Row(c, "a lighthouse on the cliff");
            insertV3Row(c, "灯塔在悬崖上");
            c.commit();
        }
        try (MemoryService service = MemoryService.builder(TestStores.config(dataDir, "exact").build())
                .embeddingModel(model).build()) {
            MemoryStore store = service.character("Kafka");
            store.add(MemoryDraft.of(RecordType.of("note"), "replaced by the restore", null));
            store.restore(backup);
            SearchRequest keyword = SearchRequest.builder().mode(SearchMode.KEYWORD).build();
            assertThat(store.search("灯塔", keyword)).extracting(h -> h.record().text()).containsExactly("灯塔在悬崖上");
            assertThat(store.search("lighthouse", keyword)).hasSize(1);
            assertThat(store.search("replaced", keyword)).isEmpty();
            assertThat(store.verify().consistent()).isTrue();
        }
    }

    private void insertV3Row(Connection c, String text) throws SQLException {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memory_record (character_name, text, timestamp,"
                + " record_type, created_at, updated_at) VALUES ('Kafka', ?, '2024-11-01 12:00:00.000000', 'note',"
                + " '2024-11-01 12:00:00.000000', '2024-11-01 12:00:00.000000') RETURNING id")) {
            ps.setString(1, text);
            try (var rs = ps.executeQuery()) {
                id = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memory_vector (record_id, vector) VALUES (?, ?)")) {
            ps.setLong(1, id);
            ps.setBytes(2, VectorCodec.encode(model.vector(text)));
            ps.executeUpdate();
        }
    }

    private static List<String> tables(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var rs = c.createStatement().executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
