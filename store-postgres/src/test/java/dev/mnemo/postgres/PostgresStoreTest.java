package dev.mnemo.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.MemoryStats;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.StorageException;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.monitor.OperationReport;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.core.store.VerifyReport;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What is particular to the postgres store kind: shared tables, server-side backups, its settings. */
@ExtendWith(PgServerExtension.class)
class PostgresStoreTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final PgServer server;
    private final String schema;
    private final HashingEmbeddingModel model = new HashingEmbeddingModel(TestStores.DIMENSION);
    @TempDir
    Path dataDir;
    private MemoryService service;
    private MemoryStore store;

    PostgresStoreTest(PgServer server) {
        this.server = server;
        this.schema = server.freshSchema();
    }

    private MnemoConfig.Builder config() {
        return PgTestConfig.postgres(TestStores.config(dataDir, "exact"), server, schema);
    }

    @BeforeEach
    void open() {
        service = MemoryService.builder(config().build()).embeddingModel(model).build();
        store = service.character("Kafka");
    }

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void backupAndRestoreOfOneStoreSayToUsePgDump() {
        store.add(MemoryDraft.of(RecordType.of("note"), "a record", T0));
        assertThatThrownBy(() -> store.backup(dataDir.resolve("kafka.db"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("pg_dump").hasMessageContaining(schema);
        assertThatThrownBy(() -> store.restore(dataDir.resolve("kafka.db"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("pg_dump");
        assertThat(dataDir.resolve("kafka.db")).doesNotExist();
        assertThat(store.stats().totalRecords()).isEqualTo(1);
    }

    @Test
    void statisticsNameTheServerAndSchemaNeverTheCredentials() {
        service.close();
        service = MemoryService.builder(config().set(PostgresSettings.URL, server.url() + "?password=secret1")
                .set(PostgresSettings.PASSWORD, "secret2").build()).embeddingModel(model).build();
        store = service.character("Kafka");
        store.addConversation("hi", "hello", T0);
        MemoryStats stats = store.stats();
        assertThat(service.storeKind()).isEqualTo("postgres");
        assertThat(stats.databasePath()).isNull();
        assertThat(stats.databaseSizeBytes()).isPositive();
        assertThat(store.databaseLocation()).contains("schema " + schema).contains("character Kafka")
                .doesNotContain("secret");
        assertThat(service.config().describe()).containsEntry(PostgresSettings.PASSWORD, "****");
        assertThat(new PostgresSettings(server.url(), "postgres", "secret2", schema, 4).toString())
                .doesNotContain("secret");
        store.compact(); // the server vacuums by itself: nothing to do, nothing fails
    }

    @Test
    void storesAreRowsOfSharedTablesNotTablesOfTheirOwn() throws Exception {
        for (int i = 0; i < 100; i++) {
            service.character("c" + i).add(MemoryDraft.of(RecordType.of("note"), "memory of character " + i, T0));
        }
        try (Connection c = server.connect(schema); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_tables WHERE schemaname = '" + schema + "'")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(10); // 9 of Mnemo's + schema_version
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mnemo_store")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(101);
            }
        }
        assertThat(service.characters()).hasSize(101).contains("Kafka", "c0", "c99");
        assertThat(service.character("c42").search("memory of character 42", SearchRequest.builder()
                .mode(SearchMode.VECTOR).recencyWeight(0).k(5).build()))
                .extracting(h -> h.record().text()).containsExactly("memory of character 42");
    }

    @Test
    void verifyNamesRecordsWhoseKeywordTermsDifferAndReindexRepairsThem() throws Exception {
        MemoryRecord a = store.add(MemoryDraft.of(RecordType.of("note"), "first keyword record", T0));
        MemoryRecord b = store.add(MemoryDraft.of(RecordType.of("note"), "second keyword record", T0));
        try (Connection c = server.connect(schema); Statement s = c.createStatement()) {
            s.execute("UPDATE memory_record SET keyword_terms = NULL, keyword_vector = NULL WHERE id = " + a.id());
            s.execute("UPDATE memory_record SET keyword_terms = 'other words',"
                    + " keyword_vector = '''other'':1 ''words'':2' WHERE id = " + b.id());
        }
        VerifyReport report = store.verify();
        assertThat(report.consistent()).isFalse();
        assertThat(report.keywordDifferences()).containsExactly(a.id(), b.id());
        store.rebuildIndex();
        assertThat(store.verify().consistent()).isTrue();
        assertThat(store.search("first", SearchRequest.builder().mode(SearchMode.KEYWORD).build()))
                .extracting(h -> h.record().id()).containsExactly(a.id());
    }

    @Test
    void badSettingsAreRefusedNamingTheKey() {
        HashingEmbeddingModel m = new HashingEmbeddingModel(TestStores.DIMENSION);
        assertThatThrownBy(() -> MemoryService.builder(config().set(PostgresSettings.SCHEMA, "Robert'); DROP")
                .build()).embeddingModel(m).build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(PostgresSettings.SCHEMA);
        assertThatThrownBy(() -> MemoryService.builder(config().set(PostgresSettings.URL, null).build())
                .embeddingModel(m).build()).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(PostgresSettings.URL);
        assertThatThrownBy(() -> MemoryService.builder(config().set(PostgresSettings.URL,
                "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=2").build()).embeddingModel(m).build())
                .isInstanceOf(StorageException.class).hasMessageContaining("127.0.0.1:1/none schema " + schema)
                .hasMessageNotContaining("connectTimeout");
    }

    @Test
    void aUserWithoutCreateOnTheDatabaseUsesASchemaMadeForIt() throws Exception {
        String own = server.freshSchema();
        String role = "app_" + own;
        try (Connection c = server.connect(schema); Statement s = c.createStatement()) {
            s.execute("CREATE ROLE " + role + " LOGIN");
            s.execute("CREATE SCHEMA " + own + " AUTHORIZATION " + role);
        }
        try (MemoryService limited = MemoryService.builder(config().set(PostgresSettings.USER, role)
                .set(PostgresSettings.SCHEMA, own).build()).embeddingModel(model).build()) {
            MemoryStore s = limited.character("Kafka");
            s.add(MemoryDraft.of(RecordType.of("note"), "written by a role that owns only its schema", T0));
            assertThat(s.stats().totalRecords()).isEqualTo(1);
        }
        assertThatThrownBy(() -> MemoryService.builder(config().set(PostgresSettings.USER, role)
                .set(PostgresSettings.SCHEMA, server.freshSchema()).build()).embeddingModel(model).build())
                .isInstanceOf(StorageException.class).hasMessageContaining("42501"); // no CREATE on the database
    }

    @Test
    void theOperationLogIsKeptPerStoreAndSeenByTheNextProcess() {
        store.add(MemoryDraft.of(RecordType.of("note"), "a timed record", T0));
        for (int i = 0; i < 3; i++) {
            store.search("timed", SearchRequest.defaults());
        }
        service.character("Other").add(MemoryDraft.of(RecordType.of("note"), "another store's record", T0));
        service.close();
        service = MemoryService.builder(config().build()).embeddingModel(model).build();
        store = service.character("Kafka");
        OperationReport report = store.operationReport();
        assertThat(report.operations()).containsKeys("add", "search");
        assertThat(report.operations().get("search").count()).isEqualTo(3);
        assertThat(report.operations().get("add").count()).isEqualTo(1);
        assertThat(report.slowestSearches()).hasSize(3).allSatisfy(s -> assertThat(s.plan()).contains("hybrid"));
        assertThat(service.character("Other").operationReport().operations().get("add").count()).isEqualTo(1);
    }

    @Test
    void reembeddingIsRefusedForNow() {
        assertThatThrownBy(() -> service.reembedCharacter("Kafka", n -> { }))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("postgres");
    }

    @Test
    void keywordTermsAreStoredVerbatimWhateverTheScript() {
        List<String> texts = List.of("we'll meet at the O'Brien café", "长城上的日出", "path\\to\\file 'quoted'");
        for (String t : texts) {
            store.add(MemoryDraft.of(RecordType.of("note"), t, T0));
        }
        SearchRequest keyword = SearchRequest.builder().mode(SearchMode.KEYWORD).k(5).build();
        assertThat(store.search("O'Brien", keyword)).extracting(h -> h.record().text()).containsExactly(texts.get(0));
        assertThat(store.search("长城", keyword)).extracting(h -> h.record().text()).containsExactly(texts.get(1));
        assertThat(store.search("file quoted", keyword)).extracting(h -> h.record().text())
                .containsExactly(texts.get(2));
        assertThat(store.verify().keywordDifferences()).isEmpty();
        assertThat(store.keywordTerms("O'Brien café").stream().collect(Collectors.joining(" "))).isNotBlank();
    }
}
