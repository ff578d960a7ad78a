package dev.mnemo.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a {@code main} class of the test class path in a new JVM (same java binary, same class
 * path), with its standard error in a file so a failing test can show what the child logged.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /**
     * @param jvmOptions extra JVM options (heap size, system properties)
     * @param env        extra environment variables
     * @param stderr     file receiving the child's standard error
     */
    static Process start(Class<?> main, List<String> jvmOptions, Map<String, String> env, Path stderr,
                         String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>();
        command.add(java);
        command.add("--enable-native-access=ALL-UNNAMED");
        // one GC thread keeps the child from crowding the 2-core machine
        command.add("-XX:+UseSerialGC");
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.redirectError(stderr.toFile());
        return pb.start();
    }

    /** A short-lived child: the C1 compiler only, which starts fastest. */
    static Process start(Class<?> main, Path stderr, String... args) throws IOException {
        return start(main, List.of(SHORT_LIVED), Map.of(), stderr, args);
    }

    /** JVM option for children that live a few seconds: skip the optimising compiler. */
    static final String SHORT_LIVED = "-XX:TieredStopAtLevel=1";

    /** The last lines of a child's standard error, for assertion messages. */
    static String tail(Path stderr) {
        try {
            List<String> lines = Files.readAllLines(stderr);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }
}
