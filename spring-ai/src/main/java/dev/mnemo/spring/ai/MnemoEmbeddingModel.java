package dev.mnemo.spring.ai;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/**
 * A Spring AI {@link EmbeddingModel} backed by a Mnemo {@link dev.mnemo.api.embedding.EmbeddingModel}
 * (the local ONNX model by default): the view {@link MnemoVectorStore} gives Spring AI of the
 * model its store embeds with, and a way for an application to embed with the same model.
 *
 * <p>Request options (model name, dimensions) are ignored: the Mnemo model is fixed. Texts are
 * embedded as stored texts, not as queries. Thread-safe as the Mnemo model is; it stays owned by
 * whoever created it (closing is not this adapter's job).
 */
public final class MnemoEmbeddingModel implements EmbeddingModel {
    private final dev.mnemo.api.embedding.EmbeddingModel model;

    /** A view of this Mnemo model; closing the model stays its owner's job. */
    public MnemoEmbeddingModel(dev.mnemo.api.embedding.EmbeddingModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** The Mnemo model behind this view. */
    public dev.mnemo.api.embedding.EmbeddingModel mnemoModel() {
        return model;
    }

    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
        List<float[]> vectors = model.embed(request.getInstructions());
        List<Embedding> embeddings = new ArrayList<>(vectors.size());
        for (int i = 0; i < vectors.size(); i++) {
            embeddings.add(new Embedding(vectors.get(i), i));
        }
        return new EmbeddingResponse(embeddings);
    }

    @Override
    public float[] embed(Document document) {
        return model.embed(document.getFormattedContent());
    }

    @Override
    public int dimensions() {
        return model.dimension();
    }
}
