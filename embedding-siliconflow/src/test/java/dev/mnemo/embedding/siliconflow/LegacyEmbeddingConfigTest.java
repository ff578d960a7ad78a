package dev.mnemo.embedding.siliconflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mnemo.api.InvalidInputException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyEmbeddingConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String LEGACY = """
            {
              "RAG_CONFIG": {
                "Multi_Recall": {
                  "Cosine_Similarity": {
                    "embed_func": "SiliconFlowEmbedding",
                    "embed_kwds": {
                      "base_url": "https://api.siliconflow.cn/v1",
                      "api_key": "sk-legacy-secret",
                      "model": "BAAI/bge-m3"
                    },
                    "vector_dim": 1024,
                    "top_k": 5
                  }
                }
              },
              "OTHER": {"x": 1}
            }
            """;

    @Test
    void mapsTheLegacyTreeOntoProviderOptions() throws Exception {
        LegacyEmbeddingConfig config = LegacyEmbeddingConfig.from(JSON.readTree(LEGACY));

        assertThat(config.embedFunction()).isEqualTo("SiliconFlowEmbedding");
        assertThat(config.options()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "base-url", "https://api.siliconflow.cn/v1",
                "api-key", "sk-legacy-secret",
                "model", "BAAI/bge-m3",
                "dimension", "1024"));
        assertThat(config.toString()).doesNotContain("sk-legacy-secret");
        // The result is accepted as is by the provider.
        SiliconFlowSettings settings = SiliconFlowSettings.fromOptions(config.options(), name -> null);
        assertThat(settings.dimension()).isEqualTo(1024);
        assertThat(settings.hasApiKey()).isTrue();
    }

    @Test
    void acceptsAPlainMapToo() throws Exception {
        Map<String, Object> parsed = JSON.readValue(LEGACY, new TypeReference<Map<String, Object>>() { });
        assertThat(LegacyEmbeddingConfig.from(parsed).options()).containsEntry("model", "BAAI/bge-m3");
    }

    @Test
    void emptyKeyIsLeftOutSoTheEnvironmentApplies() throws Exception {
        String json = "{\"embed_func\":\"x\",\"embed_kwds\":{\"api_key\":\"\",\"model\":\"BAAI/bge-m3\"},\"vector_dim\":\"1024\"}";
        LegacyEmbeddingConfig config = LegacyEmbeddingConfig.from(JSON.readTree(json));
        assertThat(config.options()).doesNotContainKey("api-key").containsEntry("dimension", "1024");
        assertThat(SiliconFlowSettings.fromOptions(config.options(), Map.of("MEMORY_API_KEY", "env")::get).hasApiKey())
                .isTrue();
    }

    @Test
    void missingSectionOrBadDimensionIsNamed() throws Exception {
        assertThatThrownBy(() -> LegacyEmbeddingConfig.from(JSON.readTree("{\"RAG_CONFIG\":{}}")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("RAG_CONFIG.Multi_Recall is missing");
        assertThatThrownBy(() -> LegacyEmbeddingConfig.from(JSON.readTree("{\"vector_dim\": 10.5}")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("vector_dim");
    }
}
