package dev.mnemo.testkit;

import dev.mnemo.api.Availability;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.embedding.EmbeddingModelProvider;
import java.util.Map;

/**
 * Test-only provider {@code test-hashing} for {@link HashingEmbeddingModel}, registered only in
 * core's test resources (and so in its test-jar): CLI and integration tests select it by
 * configuration; no product class path ever contains it. Option {@code dimension} (default 64).
 */
public final class HashingEmbeddingProvider implements EmbeddingModelProvider {
    @Override
    public String name() {
        return "test-hashing";
    }

    @Override
    public Availability availability(Map<String, String> options) {
        return Availability.yes("deterministic test model");
    }

    @Override
    public EmbeddingModel create(Map<String, String> options) {
        return new HashingEmbeddingModel(Integer.parseInt(options.getOrDefault("dimension", String.valueOf(TestStores.DIMENSION))));
    }
}
