package dev.mnemo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A record dated more than about 292 years from now (a legal timestamp: the legacy importer
 * accepts years 1-9999) must not break searches.
 *
 * <p>Regression test for a fixed bug: {@code Ranking.recency} (core, store/Ranking.java, lines 16-17)
 * computes {@code Duration.between(timestamp, now).toNanos()}, which overflows a long beyond
 * about 292 years and throws {@code ArithmeticException: long overflow}. Every search with a
 * recency weight above 0 (the default is 0.1) whose candidates include such a record fails, so
 * one record dated 1700 makes the store unsearchable. {@code halfLife.toNanos()} overflows the
 * same way for a half-life over 292 years. Suggested fix: compute ages in seconds as doubles
 * ({@code getSeconds() + getNano() / 1e9}).
 */
@Tag("reliability")
class DistantRecordRankingTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"1700-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T00:00:00Z"})
    void aSearchFindsARecordCenturiesAway(String timestamp) {
        try (MemoryService service = TestStores.service(dataDir, "exact")) {
            MemoryStore store = service.character("history");
            store.add(MemoryDraft.of(RecordType.of("event"), "the founding of the old city", Instant.parse(timestamp)));
            assertThat(store.search("founding of the city", SearchRequest.defaults())).hasSize(1);
        }
    }
}
