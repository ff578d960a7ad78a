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
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Another store's index file (same backend, dimension and metric, so well-formed) put in place of
 * this store's: the store must notice it is not its own and rebuild from the database.
 *
 * <p>Disabled until the bug is fixed. {@code IndexKeeper.open} (core, store/IndexKeeper.java,
 * lines 69-77) accepts any file {@code provider.load} accepts and takes its checkpoint as the
 * position in this database's change log. Nothing in the file ties it to a store. When the other
 * store's checkpoint is behind ours, changes after it are replayed on top of the foreign vectors;
 * when it is ahead, {@code reconcileFully} only compares ids. Either way ids both stores use keep
 * the other store's vectors: {@code verify()} says consistent (it compares ids only), the open note
 * says "loaded", and a search for a record's own text does not find it (similarity 0.71 instead of
 * 1.0 for record 1 on every backend).
 */
@Disabled("BUG: a foreign store's index file is loaded as this store's (IndexKeeper.open has no store identity check)")
@Tag("reliability")
class ForeignIndexBugTest {
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
