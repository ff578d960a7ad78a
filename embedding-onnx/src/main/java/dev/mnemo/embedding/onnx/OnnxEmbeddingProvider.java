package dev.mnemo.embedding.onnx;

import dev.mnemo.api.Availability;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.ProviderUnavailableException;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.embedding.EmbeddingModelProvider;
import java.util.Map;
import java.util.Set;

/**
 * The local default embedding provider, named {@code onnx}: a {@link ShippedModel} (quantized; 384
 * dimensions, 512 for bge-small-zh) run in process by ONNX Runtime. The model files, tokenizers and native libraries ship
 * in Maven jars, so it works offline and needs no key.
 *
 * <p>Options (the {@code mnemo.embedding.onnx.*} keys with the prefix removed):
 * <ul>
 *   <li>{@code model}: the id of a shipped model ({@code e5-small-v2-q}, {@code bge-small-en-v15-q}, {@code all-minilm-l6-v2-q},
 *       {@code bge-small-zh-v15-q}); default {@link ShippedModel#DEFAULT}. Any
 *       other value is an error naming the shipped ones.</li>
 *   <li>{@code threads}: how many texts of one batch are embedded in parallel (default: the number of
 *       processors, at most 4).</li>
 * </ul>
 */
public final class OnnxEmbeddingProvider implements EmbeddingModelProvider {

    /** The provider name used in configuration. */
    public static final String NAME = "onnx";

    private static final Set<String> KNOWN_OPTIONS = Set.of("model", "threads");

    @Override
    public String name() {
        return NAME;
    }

    /**
     * Checks that the options are valid and that ONNX Runtime and the model file can be found,
     * without loading the model (which takes a second and some 100 MB).
     */
    @Override
    public Availability availability(Map<String, String> options) {
        ShippedModel model;
        try {
            model = model(options);
            threads(options);
        } catch (InvalidInputException e) {
            return Availability.no(e.getMessage());
        }
        return OnnxRuntimeCheck.check(model);
    }

    @Override
    public EmbeddingModel create(Map<String, String> options) {
        ShippedModel model = model(options);
        int threads = threads(options);
        Availability availability = OnnxRuntimeCheck.check(model);
        if (!availability.available()) {
            throw new ProviderUnavailableException("embedding model", NAME, availability.reason());
        }
        return new OnnxEmbeddingModel(model, threads);
    }

    /** The configured model; unknown option keys are rejected here, the first check of every call. */
    private static ShippedModel model(Map<String, String> options) {
        for (String key : options.keySet()) {
            if (!KNOWN_OPTIONS.contains(key)) {
                throw new InvalidInputException("unknown option mnemo.embedding.onnx." + key
                        + "; known: " + String.join(", ", KNOWN_OPTIONS.stream().sorted().toList()));
            }
        }
        String model = options.get("model");
        return model == null || model.isBlank() ? ShippedModel.DEFAULT : ShippedModel.byId(model);
    }

    private static int threads(Map<String, String> options) {
        String value = options.get("threads");
        if (value == null || value.isBlank()) {
            return Math.min(4, Runtime.getRuntime().availableProcessors());
        }
        try {
            int threads = Integer.parseInt(value.strip());
            if (threads < 1 || threads > 256) {
                throw new InvalidInputException("mnemo.embedding.onnx.threads must be between 1 and 256, got " + threads);
            }
            return threads;
        } catch (NumberFormatException e) {
            throw new InvalidInputException("mnemo.embedding.onnx.threads must be a whole number, got '" + value + "'");
        }
    }
}
