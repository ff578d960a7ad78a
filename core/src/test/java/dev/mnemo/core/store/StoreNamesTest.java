package dev.mnemo.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.InvalidNameException;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StoreNamesTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"..", "../escape", "a/b", "a\\b", "/etc", "nul\u0000byte", "", "  ", ".", "x..y",
        "C:evil", " padded", "line\nbreak"})
    void refusesNamesThatCouldEscapeOrConfuse(String name) {
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            assertThatThrownBy(() -> service.character(name)).isInstanceOf(InvalidNameException.class);
            assertThatThrownBy(() -> service.story(name)).isInstanceOf(InvalidNameException.class);
        }
        assertThat(dataDir.resolve("memory")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(),
                p -> assertThat(Files.list(p)).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"银狼", "存档_二", "March_7th", "Silver Wolf", "kafka-2"})
    void acceptsOrdinaryUnicodeNames(String name) {
        assertThat(StoreNames.check("character", name)).isEqualTo(name);
    }

    @Test
    void refusesOverlongNames() {
        assertThatThrownBy(() -> StoreNames.check("character", "x".repeat(101)))
                .isInstanceOf(InvalidNameException.class).hasMessageContaining("longer than 100");
    }
}
