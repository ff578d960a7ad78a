package dev.mnemo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Runs {@link DurabilityChild} in a child JVM and kills it with SIGKILL after a number of acknowledgements. */
public final class CrashTests {
    private CrashTests() {
    }

    /**
     * What the child acknowledged before it was killed.
     *
     * @param added   acknowledged record ids with their texts
     * @param deleted acknowledged deletions (of records announced as temporary)
     */
    public record Acknowledged(Map<Long, String> added, Set<Long> deleted) {
    }

    /** Starts the child, waits for {@code acks} acknowledged adds, kills it with SIGKILL and returns what it acknowledged. */
    public static Acknowledged runAndKill(Path dataDir, String backend, String run, int acks) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), DurabilityChild.class.getName(),
                dataDir.toString(), backend, run);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process child = pb.start();
        Map<Long, String> added = new LinkedHashMap<>();
        Set<Long> deleted = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    String[] parts = line.split(" ", 3);
                    added.put(Long.parseLong(parts[1]), parts[2]);
                    if (added.size() >= acks) {
                        break;
                    }
                } else if (line.startsWith("DEL ")) {
                    deleted.add(Long.parseLong(line.substring(4)));
                }
            }
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no index save
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("child exited").isTrue();
        } finally {
            child.destroyForcibly();
        }
        assertThat(added).as("acknowledged adds before the kill").hasSizeGreaterThanOrEqualTo(acks);
        return new Acknowledged(added, deleted);
    }
}
