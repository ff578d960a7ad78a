package dev.mnemo.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.core.config.MnemoConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Which source a Mnemo key comes from, with Spring's precedence between sources. */
class MnemoConfigFactoryTest {

    /** An environment whose variables are these, and nothing else. */
    private static StandardEnvironment withVariables(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        variables));
        return environment;
    }

    @Test
    void environmentVariablesMapAsEverywhereInMnemo() {
        MnemoConfig config = MnemoConfigFactory.from(withVariables(Map.of("MNEMO_DATA_DIR", "/srv/memory",
                "MNEMO_VECTOR_BACKEND", "exact", "MNEMO_EMBEDDING_ONNX_MODEL", "bge-small-en-v15-q", "HOME", "/root")));

        assertThat(config.dataDir()).isEqualTo(Path.of("/srv/memory"));
        assertThat(config.vectorBackend()).isEqualTo("exact");
        assertThat(config.embeddingOptions("onnx")).containsEntry("model", "bge-small-en-v15-q");
    }

    @Test
    void springPrecedenceDecidesBetweenSources() {
        StandardEnvironment environment = withVariables(Map.of("MNEMO_VECTOR_BACKEND", "exact", "MNEMO_DB_POOL_SIZE", "5"));
        // like application.properties: below the environment variables
        environment.getPropertySources().addLast(new MapPropertySource("application", Map.of(
                "mnemo.vector.backend", "jvector", "mnemo.search.mode", "vector", "mnemo.spring.character", "Kafka")));
        // like a command-line argument: above everything
        environment.getPropertySources().addFirst(new MapPropertySource("commandLine", Map.of("mnemo.db.pool-size", "2")));

        MnemoConfig config = MnemoConfigFactory.from(environment);

        assertThat(config.vectorBackend()).isEqualTo("exact");
        assertThat(config.poolSize()).isEqualTo(2);
        assertThat(config.get("mnemo.search.mode")).isEqualTo("vector");
        assertThat(config.get("mnemo.spring.character")).isNull();
        assertThat(config.dataDir()).isEqualTo(Path.of("data"));
    }
}
