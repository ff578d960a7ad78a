package dev.mnemo.backend.faiss;

import dev.mnemo.api.vector.VectorIndexProvider;
import dev.mnemo.testkit.VectorIndexContract;
import java.util.Map;

/** The backend contract over the default FAISS index ({@code IDMap2,HNSW32}, efSearch 64). */
class FaissHnswContractTest extends VectorIndexContract {
    @Override
    protected VectorIndexProvider provider() {
        return FaissTestSupport.provider();
    }

    @Override
    protected Map<String, String> options() {
        return Map.of("factory", "HNSW32");
    }
}
