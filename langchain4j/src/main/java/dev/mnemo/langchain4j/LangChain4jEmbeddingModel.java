package dev.mnemo.langchain4j;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.mnemo.api.embedding.EmbeddingException;
import dev.mnemo.api.embedding.EmbeddingModel;
import java.util.List;
import java.util.Objects;

/**
 * A LangChain4j {@link dev.langchain4j.model.embedding.EmbeddingModel} as Mnemo's
 * {@link EmbeddingModel}, so that a {@code MemoryService} built with
 * {@code MemoryService.builder(config).embeddingModel(new LangChain4jEmbeddingModel(name, model))}
 * embeds with the same model as the application: what {@link MnemoEmbeddingStore} stores and what
 * Mnemo's own API adds then live in one vector space.
 *
 * <p>The name is recorded in every store the model writes to, and a store refuses to open with a
 * model of another name, so it must identify the model and its version (e.g.
 * {@code langchain4j:all-minilm-l6-v2-q}). The dimension is asked of the model once, here. The
 * caller keeps ownership of the LangChain4j model; {@link #close()} does nothing.
 */
public final class LangChain4jEmbeddingModel implements EmbeddingModel {
    private final String name;
    private final dev.langchain4j.model.embedding.EmbeddingModel model;
    private final int dimension;

    /**
     * @param name  a stable identifier of the model and its version
     * @param model the LangChain4j model; thread-safe, as Mnemo calls it from any thread
     */
    public LangChain4jEmbeddingModel(String name, dev.langchain4j.model.embedding.EmbeddingModel model) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("model name cannot be null or blank");
        }
        this.name = name;
        this.model = Objects.requireNonNull(model, "model");
        this.dimension = model.dimension();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    /** @throws EmbeddingException when the LangChain4j model fails or answers with another number of vectors */
    @Override
    public List<float[]> embed(List<String> texts) {
        List<Embedding> embeddings;
        try {
            embeddings = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        } catch (RuntimeException e) {
            throw new EmbeddingException("LangChain4j model " + name + " failed to embed " + texts.size()
                    + " text(s): " + e.getMessage(), e);
        }
        if (embeddings == null || embeddings.size() != texts.size()) {
            throw new EmbeddingException("LangChain4j model " + name + " returned "
                    + (embeddings == null ? "nothing" : embeddings.size() + " vectors") + " for " + texts.size()
                    + " text(s)");
        }
        return embeddings.stream().map(Embedding::vector).toList();
    }
}
