package dev.mnemo.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.InvalidInputException;
import dev.mnemo.api.UnknownProviderException;
import dev.mnemo.core.provider.VectorBackends;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MnemoConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsAreDocumented() {
        MnemoConfig c = MnemoConfig.defaults();
        assertThat(c.vectorBackend()).isEqualTo("auto");
        assertThat(c.embeddingProvider()).isEqualTo("onnx");
        assertThat(c.dataDir()).isEqualTo(Path.of("data"));
    }

    @Test
    void codeOverridesEnvironmentOverridesFile() throws Exception {
        Path file = dir.resolve("mnemo.properties");
        Files.writeString(file, "mnemo.vector.backend=jvector\nmnemo.vector.jvector.max-degree=16\n"
                + "mnemo.embedding.provider=siliconflow\nother.key=ignored\n");
        MnemoConfig c = MnemoConfig.builder().propertiesFile(file)
                .environment(Map.of("MNEMO_VECTOR_BACKEND", "faiss", "MNEMO_DATA_DIR", "/srv/data",
                        "MNEMO_EMBEDDING_SILICONFLOW_BASE_URL", "http://127.0.0.1:9/v1", "PATH", "/bin",
                        "MNEMO_EMBEDDING_SILICONFLOW_RETRY__MAX_ATTEMPTS", "2"))
                .set("mnemo.vector.backend", "exact").build();
        assertThat(c.vectorBackend()).isEqualTo("exact");
        assertThat(c.dataDir()).isEqualTo(Path.of("/srv/data"));
        assertThat(c.backendOptions("jvector")).containsEntry("max-degree", "16");
        assertThat(c.embeddingOptions("siliconflow")).containsEntry("base-url", "http://127.0.0.1:9/v1")
                .containsEntry("retry.max-attempts", "2");
        assertThat(c.get("other.key")).isNull();
    }

    @Test
    void malformedValuesFailAtBuildNamingTheKey() {
        assertThatThrownBy(() -> MnemoConfig.builder().set(MnemoConfig.INDEX_SAVE_EVERY, "often").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.index.save-every");
        assertThatThrownBy(() -> MnemoConfig.builder().set(MnemoConfig.RECENCY_WEIGHT, "2").build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("mnemo.search.recency-weight");
        assertThatThrownBy(() -> MnemoConfig.builder().set("vector.backend", "x"))
                .isInstanceOf(InvalidInputException.class);
    }

    @Test
    void secretsAreMaskedInDescriptions() {
        MnemoConfig c = MnemoConfig.builder().set("mnemo.embedding.siliconflow.api-key", "sk-very-secret").build();
        assertThat(c.toString()).doesNotContain("sk-very-secret").contains("****");
        assertThat(c.embeddingOptions("siliconflow")).containsEntry("api-key", "sk-very-secret");
    }

    @Test
    void unknownBackendListsTheKnownOnes() {
        assertThatThrownBy(() -> VectorBackends.discover().choose("annoy"))
                .isInstanceOf(UnknownProviderException.class)
                .hasMessageContaining("annoy").hasMessageContaining("auto").hasMessageContaining("exact");
    }

    @Test
    void autoFallsBackToWhatIsInstalled() {
        VectorBackends.Choice choice = VectorBackends.discover().choose("auto");
        assertThat(choice.provider().name()).isEqualTo("exact");
        assertThat(choice.note()).contains("faiss not installed").contains("jvector not installed");
    }
}
