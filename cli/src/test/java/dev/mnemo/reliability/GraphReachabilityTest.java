package dev.mnemo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVector store through the crash test's workload ({@link CrashChild#step}: look-alike texts,
 * single and batch adds, deletes, prunes), in-process: after every cycle the index file is put back to its last
 * policy save, as a kill would leave it, and the reopened store must find every live record by
 * its own vector at the default search parameters. Seed 5 reached, at cycle 50, a record that
 * had lost every incoming graph edge (not found even with k = 200) until the index learned to
 * link such nodes on save and open.
 */
@Tag("reliability")
class GraphReachabilityTest {
    private static final int CYCLES = 55;

    @TempDir
    Path tmp;

    @Test
    void everyLiveRecordStaysReachableThroughDeletesAndReopens() throws Exception {
        HashingEmbeddingModel model = new HashingEmbeddingModel(TestStores.DIMENSION);
        SearchRequest top10 = SearchRequest.builder().k(10).recencyWeight(0).build();
        Path dataDir = tmp.resolve("store");
        Path lastSave = tmp.resolve("last-save.index");
        Random random = new Random(1005);
        AckLedger ledger = new AckLedger();
        List<String> lost = new ArrayList<>();
        long checks = 0;
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            MnemoConfig writing = TestStores.config(dataDir, "jvector").set(MnemoConfig.INDEX_SAVE_EVERY, "1").build();
            Path indexFile;
            try (MemoryService service = MemoryService.builder(writing).embeddingModel(model).build()) {
                MemoryStore store = service.character("crash");
                indexFile = store.indexPath();
                List<Long> mine = new ArrayList<>();
                int operations = 1 + random.nextInt(60);
                for (int i = 0; i < operations; i++) {
                    CrashChild.step(store, random, "run c" + cycle + " op " + i + " ", mine, ledger::apply);
                }
                if (Files.exists(indexFile)) {
                    Files.copy(indexFile, lastSave, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(lastSave);
                }
            }
            if (Files.exists(lastSave)) {
                Files.copy(lastSave, indexFile, StandardCopyOption.REPLACE_EXISTING);
            } else {
                Files.deleteIfExists(indexFile);
            }
            try (MemoryService service = TestStores.service(dataDir, "jvector")) {
                MemoryStore store = service.character("crash");
                for (Map.Entry<Long, String> e : ledger.live().entrySet()) {
                    checks++;
                    if (store.search(model.vector(e.getValue()), top10).stream().noneMatch(h -> h.record().id() == e.getKey())) {
                        lost.add("cycle " + cycle + ": record " + e.getKey());
                    }
                }
            }
        }
        System.out.printf("RELIABILITY reachability backend=jvector cycles=%d checks=%d not-found=%d%n", CYCLES, checks,
                lost.size());
        assertThat(checks).isGreaterThan(30_000);
        assertThat(lost).as("live records not found by their own vector").isEmpty();
    }
}
