package dev.mnemo.cassandra;

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
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.cassandra.node.CassandraNode;
import dev.mnemo.cassandra.node.CassandraNodeExtension;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Metadata on the Cassandra store: exact round trips and every filter operator with its documented semantics. */
@Tag("cassandra")
@ExtendWith(CassandraNodeExtension.class)
class CassandraMetadataTest {
    private static final RecordType NOTE = new RecordType("note");
    /** 2^53 + 1: a long that no double holds, so a lossy comparison would call it equal to 2^53. */
    private static final long BEYOND_DOUBLE = 9_007_199_254_740_993L;
    private static CassandraMemory memory;
    private static CassandraMemoryStore store;
    private static final Map<String, Long> IDS = new LinkedHashMap<>();

    @BeforeAll
    static void open(CassandraNode node) {
        memory = CassandraMemory.open(StoreFixture.config(node, StoreFixture.KEYSPACE).build(), StoreFixture.MODEL);
        store = memory.store(StoreFixture.freshName("meta"));
        Map<String, Map<String, Object>> records = new LinkedHashMap<>();
        records.put("r0", Map.of("user", "u1", "imp", 3, "score", 0.5, "vip", true, "tag", "green tea"));
        records.put("r1", Map.of("user", "u2", "imp", 5L, "score", 2.0));
        records.put("r2", Map.of("user", "u1", "imp", 3.0));
        records.put("r3", Map.of());
        records.put("r4", Map.of("user", "ü", "imp", BEYOND_DOUBLE));
        records.put("r5", Map.of("user", "u3", "vip", false, "tag", "black tea"));
        records.put("r6", Map.of("glyph", "😀"));
        records.put("r7", Map.of("glyph", "\uFF01"));
        List<MemoryDraft> drafts = new ArrayList<>();
        records.forEach((name, meta) -> drafts.add(MemoryDraft.of(NOTE, "record " + name + " about tea", null)
                .withMetadata(meta)));
        List<MemoryRecord> added = store.addAll(drafts);
        int i = 0;
        for (String name : records.keySet()) {
            IDS.put(name, added.get(i++).id());
        }
    }

    @AfterAll
    static void close() {
        if (memory != null) {
            memory.close();
        }
    }

    @Test
    void metadataRoundTripsExactlyThroughAddGetAndSearch() {
        CassandraMemoryStore s = memory.store(StoreFixture.freshName("meta-trip"));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("text", "你好 \"quoted\" = s:not a tag");
        meta.put("long", Long.MIN_VALUE);
        meta.put("big", BEYOND_DOUBLE);
        meta.put("double", 0.1);
        meta.put("whole-double", 3.0);
        meta.put("minus-zero", -0.0);
        meta.put("tiny", Double.MIN_VALUE);
        meta.put("flag", false);
        meta.put("long.text", "x".repeat(4000)); // indexed by digest, kept whole
        MemoryRecord added = s.add(MemoryDraft.of(NOTE, "round trip", null).withMetadata(meta));

        assertThat(added.metadata()).isEqualTo(MemoryDraft.of(NOTE, "x", null).withMetadata(meta).metadata());
        MemoryRecord read = s.get(added.id()).orElseThrow();
        assertThat(read).isEqualTo(added);
        assertThat(read.metadata().get("whole-double")).isInstanceOf(Double.class);
        assertThat(read.metadata().get("big")).isEqualTo(BEYOND_DOUBLE);
        assertThat((Double) read.metadata().get("minus-zero")).isEqualTo(-0.0).matches(d -> 1 / d < 0);
        List<MemoryHit> hits = s.search("round trip", SearchRequest.builder()
                .metadata(eq("long.text", "x".repeat(4000))).build());
        assertThat(hits).extracting(MemoryHit::record).containsExactly(added);
        assertThat(s.search("round trip", SearchRequest.builder().metadata(eq("long.text", "x".repeat(3999))).build()))
                .isEmpty();
        MemoryRecord plain = s.add(MemoryDraft.of(NOTE, "no metadata", null));
        assertThat(s.get(plain.id()).orElseThrow().metadata()).isEmpty();
    }

    @Test
    void comparisonsFollowTheDocumentedSemantics() {
        assertMatches(eq("user", "u1"), "r0", "r2");
        assertMatches(ne("user", "u1"), "r1", "r3", "r4", "r5", "r6", "r7");
        assertMatches(eq("imp", 3), "r0", "r2");
        assertMatches(eq("imp", 3.0), "r0", "r2");
        assertMatches(gt("imp", 3), "r1", "r4");
        assertMatches(gte("imp", 3), "r0", "r1", "r2", "r4");
        assertMatches(lt("imp", 5), "r0", "r2");
        assertMatches(lte("imp", 5.0), "r0", "r1", "r2");
        assertMatches(gt("score", 0.5), "r1");
        assertMatches(lte("score", 2), "r0", "r1");
        // exact: 2^53 + 1 is above the double 2^53 (a double comparison would say equal)
        assertMatches(gt("imp", 9.007199254740992E15), "r4");
        assertMatches(eq("imp", 9.007199254740992E15));
        assertMatches(eq("imp", BEYOND_DOUBLE), "r4");
        assertMatches(gt("user", "u1"), "r1", "r4", "r5");
        assertMatches(lt("user", "u2"), "r0", "r2");
        // code point order: U+1F600 sorts above U+FF01 although its UTF-16 starts with a surrogate
        assertMatches(gt("glyph", "\uFFFD"), "r6");
        assertMatches(lt("glyph", "😀"), "r7");
    }

    @Test
    void setStringAndLogicalOperatorsFollowTheDocumentedSemantics() {
        assertMatches(in("user", "u2", "u3"), "r1", "r5");
        assertMatches(in("imp", 5, 3.0), "r0", "r1", "r2");
        assertMatches(in("user", "u3"), "r5");
        assertMatches(notIn("user", "u2", "u3"), "r0", "r2", "r3", "r4", "r6", "r7");
        assertMatches(contains("tag", "tea"), "r0", "r5");
        assertMatches(contains("tag", "Tea"));
        assertMatches(exists("vip"), "r0", "r5");
        assertMatches(eq("vip", false), "r5");
        assertMatches(ne("vip", true), "r1", "r2", "r3", "r4", "r5", "r6", "r7");
        assertMatches(and(eq("user", "u1"), gte("imp", 3)), "r0", "r2");
        assertMatches(and(eq("user", "u1"), exists("vip")), "r0");
        assertMatches(or(eq("user", "u2"), eq("vip", true)), "r0", "r1");
        assertMatches(not(exists("user")), "r3", "r6", "r7");
        assertMatches(not(or(eq("user", "u1"), exists("glyph"))), "r1", "r3", "r4", "r5");
        assertMatches(eq("no-such-key", 1));
    }

    @Test
    void comparingAKeyWithAnotherKindIsAnErrorNotAnEmptyResult() {
        assertThatThrownBy(() -> search(eq("imp", "3")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("'imp'").hasMessageContaining("with a string, but records store numbers");
        assertThatThrownBy(() -> search(eq("vip", 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("with a number, but records store booleans");
        assertThatThrownBy(() -> search(not(gt("user", 3))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'user'");
        assertThatThrownBy(() -> search(and(eq("user", "u1"), gt("user", 3))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("both");
    }

    @Test
    void kHitsComeBackWheneverKRecordsMatchEvenBeyondTheAnnLimit() {
        CassandraMemoryStore s = memory.store(StoreFixture.freshName("meta-crowd"));
        float[] query = axis(0, 1);
        List<MemoryDraft> drafts = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        // 2,000 records near the query that the filter rejects, 3 opposite to it that it accepts
        for (int i = 0; i < 2000; i++) {
            drafts.add(MemoryDraft.of(NOTE, "crowd " + i, null).withMetadata(Map.of("grp", "crowd", "n", i)));
            float[] v = axis(0, 1);
            v[1 + i % 60] = 0.2f + (i % 7) * 0.05f;
            vectors.add(v);
        }
        for (int i = 0; i < 3; i++) {
            drafts.add(MemoryDraft.of(NOTE, "few " + i, null).withMetadata(Map.of("grp", "few")));
            float[] v = axis(0, -1);
            v[61 + i] = 0.1f;
            vectors.add(v);
        }
        s.addAllWithVectors(drafts, vectors);
        SearchRequest.Builder request = SearchRequest.builder().k(3).recencyWeight(0);

        // decided client-side: rounds of ANN candidates up to Cassandra's 1,000, then the exact scan
        assertThat(s.search(query, request.metadata(ne("grp", "crowd")).build()))
                .hasSize(3).allSatisfy(h -> {
                    assertThat(h.record().metadata()).containsEntry("grp", "few");
                    assertThat(h.explanation().note()).isEqualTo(VectorSearch.SCANNED);
                });
        assertThat(s.search(query, request.metadata(not(exists("n"))).build())).hasSize(3);
        // decided inside Cassandra: eq runs in the ANN query
        assertThat(s.search(query, request.metadata(eq("grp", "few")).build()))
                .hasSize(3).allSatisfy(h -> assertThat(h.explanation().note()).isNull())
                .extracting(h -> h.explanation().vectorRank()).containsExactlyInAnyOrder(1, 2, 3);
        // found within the rounds: a quarter of the crowd has n >= 1500
        assertThat(s.search(query, request.k(5).metadata(gte("n", 1500)).build()))
                .hasSize(5).allSatisfy(h -> {
                    assertThat((Long) h.record().metadata().get("n")).isGreaterThanOrEqualTo(1500);
                    assertThat(h.explanation().note()).isNull();
                });
    }

    private static float[] axis(int i, float value) {
        float[] v = new float[StoreFixture.MODEL.dimension()];
        v[i] = value;
        return v;
    }

    private static List<MemoryHit> search(MetadataFilter filter) {
        return store.search("record about tea", SearchRequest.builder().k(20).recencyWeight(0).metadata(filter).build());
    }

    private static void assertMatches(MetadataFilter filter, String... expected) {
        assertThat(search(filter)).as(filter.toString()).extracting(h -> h.record().id())
                .containsExactlyInAnyOrder(Arrays.stream(expected).map(IDS::get).toArray(Long[]::new));
    }
}
