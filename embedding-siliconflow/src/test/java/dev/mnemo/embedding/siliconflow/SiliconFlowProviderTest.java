package dev.mnemo.embedding.siliconflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.Availability;
import dev.mnemo.api.ProviderUnavailableException;
import dev.mnemo.api.embedding.EmbeddingModel;
import dev.mnemo.api.embedding.EmbeddingModelProvider;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SiliconFlowProviderTest {

    private final SiliconFlowProvider noEnv = new SiliconFlowProvider(name -> null);

    @Test
    void serviceLoaderFindsTheProviderByName() {
        assertThat(ServiceLoader.load(EmbeddingModelProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.name().equals("siliconflow"))
                .findFirst())
                .get().isInstanceOf(SiliconFlowProvider.class);
    }

    @Test
    void unavailableWithoutAKeyAndSaysHowToSetOne() {
        Availability a = noEnv.availability(Map.of());
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("MEMORY_API_KEY").contains("mnemo.embedding.siliconflow.api-key");
        assertThatThrownBy(() -> noEnv.create(Map.of()))
                .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("MEMORY_API_KEY");
    }

    @Test
    void availableWithAKeyFromEitherPlace() {
        assertThat(noEnv.availability(Map.of("api-key", Fixture.KEY)).available()).isTrue();
        Availability fromEnv = new SiliconFlowProvider(Map.of("MEMORY_API_KEY", Fixture.KEY)::get).availability(Map.of());
        assertThat(fromEnv.available()).isTrue();
        assertThat(fromEnv.reason()).contains("environment variable MEMORY_API_KEY").doesNotContain(Fixture.KEY);
    }

    @Test
    void malformedOptionsMakeItUnavailableWithTheReason() {
        Availability a = noEnv.availability(Map.of("api-key", "k", "dimension", "-3"));
        assertThat(a.available()).isFalse();
        assertThat(a.reason()).contains("mnemo.embedding.siliconflow.dimension");
    }

    @Test
    void createsAModelNamedAfterTheConfiguredModel() {
        try (EmbeddingModel model = noEnv.create(Map.of("api-key", "k", "model", "BAAI/bge-large-zh-v1.5",
                "dimension", "1024"))) {
            assertThat(model.name()).isEqualTo("siliconflow:BAAI/bge-large-zh-v1.5");
            assertThat(model.dimension()).isEqualTo(1024);
        }
    }
}
