package dev.mnemo.spring.ai;

import dev.mnemo.core.store.MemoryService;
import dev.mnemo.testkit.TestStores;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.observation.DefaultVectorStoreObservationConvention;

/** Operations are observed as in every Spring AI store, named after Mnemo and the store. */
class MnemoVectorStoreObservationTest {
    @TempDir
    Path dir;

    @Test
    void addAndQueryAreObservations() {
        TestObservationRegistry registry = TestObservationRegistry.create();
        try (MemoryService service = TestStores.service(dir, "exact")) {
            MnemoVectorStore store = MnemoVectorStore.builder(service.character("docs"), service.model())
                    .observationRegistry(registry).build();

            store.add(List.of(new Document("observed text")));
            TestObservationRegistryAssert.assertThat(registry).doesNotHaveAnyRemainingCurrentObservation()
                    .hasObservationWithNameEqualTo(DefaultVectorStoreObservationConvention.DEFAULT_NAME).that()
                    .hasContextualNameEqualTo("mnemo add").hasLowCardinalityKeyValue("db.system", "mnemo")
                    .hasHighCardinalityKeyValue("db.collection.name", "docs").hasBeenStopped();

            registry.clear();
            store.similaritySearch(SearchRequest.builder().query("observed").topK(1).build());
            TestObservationRegistryAssert.assertThat(registry)
                    .hasObservationWithNameEqualTo(DefaultVectorStoreObservationConvention.DEFAULT_NAME).that()
                    .hasContextualNameEqualTo("mnemo query").hasBeenStopped();
        }
    }
}
