package dev.mnemo.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithFilteringIT;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's own suite for stores with metadata filters (and, through it, the basic store suite),
 * run unchanged on one Mnemo backend per subclass. One store per class, emptied before each test by
 * the suite's {@code clearStore} hook.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FilteringSuite extends EmbeddingStoreWithFilteringIT {
    private SuiteStores stores;
    private MnemoEmbeddingStore store;

    /** The {@code mnemo.vector.backend} to run on. */
    abstract String backend();

    @BeforeAll
    void open(@TempDir Path dataDir) {
        stores = new SuiteStores(dataDir, backend());
        store = MnemoEmbeddingStore.builder().memoryStore(stores.open("suite")).build();
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

    @Override
    protected void clearStore() {
        store.removeAll();
    }

    /** Mnemo has {@code contains}: the suite then runs its two contains tests instead of the "unsupported" one. */
    @Override
    protected boolean supportsContains() {
        return true;
    }
}
