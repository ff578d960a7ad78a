package dev.mnemo.backend.faiss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.api.StorageException;
import dev.mnemo.api.vector.IndexCheckpoint;
import dev.mnemo.api.vector.IndexSpec;
import dev.mnemo.api.vector.VectorIndex;
import dev.mnemo.api.vector.VectorMetric;
import dev.mnemo.testkit.ClusteredVectors;
import dev.mnemo.testkit.SmallFileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saving a FAISS index onto a full file system (a small tmpfs): "disk full", the old file kept, fine once space is back. */
class FaissDiskFullTest {
    private static final int D = 32;

    @TempDir
    Path dir;

    @Test
    void saveOnAFullDiskSaysDiskFullKeepsTheOldFileAndWorksWhenSpaceReturns() throws Exception {
        FaissIndexProvider provider = FaissTestSupport.provider();
        IndexSpec spec = IndexSpec.of(D, VectorMetric.COSINE).withOption("factory", "Flat");
        float[][] data = ClusteredVectors.forCount(5, D, 4_000).data(4_000);
        try (SmallFileSystem fs = SmallFileSystem.mount(dir, 4);
             VectorIndex index = provider.create(spec)) {
            Path file = fs.root().resolve("store_faiss.index");
            index.addAll(ClusteredVectors.sequentialIds(1, 2_000), Arrays.copyOf(data, 2_000));
            index.save(file, new IndexCheckpoint("test", 1));
            byte[] saved = Files.readAllBytes(file);
            index.addAll(ClusteredVectors.sequentialIds(2_001, 2_000), Arrays.copyOfRange(data, 2_000, 4_000));
            fs.fill();

            assertThatThrownBy(() -> index.save(file, new IndexCheckpoint("test", 2)))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("disk full")
                    .hasMessageContaining(file.toString());
            assertThat(Files.readAllBytes(file)).isEqualTo(saved);
            try (Stream<Path> files = Files.list(fs.root())) {
                assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
            }

            fs.free();
            index.save(file, new IndexCheckpoint("test", 2));
            try (VectorIndex loaded = provider.load(file, spec)) {
                assertThat(loaded.size()).isEqualTo(4_000);
            }
        }
    }
}
