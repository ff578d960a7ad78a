package dev.mnemo.spring.ai;

import dev.mnemo.api.MnemoException;
import dev.mnemo.api.embedding.EmbeddingException;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.embedding.EmbeddingResponseException;
import java.util.List;
import java.util.Objects;

/**
 * A Mnemo {@link EmbeddingModel} backed by a Spring AI {@link org.springframework.ai.embedding.EmbeddingModel}
 * (OpenAI, Ollama, Transformers... whatever the application configured), so a Mnemo store can
 * embed with the model the rest of the application uses.
 *
 * <p>A Mnemo store records its model's {@link #name()} and dimension and refuses to open with
 * another, so the name must identify the model and its version: give one that names it
 * ({@code openai:text-embedding-3-small}); the default names only the Spring AI class and the
 * dimension. The Spring AI model stays owned by the application: {@link #close()} does nothing.
 */
public final class SpringAiEmbeddingModel implements EmbeddingModel {
    private final org.springframework.ai.embedding.EmbeddingModel model;
    private final String name;
    private final int dimension;

    /**
     * @param model the Spring AI model
     * @param name  the stable name recorded in the stores, or {@code null} for
     *              {@code spring-ai:<class>:<dimension>}
     */
    public SpringAiEmbeddingModel(org.springframework.ai.embedding.EmbeddingModel model, String name) {
        this.model = Objects.requireNonNull(model, "model");
        this.dimension = model.dimensions();
        this.name = name == null || name.isBlank()
                ? "spring-ai:" + model.getClass().getSimpleName() + ":" + dimension
                : name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<float[]> vectors;
        try {
            vectors = model.embed(texts);
        } catch (MnemoException e) {
            throw e;
        } catch (RuntimeException e) {
            // the store tells embedding failures from storage ones by type
            throw new EmbeddingException("model " + name + " failed to embed " + texts.size() + " text(s): "
                    + e.getMessage(), e);
        }
        if (vectors.size() != texts.size()) {
            throw new EmbeddingResponseException("model " + name + " returned " + vectors.size() + " vectors for "
                    + texts.size() + " texts");
        }
        return vectors;
    }
}
