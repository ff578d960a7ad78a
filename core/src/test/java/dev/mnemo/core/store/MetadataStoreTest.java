package dev.mnemo.core.store;

import static dev.mnemo.api.filter.MetadataFilter.and;
import static dev.mnemo.api.filter.MetadataFilter.contains;
import static dev.mnemo.api.filter.MetadataFilter.eq;
import static dev.mnemo.api.filter.MetadataFilter.exists;
import static dev.mnemo.api.filter.MetadataFilter.gt;
import static dev.mnemo.api.filter.MetadataFilter.gte;
import static dev.mnemo.api.filter.MetadataFilter.in;
import static dev.mnemo.api.filter.MetadataFilter.lt;
import static dev.mnemo.api.filter.MetadataFilter.lte;
import static dev.mnemo.api.filter.MetadataFilter.ne;
import static dev.mnemo.api.filter.MetadataFilter.not;
import static dev.mnemo.api.filter.MetadataFilter.notIn;
import static dev.mnemo.api.filter.MetadataFilter.or;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Record metadata on the SQLite store: validation, storage beside the record, and filters in every leg. */
class MetadataStoreTest {
    private static final Instant T0 = Instant.parse("2024-11-01T12:28:00Z");
    private static final RecordType NOTE = RecordType.of("note");
    private static final RecordType SUMMARY = RecordType.of("summary");

    @TempDir
    Path dataDir;
    private final HashingEmbeddingModel model = new HashingEmbeddingModel(TestStores.DIMENSION);
    private MemoryService service;
    private MemoryStore store;

    @BeforeEach
    void open() {
        open(TestStores.config(dataDir, "exact"));
    }

    private void open(MnemoConfig.Builder config) {
        if (service != null) {
            service.close();
        }
        service = MemoryService.builder(config.build()).embeddingModel(model).build();
        store = service.character("Kafka");
    }

    @AfterEach
    void close() {
        service.close();
    }

    private static MemoryDraft note(String text, Map<String, ?> metadata) {
        return MemoryDraft.of(NOTE, text, T0).withMetadata(metadata);
    }

    @Test
    void metadataIsStoredWithTheRecordAndReadBackTyped() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("user_id", "u1");
        given.put("importance", 3);        // an int is taken as a long
        given.put("score", 0.75f);         // a float as a double
        given.put("pinned", true);
        given.put("big", Long.MAX_VALUE);
        MemoryRecord added = store.add(note("tea with milk", given));

        Map<String, Object> expected = Map.of("user_id", "u1", "importance", 3L, "score", 0.75, "pinned", true,
                "big", Long.MAX_VALUE);
        assertThat(added.metadata()).isEqualTo(expected);
        assertThat(store.get(added.id()).orElseThrow().metadata()).isEqualTo(expected);
        assertThat(store.get(added.id()).orElseThrow().metadata().keySet())
                .containsExactly("big", "importance", "pinned", "score", "user_id");
        assertThat(store.scan(0, 10).get(0).metadata()).isEqualTo(expected);
        assertThat(store.search("tea", SearchRequest.defaults()).get(0).record().metadata()).isEqualTo(expected);
        assertThat(store.add(MemoryDraft.of(NOTE, "no tags", T0)).metadata()).isEmpty();
    }

    @Test
    void invalidMetadataIsRefusedNamingTheKeyAndNothingIsWritten() throws SQLException {
        open(TestStores.config(dataDir, "exact").set(MnemoConfig.METADATA_MAX_ENTRIES, "3")
                .set(MnemoConfig.METADATA_MAX_BYTES, "40"));
        MemoryDraft good = note("fine", Map.of("a", 1));

        assertThatThrownBy(() -> note("x", Map.of("bad key", 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'bad key'");
        assertThatThrownBy(() -> note("x", Map.of("k".repeat(65), 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("1-64 characters");
        assertThatThrownBy(() -> note("x", Map.of("list", List.of(1))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'list'").hasMessageContaining("List");
        assertThatThrownBy(() -> note("x", Map.of("ratio", Double.NaN)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'ratio'").hasMessageContaining("finite");
        assertThatThrownBy(() -> note("x", Map.of("nul", "a\u0000b")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'nul'");

        MemoryDraft tooMany = note("many", Map.of("k1", 1, "k2", 2, "k3", 3, "k4", 4));
        assertThatThrownBy(() -> store.addAll(List.of(good, tooMany)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("4 entries")
                .hasMessageContaining(MnemoConfig.METADATA_MAX_ENTRIES).hasMessageContaining("'k4'");
        MemoryDraft tooBig = note("big", Map.of("a", "x".repeat(10), "b", "y".repeat(30)));
        assertThatThrownBy(() -> store.addAll(List.of(good, tooBig)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("40 bytes").hasMessageContaining("'b'");
        assertThatThrownBy(() -> store.addAllWithVectors(List.of(tooBig), List.of(model.vector("big")), null))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'b'");

        assertThat(store.stats().totalRecords()).isZero();
        assertThat(metadataRows()).isZero();
        MemoryRecord kept = store.add(good);
        assertThatThrownBy(() -> store.update(kept.id(), tooMany)).isInstanceOf(InvalidInputException.class);
        assertThat(store.get(kept.id()).orElseThrow().metadata()).isEqualTo(Map.of("a", 1L));
    }

    /** Six people with tags; every operator picks exactly the expected ones. */
    @Test
    void everyOperatorSelectsExactlyTheMatchingRecords() {
        store.addAll(List.of(
                note("ann", Map.of("user_id", "u1", "importance", 1, "score", 0.5, "pinned", true, "topic", "tea time")),
                note("bob", Map.of("user_id", "u1", "importance", 3, "score", 2.5, "pinned", false)),
                note("cid", Map.of("user_id", "u2", "importance", 5, "score", 1.0, "topic", "green tea")),
                note("dan", Map.of("user_id", "u2", "importance", 3.5, "topic", "coffee")),
                note("eve", Map.of("user_id", "u3")),
                note("fay", Map.of())));

        assertThat(names(eq("user_id", "u1"))).containsExactlyInAnyOrder("ann", "bob");
        assertThat(names(ne("user_id", "u1"))).containsExactlyInAnyOrder("cid", "dan", "eve", "fay");
        assertThat(names(gt("importance", 3))).containsExactlyInAnyOrder("cid", "dan");
        assertThat(names(gte("importance", 3))).containsExactlyInAnyOrder("bob", "cid", "dan");
        assertThat(names(lt("importance", 3.5))).containsExactlyInAnyOrder("ann", "bob");
        assertThat(names(lte("importance", 3.5))).containsExactlyInAnyOrder("ann", "bob", "dan");
        assertThat(names(eq("importance", 3.0))).as("a long and a double compare by value").containsExactly("bob");
        assertThat(names(gt("user_id", "u1"))).as("strings order by code point").containsExactlyInAnyOrder("cid",
                "dan", "eve");
        assertThat(names(in("user_id", "u1", "u3"))).containsExactlyInAnyOrder("ann", "bob", "eve");
        assertThat(names(notIn("user_id", "u1", "u3"))).containsExactlyInAnyOrder("cid", "dan", "fay");
        assertThat(names(in("importance", 1, 5))).containsExactlyInAnyOrder("ann", "cid");
        assertThat(names(contains("topic", "tea"))).containsExactlyInAnyOrder("ann", "cid");
        assertThat(names(contains("topic", "Tea"))).as("case-sensitive").isEmpty();
        assertThat(names(exists("topic"))).containsExactlyInAnyOrder("ann", "cid", "dan");
        assertThat(names(eq("pinned", true))).containsExactly("ann");
        assertThat(names(ne("pinned", true))).containsExactlyInAnyOrder("bob", "cid", "dan", "eve", "fay");
        assertThat(names(and(eq("user_id", "u2"), gte("importance", 4)))).containsExactly("cid");
        assertThat(names(or(eq("user_id", "u3"), lt("score", 1)))).containsExactlyInAnyOrder("ann", "eve");
        assertThat(names(not(exists("user_id")))).containsExactly("fay");
        assertThat(names(not(or(eq("user_id", "u1"), and(exists("topic"), not(contains("topic", "tea")))))))
                .containsExactlyInAnyOrder("cid", "eve", "fay");
        assertThat(names(eq("missing_key", "x"))).isEmpty();
    }

    private List<String> names(MetadataFilter filter) {
        List<String> out = new ArrayList<>();
        for (SearchMode mode : List.of(SearchMode.VECTOR, SearchMode.HYBRID)) {
            List<String> found = store.search("ann bob cid dan eve fay", SearchRequest.builder().k(10).mode(mode)
                    .metadata(filter).build()).stream().map(h -> h.record().text()).sorted().toList();
            if (mode == SearchMode.VECTOR) {
                out.addAll(found);
            } else {
                assertThat(found).as("hybrid agrees with vector for " + filter).containsExactlyElementsOf(
                        out.stream().sorted().toList());
            }
        }
        return out;
    }

    @Test
    void comparingAStringWithANumberIsAnErrorNotAnEmptyResult() {
        store.add(note("tagged", Map.of("importance", 3, "user_id", "u1", "pinned", true)));
        SearchRequest.Builder base = SearchRequest.builder();

        assertThatThrownBy(() -> store.search("tagged", base.metadata(eq("importance", "3")).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'importance'")
                .hasMessageContaining("a string").hasMessageContaining("numbers");
        assertThatThrownBy(() -> store.search("tagged", base.metadata(gt("user_id", 1)).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'user_id'")
                .hasMessageContaining("strings");
        assertThatThrownBy(() -> store.search("tagged", base.metadata(contains("importance", "3")).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'importance'");
        assertThatThrownBy(() -> store.search("tagged", base.metadata(eq("pinned", 1)).build()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'pinned'")
                .hasMessageContaining("booleans");
        assertThatThrownBy(() -> store.search("tagged", base.mode(SearchMode.KEYWORD)
                .metadata(not(eq("importance", "high"))).build()))
                .as("checked in every mode, also under not").isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> store.search("tagged", base.metadata(or(eq("nowhere", "a"), gt("nowhere", 2))).build()))
                .as("mixed within one filter, even for a key no record has")
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'nowhere'").hasMessageContaining("both");
        assertThatThrownBy(() -> gt("pinned", true)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not booleans");
        assertThatThrownBy(() -> in("k", "a", 1)).isInstanceOf(InvalidInputException.class).hasMessageContaining("mixes");
    }

    @Test
    void metadataFiltersCombineWithTypeAndTimeFiltersInEveryMode() {
        List<MemoryDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            RecordType type = i % 2 == 0 ? NOTE : SUMMARY;
            drafts.add(MemoryDraft.of(type, "shared words memory " + i, T0.plus(Duration.ofDays(i)))
                    .withMetadata(Map.of("user_id", i % 4 < 2 ? "u1" : "u2", "n", i)));
        }
        store.addAll(drafts);
        Instant from = T0.plus(Duration.ofDays(10));
        Instant until = T0.plus(Duration.ofDays(30));
        for (SearchMode mode : SearchMode.values()) {
            List<MemoryHit> hits = store.search("shared words memory", SearchRequest.builder().k(40).mode(mode)
                    .types(SUMMARY).from(from).until(until).metadata(eq("user_id", "u1")).build());
            // i in [10, 30), odd (summary), i % 4 < 2: 13, 17, 21, 25, 29
            assertThat(hits).as(mode.label()).extracting(h -> h.record().metadata().get("n"))
                    .containsExactlyInAnyOrder(13L, 17L, 21L, 25L, 29L);
        }
    }

    @Test
    void kHitsComeBackWhenKMatchUnderASelectiveFilterInEveryMode() {
        List<MemoryDraft> drafts = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            drafts.add(note("memory number " + i + " about tea and rain",
                    Map.of("tenant", i % 10 == 0 ? "rare" : "common", "i", i)));
        }
        store.addAll(drafts);
        for (SearchMode mode : SearchMode.values()) {
            SearchRequest request = SearchRequest.builder().k(20).mode(mode).metadata(eq("tenant", "rare")).build();
            List<MemoryHit> hits = store.search("memory about tea", request);
            assertThat(hits).as(mode.label()).hasSize(20)
                    .allSatisfy(h -> assertThat(h.record().metadata()).containsEntry("tenant", "rare"));
            List<MemoryHit> rarer = store.search("memory about tea", request.toBuilder().k(50)
                    .metadata(and(eq("tenant", "rare"), lt("i", 300))).build());
            assertThat(rarer).as(mode.label()).hasSize(30);
        }
    }

    @Test
    void metadataGoesWithItsRecordOnDeleteAndPrune() throws SQLException {
        Instant now = Instant.now();
        MemoryRecord a = store.add(MemoryDraft.of(NOTE, "first", now).withMetadata(Map.of("k", 1, "j", "x")));
        store.add(MemoryDraft.of(NOTE, "second", now).withMetadata(Map.of("k", 2)));
        store.add(MemoryDraft.of(NOTE, "old", now.minus(Duration.ofDays(90))).withMetadata(Map.of("k", 3)));
        assertThat(metadataRows()).isEqualTo(4);

        assertThat(store.delete(a.id())).isTrue();
        assertThat(metadataRows()).isEqualTo(2);
        assertThat(store.deleteOlderThan(30)).isEqualTo(1);
        assertThat(metadataRows()).isEqualTo(1);
        assertThat(store.search("first", SearchRequest.builder().metadata(exists("k")).build()))
                .extracting(h -> h.record().text()).containsExactly("second");
    }

    @Test
    void updateReplacesTheMetadata() throws SQLException {
        MemoryRecord r = store.add(note("apples", Map.of("a", 1, "b", "x")));
        MemoryRecord updated = store.update(r.id(), note("apples", Map.of("c", true)));
        assertThat(updated.metadata()).isEqualTo(Map.of("c", true));
        assertThat(metadataRows()).isEqualTo(1);
        assertThat(store.update(r.id(), MemoryDraft.of(NOTE, "pears", null)).metadata()).isEmpty();
        assertThat(metadataRows()).isZero();
    }

    @Test
    void metadataSurvivesReopenBackupRestoreAndReembedding() {
        MemoryRecord r = store.add(note("kept through everything", Map.of("user_id", "u1", "w", 2.5)));
        Map<String, Object> expected = Map.of("user_id", "u1", "w", 2.5);
        open(TestStores.config(dataDir, "exact"));
        assertThat(store.get(r.id()).orElseThrow().metadata()).isEqualTo(expected);

        Path backup = dataDir.resolve("kafka-backup.db");
        store.backup(backup);
        store.delete(r.id());
        store.restore(backup);
        assertThat(store.get(r.id()).orElseThrow().metadata()).isEqualTo(expected);
        assertThat(store.search("kept", SearchRequest.builder().metadata(eq("user_id", "u1")).build()))
                .extracting(h -> h.record().id()).containsExactly(r.id());

        service.reembedCharacter("Kafka", n -> { });
        store = service.character("Kafka");
        assertThat(store.get(r.id()).orElseThrow().metadata()).isEqualTo(expected);
        assertThat(store.search("kept", SearchRequest.builder().metadata(gt("w", 2)).build())).hasSize(1);
    }

    @Test
    void searchTracesNameTheFilterKeysButNoValues() {
        store.add(note("traced", Map.of("user_id", "secret-user")));
        store.search("traced", SearchRequest.builder().metadata(eq("user_id", "secret-user")).build());
        String plans = store.operationReport().slowestSearches().stream().map(s -> s.plan())
                .collect(Collectors.joining("\n"));
        assertThat(plans).doesNotContain("secret-user");
        assertThat(plans).contains("filtered").contains("metadata=[user_id]");
    }

    private long metadataRows() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + store.databasePath());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM record_metadata")) {
            return rs.getLong(1);
        }
    }
}
