package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A size-limited file system (a tmpfs mount) for tests of a full disk, and a filler file that
 * takes its free space away and gives it back. Mounting needs root: without it the test is
 * skipped with the reason, except as root on CI ({@code CI=true}), where a mount that fails is a
 * test failure. Close to unmount.
 */
public final class SmallFileSystem implements AutoCloseable {
    private final Path mountPoint;
    private final Path filler;

    private SmallFileSystem(Path mountPoint) {
        this.mountPoint = mountPoint;
        this.filler = mountPoint.resolve("filler.bin");
    }

    /** Mounts a tmpfs of {@code megabytes} on a new folder under {@code parent}. */
    public static SmallFileSystem mount(Path parent, int megabytes) throws IOException, InterruptedException {
        boolean root = "0".equals(run("id", "-u").output());
        assumeTrue(root, "mounting a size-limited tmpfs needs root; this test runs as another user");
        Path dir = Files.createTempDirectory(parent, "small-fs");
        String output = run("mount", "-t", "tmpfs", "-o", "size=" + megabytes + "m", "tmpfs", dir.toString()).output();
        if (!isMounted(dir)) {
            Files.deleteIfExists(dir);
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("running as root on CI, but mounting a tmpfs failed: " + output);
            }
            assumeTrue(false, "mounting a tmpfs is not permitted here: " + output);
        }
        return new SmallFileSystem(dir);
    }

    /** The root of the small file system. */
    public Path root() {
        return mountPoint;
    }

    /** Fills every free byte with a filler file: afterwards any write that needs a new block fails with ENOSPC. */
    public void fill() throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException e) {
            if (Files.getFileStore(mountPoint).getUsableSpace() > block.length) {
                throw e; // not the disk filling up
            }
        }
    }

    /** Deletes the filler: the space is back. */
    public void free() throws IOException {
        Files.deleteIfExists(filler);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        String output = run("umount", mountPoint.toString()).output();
        if (isMounted(mountPoint)) {
            throw new IOException("cannot unmount " + mountPoint + ": " + output);
        }
        Files.deleteIfExists(mountPoint);
    }

    private static boolean isMounted(Path dir) throws IOException {
        String target = " " + dir.toAbsolutePath() + " ";
        return Files.readAllLines(Path.of("/proc/self/mounts")).stream().anyMatch(l -> l.contains(target));
    }

    private record Outcome(int code, String output) {
    }

    private static Outcome run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish");
        }
        return new Outcome(p.exitValue(), output);
    }
}
