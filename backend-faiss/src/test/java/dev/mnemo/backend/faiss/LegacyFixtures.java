package dev.mnemo.backend.faiss;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the shared legacy fixture tree ({@code shared/fixtures/legacy-small}) beside the checkout
 * (CI lays {@code shared/} next to the clone) or at {@code /work/shared}. Missing fixtures fail on
 * CI and skip elsewhere.
 */
final class LegacyFixtures {
    private static final String RELATIVE = "shared/fixtures/legacy-small";

    private LegacyFixtures() {
    }

    static Path root() {
        String configured = System.getProperty("mnemo.fixtures.legacy-small");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        Path fallback = Path.of("/work").resolve(RELATIVE);
        if (Files.isDirectory(fallback)) {
            return fallback;
        }
        String reason = "legacy fixtures (" + RELATIVE + ") not found above " + Path.of("").toAbsolutePath();
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(reason);
        }
        assumeTrue(false, reason);
        return null;
    }

    /** Every {@code *_faiss.index} under {@code data/}, sorted by path. */
    static List<Path> faissFiles() throws IOException {
        try (Stream<Path> files = Files.walk(root().resolve("data"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("_faiss.index")).sorted().toList();
        }
    }
}
