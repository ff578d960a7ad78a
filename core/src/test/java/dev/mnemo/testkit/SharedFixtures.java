package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The read-only fixtures under {@code shared/fixtures} (beside the repository) and the rule for a
 * prerequisite a test cannot find: on CI ({@code CI=true}) the test fails, elsewhere it is skipped.
 */
public final class SharedFixtures {
    private SharedFixtures() {
    }

    /**
     * The {@code legacy-small} fixture: {@code -Dmnemo.legacyFixture=<path>}, or the first
     * {@code shared/fixtures/legacy-small} with a {@code MANIFEST.json} above the working directory.
     */
    public static Path legacySmall() {
        String configured = System.getProperty("mnemo.legacyFixture");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/legacy-small");
            if (Files.isRegularFile(candidate.resolve("MANIFEST.json"))) {
                return candidate;
            }
        }
        require(false, "shared/fixtures/legacy-small above " + Path.of("").toAbsolutePath()
                + " (or -Dmnemo.legacyFixture=<path>)");
        return null;
    }

    /** Fails the test on CI, skips it elsewhere, unless {@code present}. */
    public static void require(boolean present, String what) {
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(what + " must be present on CI");
        }
        assumeTrue(present, what + " not found");
    }

    /** Copies a tree and makes the copy writable (the fixtures are read-only; tests work on a copy). */
    public static void copyTree(Path from, Path to) {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
                target.toFile().setWritable(true);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
