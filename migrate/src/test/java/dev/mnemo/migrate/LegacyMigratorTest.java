package dev.mnemo.migrate;

import static dev.mnemo.migrate.LegacyTestFiles.unitVectors;
import static dev.mnemo.migrate.LegacyTestFiles.writeFlatL2;
import static dev.mnemo.migrate.LegacyTestFiles.writeJson;
import static dev.mnemo.migrate.LegacyTestFiles.writeTextsPickle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mnemo.api.Availability;
import dev.mnemo.api.CorruptFileException;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.MnemoException;
import dev.mnemo.api.ModelMismatchException;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.embedding.EmbeddingUnavailableException;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorIndexProvider;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.internal.db.VectorCodec;
import dev.mnemo.core.index.ExactIndexProvider;
import dev.mnemo.core.provider.VectorBackends;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.SharedFixtures;
import dev.mnemo.testkit.TestStores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacyMigratorTest {
    private static final int LEGACY_DIM = 1024;
    private static final int DIM = 8;

    @TempDir
    Path tmp;
    private final LegacyReader reader = new LegacyReader(new LegacyTimestamps(ZoneOffset.UTC));

    // ---- the shared fixture

    @Test
    void migratesEveryFixtureFolderWithTheManifestsRowCounts() throws IOException, SQLException {
        SharedFixtures.copyLegacySmall(tmp.resolve("fixture"));
        Path data = tmp.resolve("fixture/data");
        JsonNode manifest = new ObjectMapper().readTree(tmp.resolve("fixture/MANIFEST.json").toFile());
        LegacyScan scan = new LegacyScanner(data).scan();

        try (MemoryService service = service(data, "exact", new HashingEmbeddingModel("bge-m3-standin", LEGACY_DIM))) {
            LegacyMigrator migrator = new LegacyMigrator(service, reader);
            for (LegacyFolder folder : scan.folders()) {
                LegacyFolderPlan plan = reader.plan(folder);
                List<Path> legacyFiles = plan.filesRead();
                Map<String, byte[]> originals = new HashMap<>();
                for (Path file : legacyFiles) {
                    originals.put(file.getFileName().toString(), Files.readAllBytes(file));
                }

                MigrationResult result = migrator.migrate(folder, MigrationOptions.defaults());

                int expected = manifest.get(folder.relativeName()).get("expected_rows").asInt();
                assertThat(result.outcome()).isEqualTo(MigrationOutcome.MIGRATED);
                assertThat(result.imported()).as(folder.relativeName()).isEqualTo(expected);
                assertThat(result.recordsAfter()).isEqualTo(expected);
                assertThat(result.embedded()).isEqualTo(plan.rowsNeedingEmbedding());
                MemoryStore store = store(service, folder);
                assertThat(store.stats().totalRecords()).isEqualTo(expected);
                assertThat(store.verify().consistent()).isTrue();
                // legacy files: gone from the folder, byte-identical in the backup
                for (Path file : legacyFiles) {
                    assertThat(file).doesNotExist();
                    Path backup = folder.backupDirectory().resolve(file.getFileName());
                    assertThat(Files.readAllBytes(backup)).isEqualTo(originals.get(file.getFileName().toString()));
                }
                assertThat(folder.migrationJournal()).doesNotExist();
                assertStoredVectorsAreBitForBit(folder, plan);
                assertStoredVectorFindsItsRowFirst(store, plan);
            }

            // running again changes nothing and says so
            for (LegacyFolder folder : scan.folders()) {
                long before = store(service, folder).stats().totalRecords();
                MigrationResult again = migrator.migrate(folder, MigrationOptions.defaults());
                assertThat(again.outcome()).isEqualTo(MigrationOutcome.NOTHING_TO_DO);
                assertThat(again.changedSomething()).isFalse();
                assertThat(again.summary()).contains("nothing changed");
                assertThat(store(service, folder).stats().totalRecords()).isEqualTo(before);
            }
        }
    }

    @Test
    void aDryRunReportsAndWritesNothing() throws IOException {
        Path data = tmp.resolve("data");
        LegacyFolder folder = gen2AndGen1Folder(data, "银狼");
        List<Path> before = listTree(data);

        try (MemoryService service = service(data, "exact", new HashingEmbeddingModel(DIM))) {
            MigrationResult result = new LegacyMigrator(service, reader).migrate(folder,
                    MigrationOptions.defaults().asDryRun());

            assertThat(result.outcome()).isEqualTo(MigrationOutcome.DRY_RUN);
            assertThat(result.changedSomething()).isFalse();
            assertThat(result.plan().rows()).hasSize(4);
            assertThat(result.embedded()).isEqualTo(1);
            assertThat(result.movedFiles()).hasSize(4)
                    .allSatisfy(p -> assertThat(p.getParent()).isEqualTo(folder.backupDirectory()));
            assertThat(result.summary()).startsWith("memory/银狼: would import 4 rows (3 with stored vectors, 1 to embed");
        }
        assertThat(listTree(data)).isEqualTo(before);
        assertThat(folder.database()).doesNotExist();
    }

    // ---- refusing before writing

    @Test
    void aModelOfAnotherDimensionIsRefusedBeforeAnythingIsWrittenUnlessReembedding() throws IOException {
        Path data = tmp.resolve("data");
        LegacyFolder folder = gen2AndGen1Folder(data, "Kafka");
        List<Path> before = listTree(data);
        HashingEmbeddingModel model = new HashingEmbeddingModel(DIM * 2);

        try (MemoryService service = service(data, "exact", model)) {
            LegacyMigrator migrator = new LegacyMigrator(service, reader);
            assertThatThrownBy(() -> migrator.migrate(folder, MigrationOptions.defaults()))
                    .isInstanceOf(ModelMismatchException.class)
                    .hasMessageContaining("legacy FAISS vectors have 8 dimensions")
                    .hasMessageContaining("has 16")
                    .hasMessageContaining("BAAI/bge-m3")
                    .hasMessageContaining("--reembed");
            assertThat(listTree(data)).isEqualTo(before);
            assertThat(model.calls()).isZero();

            MigrationResult result = migrator.migrate(folder, MigrationOptions.defaults().withReembed());

            assertThat(result.outcome()).isEqualTo(MigrationOutcome.MIGRATED);
            assertThat(result.embedded()).isEqualTo(4);
            assertThat(model.textsEmbedded()).isEqualTo(4);
            List<MemoryHit> hits = store(service, folder).search("a0", SearchRequest.builder().k(4).build());
            assertThat(hits).extracting(h -> h.record().vectorIndex()).contains(0L, 1L, 2L);
        }
    }

    @Test
    void aFailedEmbeddingWritesNothing() throws IOException {
        Path data = tmp.resolve("data");
        LegacyFolder folder = gen2AndGen1Folder(data, "NoNet");
        List<Path> before = listTree(data);
        EmbeddingModel broken = new EmbeddingModel() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public int dimension() {
                return DIM;
            }

            @Override
            public List<float[]> embed(List<String> texts) {
                throw new EmbeddingUnavailableException("no network in this test", null);
            }
        };

        try (MemoryService service = service(data, "exact", broken)) {
            assertThatThrownBy(() -> new LegacyMigrator(service, reader).migrate(folder, MigrationOptions.defaults()))
                    .isInstanceOf(EmbeddingUnavailableException.class);
        }
        assertThat(listTree(data)).isEqualTo(before);
    }

    @Test
    void aCorruptFileWritesNothing() throws IOException {
        Path data = tmp.resolve("data");
        LegacyFolder folder = gen2AndGen1Folder(data, "Broken");
        Files.writeString(folder.metadataJson(), "[{\"text\":");
        List<Path> before = listTree(data);

        try (MemoryService service = service(data, "exact", new HashingEmbeddingModel(DIM))) {
            assertThatThrownBy(() -> new LegacyMigrator(service, reader).migrate(folder, MigrationOptions.defaults()))
                    .isInstanceOf(CorruptFileException.class).hasMessageContaining("Broken_metadata.json");
        }
        assertThat(listTree(data)).isEqualTo(before);
    }

    @Test
    void aBlankLegacyTextIsNamedByPositionAndNothingIsWritten() throws IOException {
        Path data = tmp.resolve("data");
        LegacyFolder folder = new LegacyScanner(data).folder(LegacyKind.CHARACTER, "Blank");
        writeJson(folder.memoryJson(), List.of(Map.of("user", "u", "assistant", "a", "timestamp", 1.0),
                Map.of("user", "u", "assistant", "  ", "timestamp", 2.0, "type", "story")));
        List<Path> before = listTree(data);

        try (MemoryService service = service(data, "exact", new HashingEmbeddingModel(DIM))) {
            assertThatThrownBy(() -> new LegacyMigrator(service, reader).migrate(folder, MigrationOptions.defaults()))
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("entry 1 of the memory json has an empty text");
        }
        assertThat(listTree(data)).isEqualTo(before);
    }

    @Test
    void refusesAFolderOutsideTheServicesDataDirectory() throws IOException {
        LegacyFolder folder = gen2AndGen1Folder(tmp.resolve("elsewhere"), "Kafka");

        try (MemoryService service = service(tmp.resolve("data"), "exact", new HashingEmbeddingModel(DIM))) {
            assertThatThrownBy(() -> new LegacyMigrator(service, reader).migrate(folder, MigrationOptions.defaults()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("not under the service's data");
        }
    }

    // ---- the legacy index and a store that writes an index of the same name

    @Test
    void theLegacyIndexSurvivesAStoreThatWritesFaissIndexUnderTheSameName() throws IOException {
        Path data = tmp.resolve("data");
        LegacyFolder folder = gen2AndGen1Folder(data, "March_7th");
        byte[] legacyIndex = Files.readAllBytes(folder.faissIndex());

        try (MemoryService service = service(data, namedFaiss(), new HashingEmbeddingModel(DIM))) {
            MigrationResult result = new LegacyMigrator(service, reader).migrate(folder, MigrationOptions.defaults());

            assertThat(result.outcome()).isEqualTo(MigrationOutcome.MIGRATED);
            assertThat(Files.readAllBytes(folder.backupDirectory().resolve("March_7th_faiss.index"))).isEqualTo(legacyIndex);
            assertThat(folder.parkedFaissIndex()).doesNotExist();
        }
        // the store's own index now sits under the legacy name and is not taken for a legacy file
        assertThat(Files.readAllBytes(folder.faissIndex())).startsWith("MNEMOIDX".getBytes(StandardCharsets.US_ASCII));
        assertThat(new LegacyScanner(data).find(LegacyKind.CHARACTER, "March_7th")).isEmpty();
    }

    @Test
    void aFailedImportPutsTheParkedLegacyIndexBack() throws IOException {
        Path data = tmp.resolve("data");
        LegacyFolder folder = gen2AndGen1Folder(data, "Nul");
        // a NUL inside a text passes the reader but the store refuses it, inside addAllWithVectors
        writeJson(folder.memoryJson(), List.of(Map.of("user", "u\u0000", "assistant", "a", "timestamp", 9.0)));
        byte[] legacyIndex = Files.readAllBytes(folder.faissIndex());

        try (MemoryService service = service(data, namedFaiss(), new HashingEmbeddingModel(DIM))) {
            assertThatThrownBy(() -> new LegacyMigrator(service, reader).migrate(folder, MigrationOptions.defaults()))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("NUL");
        }
        assertThat(Files.readAllBytes(folder.faissIndex())).isEqualTo(legacyIndex);
        assertThat(folder.parkedFaissIndex()).doesNotExist();
        assertThat(folder.migrationJournal()).doesNotExist();
        assertThat(folder.backupDirectory()).doesNotExist();
        assertThat(folder.memoryJson()).exists();
    }

    // ---- re-runs and interrupted runs

    @Test
    void legacyFilesPutBackAfterAMigrationAreNotImportedTwice() throws IOException {
        Path data = tmp.resolve("data");
        LegacyFolder folder = gen2AndGen1Folder(data, "Twice");
        try (MemoryService service = service(data, "exact", new HashingEmbeddingModel(DIM))) {
            LegacyMigrator migrator = new LegacyMigrator(service, reader);
            migrator.migrate(folder, MigrationOptions.defaults());
            copyBackupsBack(folder);

            MigrationResult again = migrator.migrate(folder, MigrationOptions.defaults());

            assertThat(again.outcome()).isEqualTo(MigrationOutcome.ALREADY_MIGRATED);
            assertThat(store(service, folder).stats().totalRecords()).isEqualTo(4);
            assertThat(folder.memoryJson()).exists();
        }
    }

    @Test
    void aRunThatCommittedButDidNotMoveTheFilesIsFinishedNotRepeated() throws IOException {
        Path data = tmp.resolve("data");
        LegacyFolder folder = gen2AndGen1Folder(data, "Crashed");
        try (MemoryService service = service(data, "exact", new HashingEmbeddingModel(DIM))) {
            LegacyMigrator migrator = new LegacyMigrator(service, reader);
            migrator.migrate(folder, MigrationOptions.defaults());
            // the state a crash between commit and file move leaves behind
            copyBackupsBack(folder);
            new MigrationJournal(4, 0).write(folder);

            MigrationResult resumed = migrator.migrate(folder, MigrationOptions.defaults());

            assertThat(resumed.outcome()).isEqualTo(MigrationOutcome.RESUMED);
            assertThat(store(service, folder).stats().totalRecords()).isEqualTo(4);
            assertThat(folder.memoryJson()).doesNotExist();
            assertThat(folder.migrationJournal()).doesNotExist();
            assertThat(migrator.migrate(folder, MigrationOptions.defaults()).outcome())
                    .isEqualTo(MigrationOutcome.NOTHING_TO_DO);
        }
    }

    @Test
    void aRunThatStoppedBeforeCommittingIsRedone() throws IOException {
        Path data = tmp.resolve("data");
        LegacyFolder folder = gen2AndGen1Folder(data, "Early");
        new MigrationJournal(4, 0).write(folder);
        try (MemoryService service = service(data, "exact", new HashingEmbeddingModel(DIM))) {
            MigrationResult result = new LegacyMigrator(service, reader).migrate(folder, MigrationOptions.defaults());

            assertThat(result.outcome()).isEqualTo(MigrationOutcome.MIGRATED);
            assertThat(result.notes()).contains("an earlier run had stopped before committing; imported again");
            assertThat(store(service, folder).stats().totalRecords()).isEqualTo(4);
        }
    }

    @Test
    void aRunThatStoppedBeforeCommittingIsRedoneWithAFaissNamedStoreIndex() throws IOException {
        Path data = tmp.resolve("data");
        LegacyFolder folder = gen2AndGen1Folder(data, "EarlyFaiss");
        byte[] legacyIndex = Files.readAllBytes(folder.faissIndex());
        new MigrationJournal(4, 0).write(folder);
        try (MemoryService service = service(data, namedFaiss(), new HashingEmbeddingModel(DIM))) {
            MigrationResult result = new LegacyMigrator(service, reader).migrate(folder, MigrationOptions.defaults());

            assertThat(result.outcome()).isEqualTo(MigrationOutcome.MIGRATED);
            assertThat(store(service, folder).stats().totalRecords()).isEqualTo(4);
        }
        assertThat(Files.readAllBytes(folder.backupDirectory().resolve("EarlyFaiss_faiss.index"))).isEqualTo(legacyIndex);
        assertThat(folder.parkedFaissIndex()).doesNotExist();
    }

    @Test
    void aJournalThatFitsNeitherStateStopsTheRun() throws IOException {
        Path data = tmp.resolve("data");
        LegacyFolder folder = gen2AndGen1Folder(data, "Odd");
        new MigrationJournal(4, 7).write(folder);
        try (MemoryService service = service(data, "exact", new HashingEmbeddingModel(DIM))) {
            assertThatThrownBy(() -> new LegacyMigrator(service, reader).migrate(folder, MigrationOptions.defaults()))
                    .isInstanceOf(MnemoException.class)
                    .hasMessageContaining("cannot tell whether the interrupted migration of memory/Odd committed");
            assertThat(store(service, folder).stats().totalRecords()).isZero();
        }
        assertThat(folder.memoryJson()).exists();
    }

    @Test
    void migratesIntoAStoreThatAlreadyHasRecords() throws IOException {
        Path data = tmp.resolve("data");
        LegacyFolder folder = gen2AndGen1Folder(data, "存档_二", LegacyKind.STORY);
        try (MemoryService service = service(data, "exact", new HashingEmbeddingModel(DIM))) {
            service.story("存档_二").addConversation("new", "store", null);

            MigrationResult result = new LegacyMigrator(service, reader).migrate(folder, MigrationOptions.defaults());

            assertThat(result.recordsBefore()).isEqualTo(1);
            assertThat(result.recordsAfter()).isEqualTo(5);
            assertThat(folder.database().getFileName().toString()).isEqualTo("存档_二_memory.db");
            assertThat(folder.database()).exists();
        }
    }

    // ---- helpers

    /** Three FAISS rows (one also in the JSON file, written with another time format) and one JSON-only row. */
    private static LegacyFolder gen2AndGen1Folder(Path data, String name) {
        return gen2AndGen1Folder(data, name, LegacyKind.CHARACTER);
    }

    private static LegacyFolder gen2AndGen1Folder(Path data, String name, LegacyKind kind) {
        LegacyFolder folder = new LegacyScanner(data).folder(kind, name);
        writeFlatL2(folder.faissIndex(), unitVectors(3, DIM), DIM);
        writeJson(folder.metadataJson(), List.of(
                Map.of("text", "用户: u0\n助手: a0", "timestamp", "2024-11-01 10:00:00.000001", "type", "conversation",
                        "user_message", "u0", "assistant_message", "a0"),
                Map.of("text", "a note", "timestamp", 1730455200.5, "type", "note"),
                Map.of("text", "用户: u2\n助手: a2", "timestamp", "2024-11-01T11:00:00", "type", "conversation",
                        "user_message", "u2", "assistant_message", "a2")));
        writeTextsPickle(folder.textsPickle(), List.of("用户: u0\n助手: a0", "a note", "用户: u2\n助手: a2"));
        writeJson(folder.memoryJson(), List.of(
                Map.of("user", "u0", "assistant", "a0", "timestamp", 1730455200.000001),
                Map.of("user", "only", "assistant", "in json", "timestamp", "2024-11-02 00:00:00")));
        return folder;
    }

    private static MemoryService service(Path data, String backend, EmbeddingModel model) {
        return MemoryService.builder(TestStores.config(data, backend).build()).embeddingModel(model).build();
    }

    /** A backend named "faiss" (the exact index under another name): its file is {@code <name>_faiss.index}. */
    private static MemoryService service(Path data, VectorIndexProvider provider, EmbeddingModel model) {
        MnemoConfig config = TestStores.config(data, provider.name()).build();
        return MemoryService.builder(config).backends(VectorBackends.of(provider)).embeddingModel(model).build();
    }

    private static VectorIndexProvider namedFaiss() {
        ExactIndexProvider exact = new ExactIndexProvider();
        return new VectorIndexProvider() {
            @Override
            public String name() {
                return "faiss";
            }

            @Override
            public Availability availability() {
                return exact.availability();
            }

            @Override
            public VectorIndex create(IndexSpec spec) {
                return exact.create(spec);
            }

            @Override
            public VectorIndex load(Path file, IndexSpec spec) {
                return exact.load(file, spec);
            }
        };
    }

    private static MemoryStore store(MemoryService service, LegacyFolder folder) {
        return folder.kind() == LegacyKind.CHARACTER ? service.character(folder.name()) : service.story(folder.name());
    }

    private static void assertStoredVectorsAreBitForBit(LegacyFolder folder, LegacyFolderPlan plan) {
        Map<Long, float[]> planned = new HashMap<>();
        plan.rows().stream().filter(LegacyRow::hasVector).forEach(r -> planned.put(r.vectorIndex(), r.vector()));
        Map<Long, float[]> stored = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + folder.database());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT r.vector_index, v.vector FROM memory_record r"
                     + " JOIN memory_vector v ON v.record_id = r.id WHERE r.vector_index IS NOT NULL")) {
            while (rs.next()) {
                stored.put(rs.getLong(1), VectorCodec.decode(rs.getBytes(2)));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
        assertThat(stored.keySet()).isEqualTo(planned.keySet());
        planned.forEach((position, vector) -> assertThat(LegacyTestFiles.hex(stored.get(position)))
                .as("%s position %d", folder.name(), position).isEqualTo(LegacyTestFiles.hex(vector)));
    }

    private static void assertStoredVectorFindsItsRowFirst(MemoryStore store, LegacyFolderPlan plan) {
        SearchRequest top1 = SearchRequest.builder().k(1).recencyWeight(0).build();
        plan.rows().stream().filter(LegacyRow::hasVector).limit(5).forEach(row -> {
            List<MemoryHit> hits = store.search(row.vector(), top1);
            MemoryRecord hit = hits.get(0).record();
            assertThat(hit.vectorIndex()).isEqualTo(row.vectorIndex());
            assertThat(hit.text()).isEqualTo(row.text());
            assertThat(hit.timestamp()).isEqualTo(row.timestamp());
            assertThat(hit.type()).isEqualTo(row.type());
        });
    }

    private static void copyBackupsBack(LegacyFolder folder) throws IOException {
        try (Stream<Path> files = Files.list(folder.backupDirectory())) {
            for (Path f : files.toList()) {
                Files.copy(f, folder.directory().resolve(f.getFileName()));
            }
        }
    }

    private static List<Path> listTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.sorted().toList();
        }
    }
}
