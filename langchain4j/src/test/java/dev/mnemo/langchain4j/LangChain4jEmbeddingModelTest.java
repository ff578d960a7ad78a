package dev.mnemo.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.ModelMismatchException;
import dev.mnemo.api.embedding.EmbeddingException;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A LangChain4j model as Mnemo's: name, dimension and vectors pass through; its failures become Mnemo's. */
class LangChain4jEmbeddingModelTest {
    @TempDir
    Path dataDir;

    /** A LangChain4j model answering with whatever {@code answer} makes of the segments. */
    private static EmbeddingModel model(Function<List<TextSegment>, List<Embedding>> answer) {
        return new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                return Response.from(answer.apply(segments));
            }

            @Override
            public int dimension() {
                return 3;
            }
        };
    }

    /** The text's length on one axis: deterministic and easy to check. */
    private static final EmbeddingModel LENGTHS = model(segments -> segments.stream()
            .map(s -> Embedding.from(new float[] {s.text().length(), 1, 0})).toList());

    @Test
    void vectorsAndIdentityComeFromTheLangChain4jModel() {
        LangChain4jEmbeddingModel adapter = new LangChain4jEmbeddingModel("test:lengths", LENGTHS);

        assertThat(adapter.name()).isEqualTo("test:lengths");
        assertThat(adapter.dimension()).isEqualTo(3);
        assertThat(adapter.embed(List.of("ab", "abcd"))).containsExactly(new float[] {2, 1, 0}, new float[] {4, 1, 0});
    }

    @Test
    void aStoreOpenedWithItEmbedsTextsAddedThroughMnemo() {
        MnemoConfig config = MnemoConfig.builder().dataDir(dataDir).set(MnemoConfig.VECTOR_BACKEND, "exact").build();
        try (MemoryService service = MemoryService.builder(config)
                .embeddingModel(new LangChain4jEmbeddingModel("test:lengths", LENGTHS)).build()) {
            MemoryStore store = service.character("Kafka");
            store.addConversation("hi", "hello", null);
            List<MemoryHit> hits = store.search("hello", store.defaultRequest());
            assertThat(hits).hasSize(1);
        }
        try (MemoryService service = MemoryService.builder(config)
                .embeddingModel(new LangChain4jEmbeddingModel("test:other", LENGTHS)).build()) {
            assertThatThrownBy(() -> service.character("Kafka")).isInstanceOf(ModelMismatchException.class);
        }
    }

    @Test
    void failuresAndShortAnswersAreEmbeddingExceptions() {
        LangChain4jEmbeddingModel failing = new LangChain4jEmbeddingModel("test:failing", model(segments -> {
            throw new IllegalStateException("quota exceeded");
        }));
        LangChain4jEmbeddingModel answersShort = new LangChain4jEmbeddingModel("test:short", model(segments -> List.of()));

        assertThatThrownBy(() -> failing.embed(List.of("a"))).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("quota exceeded").hasCauseInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> answersShort.embed(List.of("a"))).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("0 vectors for 1 text(s)");
        assertThatThrownBy(() -> new LangChain4jEmbeddingModel(" ", LENGTHS)).isInstanceOf(IllegalArgumentException.class);
    }
}
