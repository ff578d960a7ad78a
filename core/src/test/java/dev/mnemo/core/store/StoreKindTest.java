package dev.mnemo.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.UnknownProviderException;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreKindTest {
    @TempDir
    Path dir;

    @Test
    void sqliteIsTheDefaultKindAndKeepsOneFilePerStore() {
        try (MemoryService service = TestStores.service(dir, "exact")) {
            assertThat(service.storeKind()).isEqualTo("sqlite");
            MemoryStore store = service.character("Kafka");
            assertThat(store.databasePath()).isEqualTo(dir.toAbsolutePath().resolve("memory/Kafka/Kafka_memory.db"));
            assertThat(store.databaseLocation()).isEqualTo(store.databasePath().toString());
            assertThat(service.characters()).containsExactly("Kafka");
        }
    }

    @Test
    void anUnknownKindIsRefusedNamingTheInstalledOnes() {
        MnemoConfig config = TestStores.config(dir, "exact").set(MnemoConfig.STORE_KIND, "Nosuch").build();
        HashingEmbeddingModel model = new HashingEmbeddingModel(TestStores.DIMENSION);
        assertThatThrownBy(() -> MemoryService.builder(config).embeddingModel(model).build())
                .isInstanceOf(UnknownProviderException.class).hasMessageContaining("nosuch")
                .hasMessageContaining("sqlite");
    }
}
