package dev.mnemo.embedding.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.Availability;
import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.embedding.EmbeddingModelProvider;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class OnnxEmbeddingProviderTest {

    private static Optional<EmbeddingModelProvider> byName(String name) {
        return ServiceLoader.load(EmbeddingModelProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals(name))
                .findFirst();
    }

    @Test
    void serviceLoaderFindsTheProviderByName() {
        assertThat(byName("onnx")).get().isInstanceOf(OnnxEmbeddingProvider.class);
    }

    @Test
    void isAvailableHereWithoutAnyOption() {
        Availability availability = new OnnxEmbeddingProvider().availability(Map.of());
        assertThat(availability.available()).as(availability.reason()).isTrue();
    }

    @Test
    void createsAWorkingModel() {
        try (EmbeddingModel model = new OnnxEmbeddingProvider().create(Map.of("threads", "1"))) {
            assertThat(model.name()).isEqualTo("onnx:e5-small-v2-q");
            assertThat(model.embed("provider smoke test")).hasSize(model.dimension());
        }
    }

    @Test
    void badOptionsAreNamed() {
        OnnxEmbeddingProvider provider = new OnnxEmbeddingProvider();
        assertThatThrownBy(() -> provider.create(Map.of("threads", "many")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.embedding.onnx.threads");
        assertThatThrownBy(() -> provider.create(Map.of("model", "bge-m3")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("'bge-m3' but the shipped models are all-minilm-l6-v2-q, bge-small-en-v15-q");
        assertThatThrownBy(() -> provider.create(Map.of("thread", "2")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("unknown option mnemo.embedding.onnx.thread");
        assertThat(provider.availability(Map.of("threads", "0")).available()).isFalse();
    }
}
