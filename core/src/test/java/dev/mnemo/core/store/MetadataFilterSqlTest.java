package dev.mnemo.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchMode;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.testkit.MetadataOracle;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL a metadata filter becomes, against {@link MetadataOracle} (the documented semantics in
 * Java): random filter trees over records with random metadata must select exactly the records
 * the oracle selects, with and without type and time filters, in a file that also holds another
 * character's rows (as legacy files may), and for filters too wide for one SQL compound query.
 */
class MetadataFilterSqlTest {
    private static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");
    private static final int RECORDS = 240;

    @TempDir
    Path dataDir;
    private MemoryService service;
    private MemoryStore store;
    private final List<MemoryRecord> stored = new ArrayList<>();

    @BeforeEach
    void fill() {
        service = TestStores.service(dataDir, "exact");
        store = service.character("Kafka");
        Random random = new Random(5);
        List<MemoryDraft> drafts = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            Map<String, Object> metadata = new HashMap<>();
            if (random.nextInt(5) > 0) {
                metadata.put("user", "u" + random.nextInt(6));
            }
            if (random.nextInt(4) > 0) {
                metadata.put("n", random.nextBoolean() ? (Object) (long) random.nextInt(10) : random.nextInt(100) / 10.0);
            }
            if (random.nextBoolean()) {
                metadata.put("flag", random.nextBoolean());
            }
            drafts.add(MemoryDraft.of(RecordType.of(i % 3 == 0 ? "note" : "fact"), "memory number " + i,
                    T0.plusSeconds(3600L * i)).withMetadata(metadata));
        }
        stored.addAll(store.addAll(drafts));
    }

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void randomFiltersSelectExactlyWhatTheOracleSelects() {
        Random random = new Random(17);
        for (int i = 0; i < 400; i++) {
            MetadataFilter filter = filter(random, 0);
            assertThat(found(filter, null)).as("filter %s", filter).isEqualTo(expected(filter, null));
            RecordType type = RecordType.of("note");
            assertThat(found(filter, type)).as("filter %s with type note", filter).isEqualTo(expected(filter, type));
        }
    }

    @Test
    void negationsNeverReachAnotherCharactersRowsInTheSameFile() throws Exception {
        Path file = store.databasePath();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
             PreparedStatement ps = c.prepareStatement("INSERT INTO memory_record (character_name, text, timestamp,"
                     + " record_type, created_at, updated_at) VALUES ('Someone else', 'memory of another', ?, 'note', ?, ?)")) {
            String now = "2026-06-01 00:00:00";
            ps.setString(1, now);
            ps.setString(2, now);
            ps.setString(3, now);
            ps.executeUpdate();
        }
        for (MetadataFilter filter : List.of(MetadataFilter.ne("user", "u1"), MetadataFilter.not(MetadataFilter.exists("n")),
                MetadataFilter.notIn("flag", true), MetadataFilter.eq("user", "u2"))) {
            assertThat(found(filter, null)).as("filter %s", filter).isEqualTo(expected(filter, null));
        }
    }

    @Test
    void filtersWiderThanOneCompoundQueryWork() {
        List<MetadataFilter> leaves = new ArrayList<>();
        for (int i = 0; i < 1_200; i++) {
            leaves.add(i % 2 == 0 ? MetadataFilter.eq("user", "u" + (i % 6)) : MetadataFilter.ne("n", (long) (i % 10)));
        }
        for (MetadataFilter filter : List.of(MetadataFilter.or(leaves.toArray(MetadataFilter[]::new)),
                MetadataFilter.and(leaves.subList(0, 600).toArray(MetadataFilter[]::new)),
                MetadataFilter.and(MetadataFilter.exists("user"), MetadataFilter.or(leaves.toArray(MetadataFilter[]::new))))) {
            assertThat(found(filter, null)).isEqualTo(expected(filter, null));
        }
    }

    private Set<Long> found(MetadataFilter filter, RecordType type) {
        SearchRequest.Builder request = SearchRequest.builder().k(RECORDS + 10).mode(SearchMode.VECTOR).recencyWeight(0)
                .metadata(filter);
        if (type != null) {
            request.types(type);
        }
        return store.search("memory", request.build()).stream().map(h -> h.record().id()).collect(Collectors.toSet());
    }

    private Set<Long> expected(MetadataFilter filter, RecordType type) {
        return stored.stream().filter(r -> type == null || r.type().equals(type))
                .filter(r -> MetadataOracle.matches(filter, r.metadata())).map(MemoryRecord::id).collect(Collectors.toSet());
    }

    /** A random tree with each key compared only with values of its stored kind. */
    private static MetadataFilter filter(Random random, int depth) {
        int op = depth >= 3 ? random.nextInt(9) : random.nextInt(12);
        return switch (op) {
            case 0 -> MetadataFilter.eq("user", "u" + random.nextInt(7));
            case 1 -> MetadataFilter.ne("user", "u" + random.nextInt(7));
            case 2 -> MetadataFilter.gte("n", (long) random.nextInt(10));
            case 3 -> MetadataFilter.lt("n", random.nextInt(100) / 10.0);
            case 4 -> MetadataFilter.in("user", "u" + random.nextInt(6), "u" + random.nextInt(6));
            case 5 -> MetadataFilter.notIn("n", (long) random.nextInt(10), 2.5);
            case 6 -> MetadataFilter.contains("user", String.valueOf(random.nextInt(6)));
            case 7 -> MetadataFilter.exists(random.nextBoolean() ? "flag" : "n");
            case 8 -> MetadataFilter.eq("flag", random.nextBoolean());
            case 9 -> MetadataFilter.and(filter(random, depth + 1), filter(random, depth + 1), filter(random, depth + 1));
            case 10 -> MetadataFilter.or(filter(random, depth + 1), filter(random, depth + 1));
            default -> MetadataFilter.not(filter(random, depth + 1));
        };
    }
}
