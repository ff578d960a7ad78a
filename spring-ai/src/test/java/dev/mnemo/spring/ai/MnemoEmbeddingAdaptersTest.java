package dev.mnemo.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.embedding.EmbeddingException;
import dev.mnemo.api.embedding.EmbeddingResponseException;
import dev.mnemo.testkit.HashingEmbeddingModel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;

/** The two views between Mnemo's and Spring AI's embedding models. */
class MnemoEmbeddingAdaptersTest {
    private final HashingEmbeddingModel hashing = new HashingEmbeddingModel(32);

    @Test
    void springAiSeesMnemosVectorsInOrder() {
        MnemoEmbeddingModel view = new MnemoEmbeddingModel(hashing);

        EmbeddingResponse response = view.call(new EmbeddingRequest(List.of("first", "second"), null));

        assertThat(response.getResults()).extracting(Embedding::getIndex).containsExactly(0, 1);
        assertThat(response.getResults().get(1).getOutput()).containsExactly(hashing.vector("second"));
        assertThat(view.dimensions()).isEqualTo(32);
        assertThat(view.embed(new Document("third"))).hasSize(32);
        assertThat(view.mnemoModel()).isSameAs(hashing);
    }

    @Test
    void mnemoSeesASpringAiModelUnderAStableName() {
        SpringAiEmbeddingModel named = new SpringAiEmbeddingModel(new MnemoEmbeddingModel(hashing), "test:hash-32");
        SpringAiEmbeddingModel unnamed = new SpringAiEmbeddingModel(new MnemoEmbeddingModel(hashing), null);

        assertThat(named.name()).isEqualTo("test:hash-32");
        assertThat(unnamed.name()).isEqualTo("spring-ai:MnemoEmbeddingModel:32");
        assertThat(named.dimension()).isEqualTo(32);
        assertThat(named.embed(List.of("a text")).get(0)).containsExactly(hashing.vector("a text"));
    }

    @Test
    void aFailingOrMiscountingSpringAiModelIsAnEmbeddingException() {
        SpringAiEmbeddingModel failing = new SpringAiEmbeddingModel(new Broken(false), "broken");
        SpringAiEmbeddingModel short1 = new SpringAiEmbeddingModel(new Broken(true), "short");

        assertThatThrownBy(() -> failing.embed(List.of("a"))).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("broken failed to embed 1 text(s): connection refused");
        assertThatThrownBy(() -> short1.embed(List.of("a", "b"))).isInstanceOf(EmbeddingResponseException.class)
                .hasMessageContaining("returned 1 vectors for 2 texts");
    }

    /** A Spring AI model that fails, or answers one vector whatever it is asked. */
    private static final class Broken implements EmbeddingModel {
        private final boolean answersOne;

        Broken(boolean answersOne) {
            this.answersOne = answersOne;
        }

        @Override
        public EmbeddingResponse call(EmbeddingRequest request) {
            if (!answersOne) {
                throw new IllegalStateException("connection refused");
            }
            return new EmbeddingResponse(List.of(new Embedding(new float[] {1, 0}, 0)));
        }

        @Override
        public float[] embed(Document document) {
            return call(new EmbeddingRequest(List.of(document.getText()), null)).getResult().getOutput();
        }

        @Override
        public int dimensions() {
            return 2;
        }
    }
}
