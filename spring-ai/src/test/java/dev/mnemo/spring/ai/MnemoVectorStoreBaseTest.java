package dev.mnemo.spring.ai;

import dev.mnemo.core.store.MemoryService;
import dev.mnemo.testkit.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.test.vectorstore.BaseVectorStoreTests;
import org.springframework.ai.vectorstore.VectorStore;

/** Spring AI's own vector store suite, every inherited test as it is, on a Mnemo store. */
class MnemoVectorStoreBaseTest extends BaseVectorStoreTests {
    @TempDir
    Path dir;

    @Override
    protected void executeTest(Consumer<VectorStore> testFunction) {
        for (String backend : new String[] {"exact", "jvector"}) {
            try (MemoryService service = TestStores.service(fresh(backend), backend)) {
                testFunction.accept(MnemoVectorStore.builder(service.character("docs"), service.model()).build());
            }
        }
    }

    private Path fresh(String backend) {
        try {
            return Files.createTempDirectory(dir, backend);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
