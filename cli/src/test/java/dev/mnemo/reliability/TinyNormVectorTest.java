package dev.mnemo.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mnemo.api.InvalidVectorException;
import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryHit;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A vector with a tiny but non-zero norm (every component {@link Float#MIN_VALUE}) must be
 * refused or handled; it must never put non-finite similarities into search results.
 *
 * <p>Regression test for a fixed bug: {@code Vectors.normalized} (api, vector/Vectors.java,
 * line 39) sums squares in double (non-zero, so the store's check passes) but then computes
 * {@code float inv = (float) (1.0 / Math.sqrt(sum))}, which overflows to Infinity for norms below
 * about 3e-39: the normalised vector is all Infinity. Stored through {@code addAllWithVectors},
 * it gives NaN or Infinity similarity in every later search, whatever the query (the hit is
 * returned with score NaN and sorts unpredictably); as a query vector it makes every similarity
 * NaN. Suggested fix: divide in double per component ({@code (float) (v[i] / norm)}) and reject
 * the vector when the result is not finite or its float norm is not ~1.
 */
@Tag("reliability")
class TinyNormVectorTest {
    @TempDir
    Path dataDir;

    @ParameterizedTest
    @MethodSource("dev.mnemo.reliability.ReliabilityBackends#available")
    void aTinyStoredVectorIsRefusedOrHarmless(String backend) {
        try (MemoryService service = TestStores.service(dataDir, backend)) {
            MemoryStore store = service.character("tiny");
            store.add(MemoryDraft.of(RecordType.of("note"), "an ordinary memory about tea", null));
            float[] tiny = new float[TestStores.DIMENSION];
            Arrays.fill(tiny, Float.MIN_VALUE);
            Throwable refused = catchThrowable(() -> store.addAllWithVectors(
                    List.of(MemoryDraft.of(RecordType.of("note"), "imported with a tiny vector", null)), List.of(tiny), null));
            if (refused != null) {
                assertThat(refused).isInstanceOf(InvalidVectorException.class);
            }
            for (MemoryHit h : store.search("tea", SearchRequest.builder().k(10).build())) {
                assertThat(h.similarity()).as("similarity of %s", h.record().text()).isFinite();
                assertThat(h.score()).isFinite();
            }
            Throwable query = catchThrowable(() -> store.search(tiny, SearchRequest.defaults())
                    .forEach(h -> assertThat(h.similarity()).isFinite()));
            if (query != null) {
                assertThat(query).isInstanceOf(InvalidVectorException.class);
            }
        }
    }
}
