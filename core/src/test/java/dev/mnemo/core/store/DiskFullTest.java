package dev.mnemo.core.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.api.StorageException;
import dev.mnemo.core.config.MnemoConfig;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.SmallFileSystem;
import dev.mnemo.testkit.TestStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, for real: the database at its page limit ({@code PRAGMA max_page_count} through
 * {@code mnemo.db.max-size-mb}) and a size-limited tmpfs holding the whole store. The error says
 * "disk full" and names the file (not a follow-on failure of the rollback), nothing of a failed
 * batch is written, and the same open store works again once there is space.
 */
class DiskFullTest {
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void databaseAtItsSizeLimitFailsTheWholeBatchWithDiskFullAndWorksAgainAfterDeletes() {
        MnemoConfig config = TestStores.config(dir, "exact").set(MnemoConfig.DB_MAX_SIZE_MB, "1").build();
        try (MemoryService service = MemoryService.builder(config).embeddingModel(new HashingEmbeddingModel(64)).build()) {
            MemoryStore store = service.character("full");
            StorageException failure = null;
            int batch = 0;
            while (failure == null) {
                long before = store.stats().totalRecords();
                try {
                    store.addAll(drafts("batch " + batch++, 40, 900));
                } catch (StorageException e) {
                    failure = e;
                    // mid-batch: some of its rows fitted before the limit, none of them stayed
                    assertThat(store.stats().totalRecords()).isEqualTo(before);
                }
                assertThat(batch).as("the 1 MB limit must be reached").isLessThan(100);
            }
            assertThat(failure).hasMessageContaining("disk full")
                    .hasMessageContaining(store.databasePath().toString())
                    .hasMessageNotContaining("no transaction");
            assertThat(store.verify().consistent()).isTrue();

            long[] oldest = store.scan(0, 200).stream().mapToLong(r -> r.id()).toArray();
            store.delete(oldest);
            List<dev.mnemo.api.MemoryRecord> added = store.addAll(drafts("after the deletes", 40, 900));
            assertThat(store.get(added.get(39).id())).isPresent();
            assertThat(store.search("after the deletes 7", SearchRequest.defaults())).isNotEmpty();
            assertThat(store.verify().consistent()).isTrue();
        }
    }

    @Test
    void fullFileSystemFailsAWriteWithDiskFullAndTheOpenStoreWorksWhenSpaceReturns() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(dir, 8)) {
            try (MemoryService service = TestStores.service(fs.root(), "exact")) {
                MemoryStore store = service.character("tmpfs");
                store.addAll(drafts("before", 100, 100));
                fs.fill();
                assertThatThrownBy(() -> store.addAll(drafts("too much", 300, 4000)))
                        .isInstanceOf(StorageException.class)
                        .hasMessageContaining("disk full")
                        .hasMessageContaining(store.databasePath().toString())
                        .hasMessageNotContaining("no transaction");
                assertThat(store.stats().totalRecords()).isEqualTo(100);

                fs.free();
                store.addAll(drafts("space is back", 300, 4000));
                assertThat(store.stats().totalRecords()).isEqualTo(400);
                assertThat(store.verify().consistent()).isTrue();
            }
        }
    }

    @Test
    void fullFileSystemFailsTheIndexSaveAndKeepsTheOldFileUntilSpaceReturns() throws Exception {
        try (SmallFileSystem fs = SmallFileSystem.mount(dir, 8)) {
            try (MemoryService service = TestStores.service(fs.root(), "exact")) {
                MemoryStore store = service.character("index");
                store.addAll(drafts("saved", 300, 100));
                store.rebuildIndex();
                byte[] saved = Files.readAllBytes(store.indexPath());
                store.addAll(drafts("not yet saved", 100, 100));
                fs.fill();

                assertThatThrownBy(store::rebuildIndex)
                        .isInstanceOf(StorageException.class)
                        .hasMessageContaining("disk full")
                        .hasMessageContaining(store.indexPath().toString());
                assertThat(Files.readAllBytes(store.indexPath())).isEqualTo(saved);
                try (Stream<Path> files = Files.list(store.indexPath().getParent())) {
                    assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
                }

                fs.free();
                store.rebuildIndex();
                assertThat(store.verify().consistent()).isTrue();
                assertThat(store.stats().indexSize()).isEqualTo(400);
                assertThat(Files.readAllBytes(store.indexPath())).isNotEqualTo(saved);
            }
        }
    }

    private static List<MemoryDraft> drafts(String prefix, int count, int chars) {
        String padding = "x".repeat(Math.max(0, chars - prefix.length() - 8));
        return IntStream.range(0, count)
                .mapToObj(i -> MemoryDraft.of(RecordType.of("note"), prefix + " " + i + " " + padding, T0.plusSeconds(i)))
                .toList();
    }
}
