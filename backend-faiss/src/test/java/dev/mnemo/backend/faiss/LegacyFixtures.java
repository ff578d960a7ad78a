package dev.mnemo.backend.faiss;

import dev.mnemo.testkit.SharedFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The FAISS files the Python store wrote, from the testkit's {@code legacy-small} fixture. */
final class LegacyFixtures {
    private LegacyFixtures() {
    }

    /** Copies the fixture under {@code scratch}; returns every {@code *_faiss.index} of the copy, sorted by path. */
    static List<Path> faissFiles(Path scratch) throws IOException {
        Path root = SharedFixtures.copyLegacySmall(scratch.resolve("legacy-small"));
        try (Stream<Path> files = Files.walk(root.resolve("data"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("_faiss.index")).sorted().toList();
        }
    }
}
