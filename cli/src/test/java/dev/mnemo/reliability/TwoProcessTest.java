package dev.mnemo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two processes on one data directory: a child JVM writes while this JVM, with the same store
 * open, reads and searches. Each write the child acknowledges must be visible to the very next
 * search here (the reader's index catches up from the change log), each acknowledged delete must
 * be gone, and no SQLITE_BUSY may escape either process, although this side writes too (the
 * embedding cache and the operation log live in the same database).
 */
@Tag("reliability")
class TwoProcessTest {
    private static final int OPERATIONS = 300;
    private static final SearchRequest TOP10 = SearchRequest.builder().k(10).recencyWeight(0).build();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mnemo.reliability.ReliabilityBackends#available")
    void readerSeesEveryCommitOfTheWriter(String backend) throws Exception {
        Path dataDir = tmp.resolve("data");
        HashingEmbeddingModel model = new HashingEmbeddingModel(TestStores.DIMENSION);
        Map<Long, String> live = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        Set<Long> unseen = new HashSet<>();
        int searches = 0;
        try (MemoryService service = TestStores.service(dataDir, backend)) {
            MemoryStore reader = service.character("shared");
            Path stderr = tmp.resolve("writer.err");
            Process writer = ChildJvm.start(WriterChild.class, stderr, dataDir.toString(), backend,
                    Integer.toString(OPERATIONS), "7");
            try (ChildOutput out = new ChildOutput(writer.getInputStream())) {
                String line;
                while ((line = out.next()) != null && !line.equals("DONE")) {
                    String[] parts = line.split(" ", 3);
                    assertThat(parts[0]).as("writer output; stderr:%n%s", ChildJvm.tail(stderr)).isIn("ACK", "DEL");
                    long id = Long.parseLong(parts[1]);
                    String text = parts[2];
                    // alternate text searches (which also write the embedding cache) and vector searches
                    List<MemoryHit> hits = searches++ % 2 == 0 ? reader.search(text, TOP10)
                            : reader.search(model.vector(text), TOP10);
                    boolean found = hits.stream().anyMatch(h -> h.record().id() == id);
                    if (parts[0].equals("ACK")) {
                        live.put(id, text);
                        if (!found || reader.get(id).isEmpty()) {
                            // the writer runs ahead of us: it may have deleted the record already
                            unseen.add(id);
                        }
                    } else {
                        live.remove(id);
                        unseen.remove(id);
                        if (found || reader.get(id).isPresent()) {
                            failures.add("deleted record " + id + " still visible to the reader");
                        }
                    }
                }
                assertThat(line).as("writer finished; stderr:%n%s", ChildJvm.tail(stderr)).isEqualTo("DONE");
            } finally {
                assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(writer.exitValue()).as("writer exit code; stderr:%n%s", ChildJvm.tail(stderr)).isZero();
            unseen.forEach(id -> failures.add("committed record " + id + " was not visible to the reader"));
            assertThat(failures).isEmpty();
            assertThat(reader.verify().consistent()).isTrue();
            assertThat(reader.stats().totalRecords()).isEqualTo(live.size());
        }
        // and a fresh open agrees
        try (MemoryService service = TestStores.service(dataDir, backend)) {
            MemoryStore store = service.character("shared");
            assertThat(store.verify().consistent()).isTrue();
            for (Map.Entry<Long, String> e : live.entrySet()) {
                assertThat(store.search(model.vector(e.getValue()), TOP10)).anyMatch(h -> h.record().id() == e.getKey());
            }
        }
        System.out.printf("RELIABILITY two-process backend=%s writes=%d reader-searches=%d failures=%d%n", backend,
                OPERATIONS, searches, failures.size());
    }
}
