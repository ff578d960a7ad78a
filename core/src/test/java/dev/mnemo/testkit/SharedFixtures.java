package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The fixtures the tests share, kept in the repository beside this class
 * ({@code core/src/test/resources/dev/mnemo/testkit/}) and shipped in core's test-jar, and the rule
 * for a system prerequisite a test cannot find: on CI ({@code CI=true}) the test fails, elsewhere it
 * is skipped.
 */
public final class SharedFixtures {
    /**
     * The Python store's files for four characters and one story (both legacy generations, with a
     * short-metadata defect), and in {@code MANIFEST.json} what a migration must make of them.
     */
    private static final String LEGACY_SMALL_MANIFEST = "legacy-small/MANIFEST.json";

    private SharedFixtures() {
    }

    /**
     * Copies the {@code legacy-small} fixture into {@code target} (created if missing) and returns
     * it: {@code target/MANIFEST.json} and {@code target/data/memory|saves/...}, all writable.
     * Works from the test classes directory and from inside core's test-jar alike.
     */
    public static synchronized Path copyLegacySmall(Path target) {
        URL manifest = SharedFixtures.class.getResource(LEGACY_SMALL_MANIFEST);
        if (manifest == null) {
            throw new IllegalStateException(LEGACY_SMALL_MANIFEST + " is missing from the test class path of "
                    + SharedFixtures.class.getName());
        }
        try {
            URI uri = manifest.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    copyTree(jar.provider().getPath(uri).getParent(), target);
                }
            } else {
                copyTree(Path.of(uri).getParent(), target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the legacy-small fixture from " + manifest, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("fixture location " + manifest, e);
        }
        return target;
    }

    /** Fails the test on CI, skips it elsewhere, unless {@code present}. */
    public static void require(boolean present, String what) {
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(what + " must be present on CI");
        }
        assumeTrue(present, what + " not found");
    }

    /** Copies a tree (from any file system) and makes the copy writable. */
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
