package dev.mnemo.reliability;

import static dev.mnemo.reliability.TornIndexTest.RECORDS;
import static dev.mnemo.reliability.TornIndexTest.assertAllFindable;
import static dev.mnemo.reliability.TornIndexTest.fill;
import static dev.mnemo.reliability.TornIndexTest.indexFile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryRecord;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.TestStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Another store's index file (same backend, dimension and metric, so well-formed) put in place of
 * this store's: the store must notice it is not its own and rebuild from the database.
 *
 * <p>Before the store identity in the checkpoint (core commit 5013676) the file was loaded and
 * replayed onto: ids both stores use kept the other store's vectors while {@code verify()} said
 * consistent, and a search for a record's own text did not find it.
 */
@Tag("reliability")
class ForeignIndexTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> backendsAndSizes() {
        // fewer records: its checkpoint is behind ours and the log replays from there; more: it is ahead
        return ReliabilityBackends.available().stream()
                .flatMap(b -> Stream.of(Arguments.of(b, RECORDS / 2), Arguments.of(b, RECORDS * 2)));
    }

    @ParameterizedTest(name = "{0}: other store with {1} records")
    @MethodSource("backendsAndSizes")
    void anotherStoresIndexIsDetectedAndRebuilt(String backend, int otherRecords) throws IOException {
        Path dataDir = tmp.resolve("data");
        List<MemoryRecord> records = fill(dataDir, backend, "mine", "my own memory", RECORDS);
        fill(dataDir, backend, "other", "someone else entirely", otherRecords);
        Files.copy(indexFile(dataDir, backend, "other"), indexFile(dataDir, backend, "mine"),
                StandardCopyOption.REPLACE_EXISTING);

        try (MemoryService service = TestStores.service(dataDir, backend)) {
            MemoryStore store = service.character("mine");
            assertAllFindable(store, records);
            assertThat(store.indexOpenNote()).startsWith("rebuilt from the database");
        }
    }
}
