package dev.mnemo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.MnemoException;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.filter.MetadataFilter;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.core.store.StoreNames;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated hostile input (fixed seed, 12,000 cases): every call either fails with a
 * {@link MnemoException} subclass or does the right thing (what was stored reads back equal), and
 * the database passes {@code PRAGMA integrity_check} afterwards. Anything else (a
 * NullPointerException, SQLException, IndexOutOfBounds, DateTimeException...) is a failure.
 */
@Tag("reliability")
class HostileInputTest {
    private static final long SEED = 0x6d6e656d6fL;
    private static final int CASES = 12_000;
    private static final int MAX_TEXT = 2_000;
    private static final int OPEN_EVERY_NTH_ACCEPTED_NAME = 10;

    @TempDir
    Path dataDir;

    private HostileInputs in;
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private final List<Long> ids = new ArrayList<>();
    private int acceptedNames;

    @Test
    void everyHostileInputIsRefusedCleanlyOrStoredExactly() throws Exception {
        fuzz(false);
    }

    /**
     * Runs the fuzz; {@code extremeValues} false keeps timestamps within 250 years of now and vector
     * norms above 1e-38 (see {@link HostileInputs#HostileInputs(long, boolean)}); the extremes are
     * fuzzed by {@link HostileInputExtremeValuesTest}.
     */
    void fuzz(boolean extremeValues) throws Exception {
        in = new HostileInputs(SEED, extremeValues);
        MnemoConfig config = TestStores.config(dataDir, "exact").set(MnemoConfig.MAX_TEXT_CHARS, Integer.toString(MAX_TEXT))
                .build();
        HashingEmbeddingModel model = new HashingEmbeddingModel(TestStores.DIMENSION);
        Path db;
        try (MemoryService service = MemoryService.builder(config).embeddingModel(model).build()) {
            MemoryStore store = service.character("hostile");
            db = store.databasePath();
            Random r = in.random();
            for (int i = 0; i < CASES; i++) {
                int op = r.nextInt(12);
                switch (op) {
                    case 0 -> addNote(store, i);
                    case 1 -> addConversation(store, i);
                    case 2 -> searchText(store, i);
                    case 3 -> searchVector(store, i);
                    case 4 -> addWithVectors(store, i);
                    case 5 -> openByName(service, i);
                    case 6 -> update(store, i);
                    case 7 -> delete(store, i);
                    case 8 -> addTyped(store, i);
                    case 10 -> addWithMetadata(store, i);
                    case 11 -> searchByMetadata(store, i);
                    default -> numbers(store, i);
                }
            }
            assertThat(store.verify().consistent()).as("index consistent after the fuzz").isTrue();
            for (long id : ids) {
                store.get(id); // every stored row is still readable
            }
        }
        System.out.printf("RELIABILITY hostile cases=%d seed=%d extreme-values=%b outcomes=%s failures=%d%n", CASES,
                SEED, extremeValues, outcomes, failures.size());
        assertThat(failures).as("calls that failed with something other than a MnemoException, or stored wrongly")
                .isEmpty();
        assertThat(SqliteChecks.integrityCheck(db)).containsExactly("ok");
    }

    @Test
    void megabyteTextsAreStoredExactlyWhenTheLimitAllowsThem() throws Exception {
        MnemoConfig config = TestStores.config(dataDir, "exact")
                .set(MnemoConfig.MAX_TEXT_CHARS, Integer.toString(HostileInputs.ONE_MB + 16)).build();
        HostileInputs gen = new HostileInputs(SEED + 1, false);
        Path db;
        try (MemoryService service = MemoryService.builder(config)
                .embeddingModel(new HashingEmbeddingModel(TestStores.DIMENSION)).build()) {
            MemoryStore store = service.character("big");
            db = store.databasePath();
            for (int i = 0; i < 3; i++) {
                String text = gen.validText(HostileInputs.ONE_MB);
                MemoryRecord r = store.add(MemoryDraft.of(RecordType.of("note"), text, null));
                assertThat(store.get(r.id()).orElseThrow().text()).isEqualTo(text);
                assertThat(store.search(text.substring(0, 200), SearchRequest.builder().k(3).recencyWeight(0).build()))
                        .extracting(h -> h.record().id()).contains(r.id());
            }
        }
        assertThat(SqliteChecks.integrityCheck(db)).containsExactly("ok");
    }

    private void addNote(MemoryStore store, int i) {
        String text = in.text(MAX_TEXT);
        Instant ts = in.timestamp();
        attempt("add note " + HostileInputs.describe(text) + " at " + ts, () -> {
            MemoryRecord r = store.add(MemoryDraft.of(RecordType.of("note"), text, ts));
            expectStored(store, r, text, null, null, ts);
        });
    }

    private void addConversation(MemoryStore store, int i) {
        String user = in.text(MAX_TEXT / 2);
        String assistant = in.text(MAX_TEXT / 2);
        attempt("add conversation " + HostileInputs.describe(user) + " / " + HostileInputs.describe(assistant), () -> {
            MemoryRecord r = store.addConversation(user, assistant, null);
            expectStored(store, r, MemoryDraft.conversationText(user, assistant), user, assistant, null);
        });
    }

    private void addTyped(MemoryStore store, int i) {
        String type = in.random().nextBoolean() ? in.name() : in.text(100);
        String text = "typed " + i;
        attempt("add with type " + HostileInputs.describe(type), () -> {
            MemoryRecord r = store.add(MemoryDraft.of(RecordType.of(type), text, null));
            expectStored(store, r, text, null, null, null);
            check(r.type().equals(RecordType.of(type)), "type read back differs");
        });
    }

    private void addWithVectors(MemoryStore store, int i) {
        int n = 1 + in.random().nextInt(3);
        List<MemoryDraft> drafts = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            drafts.add(MemoryDraft.of(RecordType.of("imported"), "imported " + i + "/" + j, null));
            vectors.add(in.vector(TestStores.DIMENSION));
        }
        attempt("add with vectors of lengths " + vectors.stream().map(v -> v.length).toList(), () -> {
            List<MemoryRecord> stored = store.addAllWithVectors(drafts, vectors, null);
            for (int j = 0; j < n; j++) {
                expectStored(store, stored.get(j), drafts.get(j).text(), null, null, null);
            }
        });
    }

    private void searchText(MemoryStore store, int i) {
        String query = in.text(MAX_TEXT);
        attempt("search " + HostileInputs.describe(query), () -> checkHits(store, store.search(query, request())));
    }

    private void searchVector(MemoryStore store, int i) {
        float[] v = in.vector(TestStores.DIMENSION);
        attempt("search vector of length " + v.length, () -> checkHits(store, store.search(v, request())));
    }

    private SearchRequest request() {
        Random r = in.random();
        SearchRequest.Builder b = SearchRequest.builder().k(r.nextInt(3) == 0 ? in.hostileInt() : 1 + r.nextInt(20));
        if (r.nextInt(3) == 0) {
            b.minSimilarity(in.hostileDouble()).recencyWeight(in.hostileDouble());
        }
        if (r.nextInt(4) == 0) {
            b.from(in.timestamp()).until(in.timestamp());
        }
        if (r.nextInt(4) == 0) {
            b.recencyHalfLife(Duration.ofSeconds(in.hostileInt()));
        }
        if (r.nextInt(4) == 0) {
            b.types(RecordType.of(r.nextBoolean() ? "note" : "conversation"));
        }
        return b.build();
    }

    private void addWithMetadata(MemoryStore store, int i) {
        Map<String, Object> metadata = hostileMetadata();
        attempt("add with metadata keys " + metadata.keySet().stream().map(HostileInputs::describe).toList(), () -> {
            MemoryRecord r = store.add(MemoryDraft.of(RecordType.of("note"), "meta " + i, null).withMetadata(metadata));
            ids.add(r.id());
            MemoryRecord read = store.get(r.id()).orElseThrow(() -> new WrongResult("stored record " + r.id() + " missing"));
            check(read.metadata().keySet().equals(metadata.keySet()), "metadata keys read back differ");
        });
    }

    private void searchByMetadata(MemoryStore store, int i) {
        attempt("search with hostile metadata filter #" + i, () -> {
            // built inside the attempt: a bad key or a too-deep tree is refused by the filter itself
            SearchRequest request = SearchRequest.builder().k(1 + in.random().nextInt(20)).metadata(hostileFilter(0))
                    .build();
            checkHits(store, store.search("meta " + i, request));
        });
    }

    /** Keys and values a caller might send: valid ones, hostile strings, odd numbers, nulls, too many. */
    private Map<String, Object> hostileMetadata() {
        Random r = in.random();
        Map<String, Object> metadata = new HashMap<>();
        int entries = r.nextInt(10) == 0 ? 70 + r.nextInt(10) : r.nextInt(5);
        for (int j = 0; j < entries; j++) {
            String key = r.nextInt(3) == 0 ? in.text(80) : "k" + r.nextInt(8);
            metadata.put(r.nextInt(50) == 0 ? null : key, hostileValue());
        }
        return metadata;
    }

    private Object hostileValue() {
        Random r = in.random();
        return switch (r.nextInt(7)) {
            case 0 -> in.text(r.nextInt(10) == 0 ? 20_000 : 40);
            case 1 -> (long) in.hostileInt();
            case 2 -> in.hostileDouble();
            case 3 -> r.nextBoolean();
            case 4 -> r.nextInt(5) == 0 ? null : "plain";
            case 5 -> List.of("a", 1);
            default -> (float) in.hostileDouble();
        };
    }

    /** A random filter tree, sometimes deep, with hostile keys and operands. */
    private MetadataFilter hostileFilter(int depth) {
        Random r = in.random();
        String key = r.nextInt(3) == 0 ? in.text(80) : "k" + r.nextInt(8);
        int op = depth > 40 ? r.nextInt(9) : r.nextInt(12);
        return switch (op) {
            case 0 -> MetadataFilter.eq(key, hostileValue());
            case 1 -> MetadataFilter.ne(key, hostileValue());
            case 2 -> MetadataFilter.gt(key, hostileValue());
            case 3 -> MetadataFilter.gte(key, hostileValue());
            case 4 -> MetadataFilter.lt(key, hostileValue());
            case 5 -> MetadataFilter.lte(key, hostileValue());
            case 6 -> MetadataFilter.in(key, hostileValue(), hostileValue());
            case 7 -> MetadataFilter.contains(key, in.text(r.nextInt(10) == 0 ? 10_000 : 20));
            case 8 -> MetadataFilter.exists(key);
            case 9 -> MetadataFilter.and(hostileFilter(depth + 1), hostileFilter(depth + 1));
            case 10 -> MetadataFilter.or(hostileFilter(depth + 1), hostileFilter(depth + 1));
            default -> MetadataFilter.not(hostileFilter(depth + 1));
        };
    }

    private void checkHits(MemoryStore store, List<MemoryHit> hits) {
        for (MemoryHit h : hits) {
            check(Double.isFinite(h.score()) && Double.isFinite(h.similarity()), "non-finite score in " + h);
            check(store.get(h.record().id()).isPresent(), "hit " + h.record().id() + " is not in the database");
        }
    }

    private void openByName(MemoryService service, int i) {
        String name = in.name();
        boolean story = in.random().nextBoolean();
        attempt((story ? "story " : "character ") + HostileInputs.describe(name), () -> {
            Path root = dataDir.toAbsolutePath().normalize().resolve(story ? "saves" : "memory");
            Path folder = StoreNames.folder(dataDir, story ? "saves" : "memory", story ? "story" : "character", name);
            check(folder.startsWith(root) && folder.getParent().equals(root), "folder " + folder + " leaves " + root);
            if (acceptedNames++ % OPEN_EVERY_NTH_ACCEPTED_NAME == 0) {
                MemoryStore other = story ? service.story(name) : service.character(name);
                try {
                    Path db = other.databasePath().toAbsolutePath().normalize();
                    check(db.startsWith(root) && Files.isRegularFile(db), "database " + db + " outside " + root);
                    MemoryRecord r = other.add(MemoryDraft.of(RecordType.of("note"), "hello " + i, null));
                    check(other.get(r.id()).map(MemoryRecord::characterName).orElse("").equals(name),
                            "character name read back differs");
                } finally {
                    other.close(); // keep file handles bounded over thousands of names
                }
            }
        });
    }

    private void update(MemoryStore store, int i) {
        long id = ids.isEmpty() || in.random().nextInt(5) == 0 ? in.hostileInt() : ids.get(in.random().nextInt(ids.size()));
        String text = in.text(MAX_TEXT);
        Instant ts = in.timestamp();
        attempt("update " + id + " to " + HostileInputs.describe(text) + " at " + ts, () -> {
            MemoryRecord r = store.update(id, MemoryDraft.of(RecordType.of("note"), text, ts));
            check(r.text().equals(text), "updated text differs");
            Instant expected = ts == null ? null : ts.truncatedTo(ChronoUnit.MICROS);
            check(expected == null || expected.equals(r.timestamp()), "updated timestamp " + r.timestamp() + " != " + expected);
        });
    }

    private void delete(MemoryStore store, int i) {
        Random r = in.random();
        long[] victims = new long[r.nextInt(4)];
        for (int j = 0; j < victims.length; j++) {
            victims[j] = r.nextBoolean() && !ids.isEmpty() ? ids.get(r.nextInt(ids.size()))
                    : r.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE - r.nextInt(3);
        }
        attempt("delete " + Arrays.toString(victims), () -> {
            store.delete(victims);
            for (long v : victims) {
                check(store.get(v).isEmpty(), "deleted " + v + " still readable");
                ids.remove(v);
            }
        });
    }

    private void numbers(MemoryStore store, int i) {
        int n = in.hostileInt();
        if (in.random().nextBoolean()) {
            attempt("recentConversations(" + n + ")", () -> store.recentConversations(n).forEach(Objects::requireNonNull));
        } else {
            // keep the store's content: prune only with the values that cannot reach today's records
            int days = n >= 0 && n < 100_000 ? n + 100_000 : n;
            attempt("deleteOlderThan(" + days + ")", () -> store.deleteOlderThan(days));
        }
    }

    private void expectStored(MemoryStore store, MemoryRecord r, String text, String user, String assistant, Instant ts) {
        ids.add(r.id());
        MemoryRecord read = store.get(r.id()).orElse(null);
        check(read != null, "record " + r.id() + " not readable after add");
        check(read.text().equals(text), "text read back differs: " + HostileInputs.describe(read.text()));
        check(Objects.equals(read.userMessage(), user), "user message read back differs");
        check(Objects.equals(read.assistantMessage(), assistant), "assistant message read back differs");
        Instant expected = ts == null ? null : ts.truncatedTo(ChronoUnit.MICROS);
        check(expected == null || expected.equals(read.timestamp()),
                "timestamp read back " + read.timestamp() + " != written " + expected);
    }

    private void attempt(String description, Runnable call) {
        try {
            call.run();
            outcomes.merge("ok", 1, Integer::sum);
        } catch (MnemoException e) {
            outcomes.merge(e.getClass().getSimpleName(), 1, Integer::sum);
        } catch (WrongResult e) {
            failures.add(description + ": " + e.getMessage());
        } catch (RuntimeException | Error e) {
            failures.add(description + ": " + e);
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new WrongResult(what);
        }
    }

    /** A call that returned normally but did the wrong thing. */
    private static final class WrongResult extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WrongResult(String message) {
            super(message);
        }
    }
}
