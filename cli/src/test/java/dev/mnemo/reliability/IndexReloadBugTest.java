package dev.mnemo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.RecordType;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store's own index file, saved on close, is loaded on the next open (not rebuilt). Twenty
 * stores per backend, since each store draws a random identity.
 *
 * <p>Disabled until the bug is fixed. {@code StoreIdentity} (core, store/StoreIdentity.java,
 * lines 17 and 37) puts a 20-bit tag above a 44-bit sequence: tags from 2^19 up set bit 63, so
 * the checkpoint is negative, and {@code IndexKeeper.open} (store/IndexKeeper.java, line 75:
 * {@code checkpoint < 0 || ...}) takes every such file for another store's. About half of all
 * stores rebuild their index from the database on every open, with a "belongs to another store"
 * warning: no data is lost, but open costs a full rebuild (minutes for a large HNSW index) and the
 * log cries wolf. Suggested fix: a 19-bit tag ({@code TAG_MASK = (1 << 19) - 1}), or keep 20 bits
 * and drop the {@code checkpoint < 0} test (tagOf already shifts unsigned).
 */
@Disabled("BUG: about half of all stores take their own index file for another store's and rebuild on every open")
@Tag("reliability")
class IndexReloadBugTest {
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
