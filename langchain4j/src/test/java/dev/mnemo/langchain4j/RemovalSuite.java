package dev.mnemo.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithRemovalIT;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's own removal suite, run unchanged on one Mnemo backend per subclass. The suite has no
 * clearing hook and expects an empty store, so each test gets a memory store of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RemovalSuite extends EmbeddingStoreWithRemovalIT {
    private SuiteStores stores;
    private MnemoEmbeddingStore store;
    private int tests;

    /** The {@code mnemo.vector.backend} to run on. */
    abstract String backend();

    @BeforeAll
    void open(@TempDir Path dataDir) {
        stores = new SuiteStores(dataDir, backend());
    }

    @BeforeEach
    void freshStore() {
        store = MnemoEmbeddingStore.builder().memoryStore(stores.open("suite-" + ++tests)).build();
    }

    @AfterAll
    void close() {
        if (stores != null) {
            stores.close();
        }
    }

    @Override
    protected EmbeddingStore<TextSegment> embeddingStore() {
        return store;
    }

    @Override
    protected EmbeddingModel embeddingModel() {
        return stores.model();
    }
}
