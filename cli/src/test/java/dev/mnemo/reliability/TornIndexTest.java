package dev.mnemo.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mnemo.api.MemoryDraft;
import dev.mnemo.api.MemoryRecord;
import dev.mnemo.api.RecordType;
import dev.mnemo.api.SearchRequest;
import dev.mnemo.core.store.MemoryService;
import dev.mnemo.core.store.MemoryStore;
import dev.mnemo.testkit.HashingEmbeddingModel;
import dev.mnemo.testkit.TestStores;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A damaged or swapped index file: on open the store notices, rebuilds the index from the
 * database, says why in {@link MemoryStore#indexOpenNote()} and in the log, and then holds
 * exactly the database's records with their own vectors.
 */
@Tag("reliability")
class TornIndexTest {
    static final int RECORDS = 120;
    private static final SearchRequest TOP10 = SearchRequest.builder().k(10).recencyWeight(0).build();

    /** Ways a file gets damaged on disk. */
    enum Damage {
        TRUNCATED_TO_HALF, TRUNCATED_TO_EMPTY, TRUNCATED_BY_ONE_BYTE, ZERO_FILLED, PAYLOAD_BYTE_FLIPPED,
        TRAILING_GARBAGE, OTHER_BACKENDS_FILE
    }

    @TempDir
    Path tmp;

    private static final HashingEmbeddingModel MODEL = new HashingEmbeddingModel(TestStores.DIMENSION);

    static Stream<Arguments> backendsAndDamage() {
        List<Arguments> out = new ArrayList<>();
        for (String backend : ReliabilityBackends.available()) {
            for (Damage d : Damage.values()) {
                out.add(Arguments.of(backend, d));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("backendsAndDamage")
    void damagedIndexIsRebuiltFromTheDatabase(String backend, Damage damage) throws IOException {
        Path dataDir = tmp.resolve("data");
        List<MemoryRecord> records = fill(dataDir, backend, "torn", "kept memory", RECORDS);
        Path index = indexFile(dataDir, backend, "torn");
        damage(index, damage, backend);

        String log;
        try (StdCapture capture = new StdCapture();
             MemoryService service = TestStores.service(dataDir, backend)) {
            MemoryStore store = service.character("torn");
            log = capture.text();
            assertThat(store.indexOpenNote()).as("open note after %s", damage).startsWith("rebuilt from the database");
            assertAllFindable(store, records);
        }
        assertThat(log).as("the log says which file was rebuilt and why").contains(index.getFileName().toString())
                .contains("rebuilding it from the database");
        // the rebuilt file is good: the next open loads it
        try (MemoryService service = TestStores.service(dataDir, backend)) {
            MemoryStore store = service.character("torn");
            assertThat(store.indexOpenNote()).startsWith("loaded");
            assertAllFindable(store, records);
        }
    }

    static void assertAllFindable(MemoryStore store, List<MemoryRecord> records) {
        assertThat(store.verify().consistent()).as("index holds exactly the database's ids").isTrue();
        for (MemoryRecord r : records) {
            assertThat(store.search(MODEL.vector(r.text()), TOP10)).as("search for record %d", r.id())
                    .anyMatch(h -> h.record().id() == r.id() && h.similarity() > 0.999);
        }
    }

    static List<MemoryRecord> fill(Path dataDir, String backend, String name, String phrase, int n) {
        try (MemoryService service = TestStores.service(dataDir, backend)) {
            List<MemoryDraft> drafts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                drafts.add(MemoryDraft.of(RecordType.of("note"), phrase + " number " + i + " of " + name, null));
            }
            return service.character(name).addAll(drafts);
        }
    }

    static Path indexFile(Path dataDir, String backend, String name) {
        return dataDir.resolve("memory").resolve(name).resolve(name + "_" + backend + ".index");
    }

    private void damage(Path index, Damage damage, String backend) throws IOException {
        long size = Files.size(index);
        switch (damage) {
            case TRUNCATED_TO_HALF -> truncate(index, size / 2);
            case TRUNCATED_TO_EMPTY -> truncate(index, 0);
            case TRUNCATED_BY_ONE_BYTE -> truncate(index, size - 1);
            case ZERO_FILLED -> Files.write(index, new byte[(int) size]);
            case PAYLOAD_BYTE_FLIPPED -> {
                try (RandomAccessFile f = new RandomAccessFile(index.toFile(), "rw")) {
                    long at = size / 2; // past the header, before the checksum trailer
                    f.seek(at);
                    int b = f.read();
                    f.seek(at);
                    f.write(b ^ 0x5a);
                }
            }
            case TRAILING_GARBAGE -> Files.write(index, new byte[] {1, 2, 3, 4}, StandardOpenOption.APPEND);
            case OTHER_BACKENDS_FILE -> {
                String other = ReliabilityBackends.available().stream().filter(b -> !b.equals(backend)).findFirst()
                        .orElse(null);
                Assumptions.assumeTrue(other != null, "needs a second backend");
                Path otherData = tmp.resolve("other-backend");
                fill(otherData, other, "torn", "kept memory", RECORDS);
                Files.copy(indexFile(otherData, other, "torn"), index, StandardCopyOption.REPLACE_EXISTING);
            }
            default -> throw new IllegalArgumentException(damage.name());
        }
    }

    private static void truncate(Path file, long length) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(length);
        }
    }
}
