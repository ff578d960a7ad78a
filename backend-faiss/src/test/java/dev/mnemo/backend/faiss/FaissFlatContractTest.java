package dev.mnemo.backend.faiss;

import dev.mnemo.api.vector.VectorIndexProvider;
import dev.mnemo.testkit.VectorIndexContract;
import java.util.Map;

/** The backend contract over an exact FAISS index ({@code IDMap2,Flat}). */
class FaissFlatContractTest extends VectorIndexContract {
    @Override
    protected VectorIndexProvider provider() {
        return FaissTestSupport.provider();
    }

    @Override
    protected Map<String, String> options() {
        return Map.of("factory", "Flat");
    }
}
