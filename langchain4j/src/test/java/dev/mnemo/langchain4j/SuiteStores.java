package dev.mnemo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.mnemo.api.Availability;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.provider.VectorBackends;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.SharedFixtures;
import java.nio.file.Path;

/**
 * A Mnemo service on one vector backend for a LangChain4j suite class: the suite's embedding model
 * (all-MiniLM-L6-v2, quantized, in process) is the service's model too. A backend that cannot run
 * here fails the suite on CI ({@code CI=true}) and skips it elsewhere; only FAISS, whose native
 * library needs Debian's libfaiss, can be missing.
 */
final class SuiteStores implements AutoCloseable {
    private final EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
    private final MemoryService service;
    private final String backend;

    SuiteStores(Path dataDir, String backend) {
        this.backend = backend;
        Availability availability = VectorBackends.discover().availability().get(backend);
        SharedFixtures.require(availability != null && availability.available(), "vector backend " + backend
                + (availability == null ? " (not on the class path)" : " (" + availability.reason() + ")"));
        MnemoConfig config = MnemoConfig.builder().dataDir(dataDir).set(MnemoConfig.VECTOR_BACKEND, backend).build();
        service = MemoryService.builder(config)
                .embeddingModel(new LangChain4jEmbeddingModel("langchain4j:all-minilm-l6-v2-q", model))
                .build();
    }

    EmbeddingModel model() {
        return model;
    }

    /** A character's store, checked to run on the backend asked for (never a fallback). */
    MemoryStore open(String character) {
        MemoryStore store = service.character(character);
        assertThat(store.indexPath().getFileName().toString()).endsWith("_" + backend + ".index");
        return store;
    }

    @Override
    public void close() {
        service.close();
    }
}
