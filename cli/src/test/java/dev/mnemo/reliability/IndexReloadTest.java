package dev.mnemo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.RecordType;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store's own index file, saved on close, is loaded on the next open (not rebuilt). Twenty
 * stores per backend, since each store draws a random identity.
 *
 * <p>With the first store identity tag (20 bits above a 44-bit sequence) about half of all stores
 * had a negative checkpoint, took their own file for another store's and rebuilt on every open;
 * fixed in core commit d4b4389 (19-bit tag).
 */
@Tag("reliability")
class IndexReloadTest {
    private static final int STORES = 20;

    @TempDir
    Path dataDir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.mnemo.reliability.ReliabilityBackends#available")
    void everyStoreLoadsItsOwnIndexOnReopen(String backend) {
        try (MemoryService service = TestStores.service(dataDir, backend)) {
            for (int i = 0; i < STORES; i++) {
                service.character("store" + i).add(MemoryDraft.of(RecordType.of("note"), "memory of store " + i, null));
            }
        }
        List<String> notes = new ArrayList<>();
        try (MemoryService service = TestStores.service(dataDir, backend)) {
            for (int i = 0; i < STORES; i++) {
                notes.add("store" + i + ": " + service.character("store" + i).indexOpenNote());
            }
        }
        assertThat(notes).allMatch(n -> n.contains(": loaded "), "every store loads its own index");
    }
}
