package dev.mnemo.api.embedding;

import dev.mnemo.api.Availability;
import java.util.Map;

/**
 * Creates {@link EmbeddingModel}s of one kind. Found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.mnemo.api.embedding.EmbeddingModelProvider}) and chosen by
 * {@link #name()}. Stateless, thread-safe, public no-argument constructor.
 */
public interface EmbeddingModelProvider {

    /** Stable short name used in configuration: {@code onnx}, {@code siliconflow}. */
    String name();

    /** Whether the model can run here (e.g. an API key is configured), and if not why. */
    Availability availability(Map<String, String> options);

    /**
     * Creates the model. The caller owns and closes it.
     *
     * @param options the {@code mnemo.embedding.<name>.*} configuration keys with that prefix removed
     *                (e.g. {@code base-url}, {@code model}, {@code api-key}, {@code max-batch})
     * @throws dev.mnemo.api.InvalidInputException       for a malformed option
     * @throws dev.mnemo.api.ProviderUnavailableException when the model cannot run here
     */
    EmbeddingModel create(Map<String, String> options);
}
