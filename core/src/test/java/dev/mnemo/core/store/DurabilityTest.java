package dev.mnemo.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.testkit.CrashTests;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DurabilityTest {
    @TempDir
    Path dataDir;

    @Test
    void everyAcknowledgedWriteSurvivesSigkillAndIsSearchable() throws Exception {
        HashingEmbeddingModel model = new HashingEmbeddingModel(TestStores.DIMENSION);
        for (int round = 1; round <= 3; round++) {
            CrashTests.Acknowledged acked = CrashTests.runAndKill(dataDir, "exact", "r" + round, 150 * round);
            try (MemoryService service = TestStores.service(dataDir, "exact")) {
                MemoryStore store = service.character("crash");
                assertThat(store.verify().consistent()).isTrue();
                for (long id : acked.deleted()) {
                    assertThat(store.get(id)).as("acknowledged delete of %d", id).isEmpty();
                }
                for (Map.Entry<Long, String> e : acked.added().entrySet()) {
                    long id = e.getKey();
                    assertThat(store.get(id)).as("acknowledged record %d", id).isPresent();
                    List<MemoryHit> hits = store.search(model.vector(store.get(id).orElseThrow().text()),
                            SearchRequest.builder().k(1).recencyWeight(0).build());
                    assertThat(hits).extracting(h -> h.record().id()).as("search for record %d", id).containsExactly(id);
                }
                SearchRequest all = SearchRequest.builder().k(SearchRequest.MAX_K).recencyWeight(0).build();
                assertThat(store.search("doomed question", all)).noneMatch(h -> acked.deleted().contains(h.record().id()));
            }
        }
    }
}
