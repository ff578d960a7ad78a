package dev.mnemo.testkit;

import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import java.nio.file.Path;

/** Builds services on a temporary data directory with the hashing test model. */
public final class TestStores {
    public static final int DIMENSION = 64;

    private TestStores() {
    }

    public static MnemoConfig.Builder config(Path dataDir, String backend) {
        return MnemoConfig.builder().dataDir(dataDir).set(MnemoConfig.VECTOR_BACKEND, backend);
    }

    public static MemoryService service(Path dataDir, String backend) {
        return MemoryService.builder(config(dataDir, backend).build())
                .embeddingModel(new HashingEmbeddingModel(DIMENSION)).build();
    }
}
