package dev.mnemo.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.core.store.VerifyReport;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several application instances on one database: each is a {@link MemoryService} with its own
 * pool, listener, data directory and in-process index, as on separate machines.
 */
@ExtendWith(PgServerExtension.class)
class PostgresInstancesTest {
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final SearchRequest EXACT_TEXT = SearchRequest.builder().k(1).recencyWeight(0)
            .mode(SearchMode.VECTOR).build();

    private final PgServer server;
    private final String schema;
    private final HashingEmbeddingModel model = new HashingEmbeddingModel(TestStores.DIMENSION);
    private final List<MemoryService> services = new ArrayList<>();
    @TempDir
    Path dirs;

    PostgresInstancesTest(PgServer server) {
        this.server = server;
        this.schema = server.freshSchema();
    }

    private MemoryService instance(String name) {
        return instance(name, "100000");
    }

    private MemoryService instance(String name, String feedRetention) {
        MemoryService service = MemoryService.builder(
                PgTestConfig.postgres(TestStores.config(dirs.resolve(name), "exact"), server, schema)
                        .set(PostgresSettings.FEED_RETENTION, feedRetention).build())
                .embeddingModel(model).build();
        services.add(service);
        return service;
    }

    @AfterEach
    void closeAll() {
        services.forEach(MemoryService::close);
    }

    @Test
    void eachInstanceFindsTheOthersAcknowledgedRecordsAndNeverADeletedOne() {
        MemoryStore a = instance("a").character("Kafka");
        MemoryStore b = instance("b").character("Kafka");
        List<MemoryRecord> written = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            MemoryStore writer = i % 2 == 0 ? a : b;
            MemoryStore reader = i % 2 == 0 ? b : a;
            MemoryRecord r = writer.add(MemoryDraft.of(RecordType.of("note"), "memory number " + i + " of the two", T0));
            written.add(r);
            assertThat(reader.search(r.text(), EXACT_TEXT)).as("record %d seen by the other instance", i)
                    .extracting(h -> h.record().id()).containsExactly(r.id());
        }
        MemoryRecord gone = written.get(3);
        assertThat(a.delete(gone.id())).isTrue();
        for (MemoryStore reader : List.of(a, b)) {
            List<MemoryHit> hits = reader.search(gone.text(), SearchRequest.builder().k(40).build());
            assertThat(hits).hasSize(19).noneMatch(h -> h.record().id() == gone.id());
            assertThat(reader.stats().totalRecords()).isEqualTo(19);
            assertThat(reader.verify().consistent()).isTrue();
        }
    }

    @Test
    void aNotificationBringsTheOtherInstancesIndexUpToDateWithoutASearch() {
        MemoryStore a = instance("a").character("Kafka");
        MemoryStore b = instance("b").character("Kafka");
        assertThat(b.indexDescription().size()).isZero();
        a.addAll(List.of(MemoryDraft.of(RecordType.of("note"), "first", T0),
                MemoryDraft.of(RecordType.of("note"), "second", T0),
                MemoryDraft.of(RecordType.of("note"), "third", T0)));
        // b never searches: only LISTEN/NOTIFY can move its index
        assertThat(within(1000, () -> b.indexDescription().size() == 3)).as("b's index caught up within 1 s").isTrue();
    }

    @Test
    void aChangeThatCommitsAfterALaterOneIsNotSkipped() throws Exception {
        MemoryStore a = instance("a").character("Kafka");
        MemoryStore b = instance("b").character("Kafka");
        a.add(MemoryDraft.of(RecordType.of("note"), "an early record", T0));
        String lateText = "written first, committed last";
        try (Connection slow = server.connect(schema)) {
            slow.setAutoCommit(false);
            long lateId = insertRecord(slow, lateText); // its vector_change row is written now, committed later
            MemoryRecord quick = a.add(MemoryDraft.of(RecordType.of("note"), "written second, committed first", T0));
            // b's position stays below the slow transaction, yet the quick change, committed, reaches its index
            assertThat(b.search(quick.text(), EXACT_TEXT)).extracting(h -> h.record().id()).containsExactly(quick.id());
            assertThat(b.indexDescription().size()).isEqualTo(2);
            slow.commit();
            assertThat(b.search(lateText, EXACT_TEXT)).extracting(h -> h.record().id()).containsExactly(lateId);
            assertThat(b.search(quick.text(), EXACT_TEXT)).extracting(h -> h.record().id()).containsExactly(quick.id());
            VerifyReport report = b.verify(); // (the record written by hand has no keyword terms: vectors only)
            assertThat(report.missingFromIndex()).isEmpty();
            assertThat(report.extraInIndex()).isEmpty();
            assertThat(b.indexDescription().size()).isEqualTo(3);
        }
    }

    /** Writes a record and its vector as another writer would, in the caller's open transaction. */
    private long insertRecord(Connection c, String text) throws Exception {
        long storeId;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM mnemo_store WHERE store_group = 'memory' AND name = 'Kafka'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            storeId = rs.getLong(1);
        }
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO memory_record (store_id, character_name, text,"
                + " timestamp, record_type, created_at, updated_at) VALUES (?, 'Kafka', ?, ?, 'note', ?, ?) RETURNING id")) {
            String time = "2025-03-01 10:00:00.000000";
            ps.setLong(1, storeId);
            ps.setString(2, text);
            ps.setString(3, time);
            ps.setString(4, time);
            ps.setString(5, time);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        float[] vector = model.vector(text);
        ByteBuffer bytes = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(vector);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO memory_vector (record_id, store_id, vector) VALUES (?, ?, ?)")) {
            ps.setLong(1, id);
            ps.setLong(2, storeId);
            ps.setBytes(3, bytes.array());
            ps.executeUpdate();
        }
        return id;
    }

    @Test
    void aLostIndexFileIsRebuiltFromTheDatabase() throws Exception {
        MemoryService first = instance("a");
        MemoryStore a = first.character("Kafka");
        for (int i = 0; i < 25; i++) {
            a.add(MemoryDraft.of(RecordType.of("note"), "kept in the database " + i, T0));
        }
        Path indexFile = a.indexPath();
        first.close();
        Files.delete(indexFile);

        MemoryStore again = instance("a").character("Kafka");
        assertThat(again.indexOpenNote()).contains("built from the database");
        assertThat(again.indexDescription().size()).isEqualTo(25);
        assertThat(again.search("kept in the database 7", EXACT_TEXT)).extracting(h -> h.record().text())
                .containsExactly("kept in the database 7");
        // a new instance on an empty data directory builds the same index
        MemoryStore fresh = instance("new-machine").character("Kafka");
        assertThat(fresh.indexDescription().size()).isEqualTo(25);
        assertThat(fresh.verify().consistent()).isTrue();
    }

    @Test
    void anInstanceBehindATrimmedChangeFeedReconcilesInFull() throws Exception {
        MemoryService behind = instance("b", "5");
        behind.character("Kafka").add(MemoryDraft.of(RecordType.of("note"), "before b left", T0));
        behind.close(); // b's index file now stops at this point of the feed

        MemoryService writer = instance("a", "5");
        MemoryStore a = writer.character("Kafka");
        List<MemoryRecord> written = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            written.add(a.add(MemoryDraft.of(RecordType.of("note"), "written while b was away " + i, T0)));
        }
        a.delete(new long[] {written.get(0).id(), written.get(1).id(), written.get(2).id()});
        a.update(written.get(5).id(), MemoryDraft.of(RecordType.of("note"), "changed while b was away", T0));
        writer.close(); // saves a's index and trims the feed to its newest 5 rows
        try (Connection c = server.connect(schema); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), (SELECT COUNT(*) FROM store_meta WHERE key = '"
                     + PgChangeFeed.TRIMMED_BELOW + "') FROM vector_change")) {
            rs.next();
            assertThat(rs.getLong(1)).as("rows left after the trim").isLessThanOrEqualTo(5);
            assertThat(rs.getLong(2)).as("trimmed horizon recorded").isEqualTo(1);
        }

        MemoryStore b = instance("b", "5").character("Kafka");
        assertThat(b.indexDescription().size()).isEqualTo(18);
        assertThat(b.verify().consistent()).isTrue();
        assertThat(b.search("changed while b was away", EXACT_TEXT)).extracting(h -> h.record().id())
                .containsExactly(written.get(5).id());
    }

    @Test
    void instancesStartingTogetherMigrateTheSchemaOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<MemoryStore>> starts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String name = "instance-" + i;
                starts.add(pool.submit((Callable<MemoryStore>) () -> instanceSynchronized(name).character("Kafka")));
            }
            for (Future<MemoryStore> f : starts) {
                assertThat(f.get().stats().totalRecords()).isZero();
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = server.connect(schema); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM schema_version")) {
            rs.next();
            assertThat(rs.getLong(1)).as("each migration recorded once").isEqualTo(PgSchema.latestVersion());
            assertThat(rs.getInt(2)).isEqualTo(PgSchema.latestVersion());
        }
        try (Connection c = server.connect(schema); var s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM mnemo_store")) {
            rs.next();
            assertThat(rs.getLong(1)).as("one store row, however many instances opened it").isEqualTo(1);
        }
    }

    private MemoryService instanceSynchronized(String name) {
        MemoryService service = MemoryService.builder(
                PgTestConfig.postgres(TestStores.config(dirs.resolve(name), "exact"), server, schema).build())
                .embeddingModel(model).build();
        synchronized (services) {
            services.add(service);
        }
        return service;
    }

    private static boolean within(long millis, BooleanSupplier condition) {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return true;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.getAsBoolean();
    }
}
