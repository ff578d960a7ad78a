package dev.mnemo.embedding.siliconflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.InvalidInputException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SiliconFlowSettingsTest {

    private static SiliconFlowSettings read(Map<String, String> options, Map<String, String> env) {
        return SiliconFlowSettings.fromOptions(options, env::get);
    }

    @Test
    void defaultsMatchSiliconFlowAndBgeM3() {
        SiliconFlowSettings s = read(Map.of(), Map.of());
        assertThat(s.baseUrl()).isEqualTo(URI.create("https://api.siliconflow.cn/v1"));
        assertThat(s.endpoint()).isEqualTo(URI.create("https://api.siliconflow.cn/v1/embeddings"));
        assertThat(s.model()).isEqualTo("BAAI/bge-m3");
        assertThat(s.dimension()).isEqualTo(1024);
        assertThat(s.maxBatch()).isEqualTo(64);
        assertThat(s.hasApiKey()).isFalse();
        assertThat(s.retry().maxAttempts()).isEqualTo(4);
        assertThat(s.breaker().openDuration()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void keyComesFromTheOptionBeforeTheEnvironment() {
        assertThat(read(Map.of(), Map.of("MEMORY_API_KEY", "env-key")).apiKey().reveal()).isEqualTo("env-key");
        assertThat(read(Map.of(), Map.of("MEMORY_API_KEY", "env-key")).apiKeySource()).hasValue(
                "environment variable MEMORY_API_KEY");
        assertThat(read(Map.of("api-key", "opt-key"), Map.of("MEMORY_API_KEY", "env-key")).apiKey().reveal())
                .isEqualTo("opt-key");
        assertThat(read(Map.of("api-key", " "), Map.of("MEMORY_API_KEY", "  ")).hasApiKey()).isFalse();
    }

    @Test
    void readsEveryKnob() {
        SiliconFlowSettings s = read(Map.ofEntries(
                Map.entry("base-url", "http://localhost:8080/v1/embeddings/"), Map.entry("model", "Qwen/Qwen3-Embedding-0.6B"),
                Map.entry("dimension", "768"), Map.entry("max-batch", "16"), Map.entry("timeout", "PT2S"),
                Map.entry("retry.max-attempts", "6"), Map.entry("retry.jitter", "0.2"),
                Map.entry("breaker.window", "50"), Map.entry("rate-limit.period", "2m")), Map.of());
        assertThat(s.endpoint()).isEqualTo(URI.create("http://localhost:8080/v1/embeddings"));
        assertThat(s.model()).isEqualTo("Qwen/Qwen3-Embedding-0.6B");
        assertThat(s.dimension()).isEqualTo(768);
        assertThat(s.maxBatch()).isEqualTo(16);
        assertThat(s.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.retry().maxAttempts()).isEqualTo(6);
        assertThat(s.retry().jitter()).isEqualTo(0.2);
        assertThat(s.breaker().window()).isEqualTo(50);
        assertThat(s.rateLimit().period()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void malformedOptionsAreNamed() {
        assertThatThrownBy(() -> read(Map.of("max-batch", "0"), Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.embedding.siliconflow.max-batch must be a whole number from 1");
        assertThatThrownBy(() -> read(Map.of("timeout", "soon"), Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.embedding.siliconflow.timeout must be a duration");
        assertThatThrownBy(() -> read(Map.of("retry.jitter", "1"), Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("retry.jitter");
        assertThatThrownBy(() -> read(Map.of("base-url", "ftp://example.com"), Map.of()))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("base-url must be an http(s) URL");
        assertThatThrownBy(() -> read(Map.of("api_key", "x"), Map.of())).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("unknown option mnemo.embedding.siliconflow.api_key").hasMessageContaining("api-key");
    }

    @Test
    void keyWithControlCharactersIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> read(Map.of("api-key", "sk-abc\r\nX-Evil: 1"), Map.of()))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("mnemo.embedding.siliconflow.api-key")
                .hasMessageNotContaining("sk-abc");
    }
}
